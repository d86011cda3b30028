/**
 * Adds one PAdES B-B signature to a PDF. An unsigned PDF is first rewritten once (pdf-lib,
 * no object streams) with a signature page; a signed PDF is only ever appended to, so every
 * earlier signature stays valid. Earlier signatures are checked first, and the new one is
 * checked with the product's own verifier before the bytes are returned.
 */
import type { SignatureTimestamper } from '../pdf-signature/cms-build';
import { findSignatures } from '../pdf-signature/find-signatures';
import type { PdfSignatureReport } from '../pdf-signature/signature-report';
import { verifyPdfSignatures } from '../pdf-signature/verify-pdf';
import { parseCertificate } from '../pdf-signature/x509';
import { signatureAppearance } from './appearance';
import { fillCadesSignature } from './cades-signer';
import type { SigningFontBytes } from './embedded-fonts';
import type { KeySource } from './key-source';
import { declaresPdfA } from './pdfa-declaration';
import { addSignaturePlaceholder } from './signature-placeholder';
import { prepareUnsignedPdf } from './signature-page';
import { SigningError } from './signing-error';

export interface SignOptions {
  /** Shown in the box; defaults to the certificate's common name. */
  readonly name?: string;
  readonly role?: string;
  readonly reason?: string;
  readonly location?: string;
  readonly signingTime: Date;
  /** A box on the signature page (default) or no visible mark. */
  readonly visible?: boolean;
  readonly timestamp?: SignatureTimestamper;
  /**
   * TrueType bytes (Liberation Sans in the product) for the signature page and the box, embedded
   * as subsets. Without them the standard fonts are used, which are not embedded: a PDF/A input is
   * then refused rather than silently made non-conforming.
   */
  readonly fonts?: SigningFontBytes;
}

/** Room for the CMS: certificates and signature fit in 8 KiB; a timestamp token needs as much again. */
const SIGNATURE_LENGTH = 8192;
const TIMESTAMP_LENGTH = 8192;

export async function signPdf(pdf: Uint8Array, keySource: KeySource, options: SignOptions): Promise<Uint8Array> {
  const visible = options.visible ?? true;
  const alreadySigned = findSignatures(pdf).length > 0;
  if (alreadySigned) refuseBrokenInput(verifyPdfSignatures(pdf));
  if (visible && !options.fonts && (await declaresPdfA(pdf)))
    throw new SigningError('pdfa-needs-fonts', 'the PDF is PDF/A: a visible signature needs font bytes to embed (SignOptions.fonts)');
  const base = alreadySigned ? pdf : await prepareUnsignedPdf(pdf, visible, options.fonts);

  const cert = parseCertificate(keySource.certificate);
  const name = options.name ?? cert.subjectCommonName ?? cert.subject;
  const issuer = /(?:^|, )CN=([^,]+)/.exec(cert.issuer)?.[1] ?? cert.issuer;
  const prepared = await addSignaturePlaceholder(base, {
    subFilter: 'ETSI.CAdES.detached',
    signingTime: options.signingTime,
    name,
    reason: options.reason,
    location: options.location,
    signatureLength: SIGNATURE_LENGTH + (options.timestamp ? TIMESTAMP_LENGTH : 0),
    appearance: visible
      ? (firstFree) =>
          signatureAppearance(
            { name, role: options.role, signingTime: options.signingTime, reason: options.reason, issuer },
            firstFree,
            options.fonts,
          )
      : undefined,
  });

  const signed = await fillCadesSignature(prepared, keySource, options.timestamp);

  const added = verifyPdfSignatures(signed).signatures.at(-1);
  if (!added || added.status !== 'valid' || added.coveredEnd !== signed.length) {
    throw new SigningError('self-check-failed', `the new signature did not verify (${added?.code ?? 'not found'})`);
  }
  return signed;
}

/** Codes that prove an earlier signature broken (an algorithm this verifier cannot check proves nothing). */
const BROKEN = new Set(['byte-range-invalid', 'cms-malformed', 'digest-mismatch', 'signature-invalid', 'signing-certificate-mismatch']);

/** Co-signing a document whose earlier signatures are broken, or that was changed after them, would endorse the change. */
function refuseBrokenInput(report: PdfSignatureReport): void {
  const broken = report.signatures.filter((s) => BROKEN.has(s.code));
  if (broken.length)
    throw new SigningError(
      'existing-signature-invalid',
      `earlier signature ${broken.map((s) => `#${s.index} (${s.code})`).join(', ')} is not valid`,
    );
  if (report.changedAfterLastSignature)
    throw new SigningError('existing-signature-invalid', 'the PDF was changed after its last signature');
}
