// `npm run verify-pdf -- <file.pdf> [--trust ca.pem ...] [--json]`: prints every signature in a PDF,
// its status, and whether its certificate was valid when it signed and (with --trust, CA
// certificates as PEM or DER) chains to a trusted CA. Exit 0 only when there is at least one
// signature, all are valid, cover their revisions, nothing was appended after the last, none was
// made with a certificate outside its validity, and (with --trust) all are trusted; 1 otherwise;
// 2 on bad usage or an unreadable file.
import { readFile } from 'node:fs/promises';
import forge from 'node-forge';
import { parseArgs } from 'node:util';
import type { PdfSignatureReport, SignatureCheck } from '../shared/src/pdf-signature/signature-report';
import type { TrustCode } from '../shared/src/pdf-signature/trust';
import { verifyPdfSignatures } from '../shared/src/pdf-signature/verify-pdf';
import { parseCertificate, type CertificateInfo } from '../shared/src/pdf-signature/x509';

const USAGE = 'usage: npm run verify-pdf -- <file.pdf> [--trust ca.pem ...] [--json]\n';

/** Without a trust list only the certificate's validity at signing time can be judged. */
const FAILS_WITHOUT_TRUST_LIST: ReadonlySet<TrustCode> = new Set(['expired', 'not-yet-valid', 'no-signing-time']);

/** Every certificate in a PEM file (or one DER certificate). */
async function readCertificates(file: string): Promise<CertificateInfo[]> {
  const bytes = await readFile(file);
  const text = bytes.toString('latin1');
  if (!text.includes('-----BEGIN CERTIFICATE-----')) return [parseCertificate(new Uint8Array(bytes))];
  return forge.pem
    .decode(text)
    .filter((p) => p.type === 'CERTIFICATE')
    .map((p) => parseCertificate(new Uint8Array(Buffer.from(p.body, 'binary'))));
}

function describe(s: SignatureCheck, trustListGiven: boolean): string {
  const lines = [
    `Signature #${s.index}: ${s.status.toUpperCase()} (${s.code}${s.detail ? `: ${s.detail}` : ''})`,
    `  signer:      ${s.signerSubject ?? 'unknown'}`,
    `  issuer:      ${s.issuer ?? 'unknown'}`,
    `  serial:      ${s.serialNumber ?? 'unknown'}`,
    `  signed at:   ${s.signingTime ?? 'unknown'}${s.signingTimeSource ? ` (${s.signingTimeSource === 'cms' ? 'CMS signingTime' : 'PDF /M'})` : ''}`,
    `  subFilter:   ${s.subFilter ?? 'none'}`,
    ...(s.name ? [`  name:        ${s.name}`] : []),
    ...(s.reason ? [`  reason:      ${s.reason}`] : []),
    ...(s.location ? [`  location:    ${s.location}`] : []),
    `  ESS signing certificate: ${s.essSigningCertificate ?? 'not checked'}; timestamp token: ${s.timestamped ? 'present (not checked)' : 'none'}`,
    `  covers its whole revision: ${s.coversWholeRevision ? 'yes' : 'NO'} (bytes 0–${s.coveredEnd})`,
    ...(s.trust
      ? [
          `  certificate: ${s.trust.toUpperCase()}${trustListGiven || s.trust !== 'untrusted' ? '' : ' (no --trust CA given)'}; chain: ${(s.chain ?? []).join(' → ')}`,
        ]
      : []),
  ];
  return lines.join('\n');
}

function trustFailures(r: PdfSignatureReport, trustListGiven: boolean): number {
  return r.signatures.filter(
    (s) => s.trust !== undefined && s.trust !== 'trusted' && (trustListGiven || FAILS_WITHOUT_TRUST_LIST.has(s.trust)),
  ).length;
}

function summary(r: PdfSignatureReport, trustListGiven: boolean): string {
  if (!r.signatures.length) return 'No signatures found.';
  const failures = trustFailures(r, trustListGiven);
  if (r.allValid && failures > 0)
    return `NOT TRUSTED: ${failures} of ${r.signatures.length} signature(s) by a certificate that was ${trustListGiven ? 'not trusted or not valid' : 'not valid'} when it signed.`;
  const changed = r.changedAfterLastSignature
    ? `CHANGED after the last signature (${r.fileSize} bytes, last signature covers ${Math.max(...r.signatures.map((s) => s.coveredEnd))})`
    : 'unchanged after the last signature';
  return `${r.allValid ? 'VALID' : 'NOT VALID'}: ${r.signatures.length} signature(s), ${changed}.`;
}

async function main(): Promise<number> {
  let file: string;
  let json: boolean | undefined;
  let trustFiles: string[];
  try {
    const { values, positionals } = parseArgs({
      args: process.argv.slice(2).filter((a) => a !== '--'),
      allowPositionals: true,
      options: { json: { type: 'boolean' }, trust: { type: 'string', multiple: true } },
    });
    if (positionals.length !== 1) throw new Error(`expected 1 argument, got ${positionals.length}`);
    file = positionals[0]!;
    json = values.json;
    trustFiles = values.trust ?? [];
  } catch (e) {
    process.stderr.write(`verify-pdf: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  let pdf: Uint8Array;
  try {
    pdf = await readFile(file);
  } catch (e) {
    process.stderr.write(`verify-pdf: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
    return 2;
  }
  const anchors: CertificateInfo[] = [];
  for (const f of trustFiles) {
    try {
      anchors.push(...(await readCertificates(f)));
    } catch (e) {
      process.stderr.write(
        `verify-pdf: cannot read CA certificates from ${f}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`,
      );
      return 2;
    }
  }
  const given = trustFiles.length > 0;
  const report = verifyPdfSignatures(pdf, { anchors });
  process.stdout.write(
    json
      ? `${JSON.stringify(report, null, 2)}\n`
      : `${[...report.signatures.map((s) => describe(s, given)), summary(report, given)].join('\n')}\n`,
  );
  return report.allValid && trustFailures(report, given) === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`verify-pdf: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(2);
  },
);
