/** Verifies every signature in a PDF and whether the file changed after the last one. */
import { toBinaryString } from './bytes';
import { checkCms } from './cms-verify';
import { findSignatures, type FoundSignature } from './find-signatures';
import type { PdfSignatureReport, SignatureCheck, SignatureCode } from './signature-report';
import { checkTrust } from './trust';
import type { CertificateInfo } from './x509';

export interface TrustOptions {
  /** The CA certificates on the trust list. */
  readonly anchors: readonly CertificateInfo[];
}

/** The byte range as [start1, length1, start2, length2], validated against the file and the /Contents position. */
function rangeProblem(sig: FoundSignature, fileSize: number): string | undefined {
  const r = sig.byteRange;
  if (r.length !== 4 || !r.every((n) => Number.isSafeInteger(n) && n >= 0)) return 'not four non-negative integers';
  const [a, b, c, d] = r as [number, number, number, number];
  if (a !== 0) return 'does not start at 0';
  if (b !== sig.contentsStart || c !== sig.contentsEnd) return "does not exclude exactly this signature's /Contents";
  if (c + d > fileSize) return 'runs past the end of the file';
  return undefined;
}

/** A revision ends with `%%EOF` and an optional end of line (ISO 32000-1 §7.5.5). */
function endsRevision(pdf: Uint8Array, end: number): boolean {
  let at = end;
  if (pdf[at - 1] === 0x0a) at--;
  if (pdf[at - 1] === 0x0d) at--;
  return at >= 5 && toBinaryString(pdf, at - 5, at) === '%%EOF';
}

function checkOne(pdf: Uint8Array, sig: FoundSignature, index: number, trust: TrustOptions | undefined): SignatureCheck {
  const [, b = 0, c = 0, d = 0] = sig.byteRange;
  const base = {
    index,
    objectNumber: sig.objectNumber,
    subFilter: sig.subFilter,
    name: sig.name,
    reason: sig.reason,
    location: sig.location,
    contactInfo: sig.contactInfo,
    timestamped: false,
    coveredEnd: c + d,
    coversWholeRevision: false,
    ...(sig.claimedTime ? { signingTime: sig.claimedTime.toISOString(), signingTimeSource: 'pdf' as const } : {}),
  };
  const verdict = (code: SignatureCode, detail?: string) => ({
    status: code === 'ok' ? ('valid' as const) : ('invalid' as const),
    code,
    ...(detail ? { detail } : {}),
  });

  const problem = rangeProblem(sig, pdf.length);
  if (problem) return { ...base, ...verdict('byte-range-invalid', problem) };
  const covered = { ...base, coversWholeRevision: endsRevision(pdf, c + d) };
  if (sig.subFilter === 'ETSI.RFC3161') return { ...covered, ...verdict('unsupported-algorithm', 'document timestamps are not checked') };

  const check = checkCms(sig.contents, [pdf.subarray(0, b), pdf.subarray(c, c + d)]);
  if (check.kind === 'malformed') return { ...covered, ...verdict('cms-malformed', check.detail) };
  if (check.kind === 'signer-certificate-missing') return { ...covered, ...verdict('signer-certificate-missing') };
  const signer = check.signer && {
    signerCommonName: check.signer.subjectCommonName,
    signerSubject: check.signer.subject,
    issuer: check.signer.issuer,
    serialNumber: check.signer.serialHex,
    certificateValidFrom: check.signer.notBefore?.toISOString(),
    certificateValidTo: check.signer.notAfter?.toISOString(),
  };
  if (check.kind === 'unsupported') return { ...covered, ...signer, ...verdict('unsupported-algorithm', check.detail) };

  const facts = {
    ...covered,
    ...signer,
    essSigningCertificate: check.essAttribute,
    timestamped: check.timestamped,
    ...(check.signingTime ? { signingTime: check.signingTime.toISOString(), signingTimeSource: 'cms' as const } : {}),
    // The CMS signingTime, else the dictionary's /M (PAdES puts it there, not in the CMS); both are
    // signed (the byte range covers the dictionary) but claimed by the signer, not a timestamp.
    ...(trust ? checkTrust(check.signer, check.certificates, trust.anchors, check.signingTime ?? sig.claimedTime) : {}),
  };
  if (!check.digestMatches) return { ...facts, ...verdict('digest-mismatch') };
  if (!check.signatureMatches) return { ...facts, ...verdict('signature-invalid') };
  if (check.essAttribute !== 'absent' && !check.essMatches) return { ...facts, ...verdict('signing-certificate-mismatch') };
  if (check.essAttribute === 'absent' && sig.subFilter === 'ETSI.CAdES.detached')
    return { ...facts, ...verdict('signing-certificate-missing') };
  return { ...facts, ...verdict('ok') };
}

/** With `trust`, each checked signature also says whether its certificate is trusted at its signing time. */
export function verifyPdfSignatures(pdf: Uint8Array, trust?: TrustOptions): PdfSignatureReport {
  const signatures = findSignatures(pdf).map((sig, i) => checkOne(pdf, sig, i + 1, trust));
  const lastEnd = Math.max(0, ...signatures.map((s) => s.coveredEnd));
  const changedAfterLastSignature = signatures.length > 0 && lastEnd < pdf.length;
  return {
    fileSize: pdf.length,
    signatures,
    changedAfterLastSignature,
    allValid: signatures.length > 0 && !changedAfterLastSignature && signatures.every((s) => s.status === 'valid' && s.coversWholeRevision),
  };
}
