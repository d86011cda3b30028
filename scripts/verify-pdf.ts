// `npm run verify-pdf -- <file.pdf> [--json]`: prints every signature in a PDF and its status.
// Exit 0 only when there is at least one signature, all are valid and cover their revisions,
// and nothing was appended after the last; 1 otherwise; 2 on bad usage or an unreadable file.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { PdfSignatureReport, SignatureCheck } from '../shared/src/pdf-signature/signature-report';
import { verifyPdfSignatures } from '../shared/src/pdf-signature/verify-pdf';

const USAGE = 'usage: npm run verify-pdf -- <file.pdf> [--json]\n';

function describe(s: SignatureCheck): string {
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
  ];
  return lines.join('\n');
}

function summary(r: PdfSignatureReport): string {
  if (!r.signatures.length) return 'No signatures found.';
  const changed = r.changedAfterLastSignature ? `CHANGED after the last signature (${r.fileSize} bytes, last signature covers ${Math.max(...r.signatures.map((s) => s.coveredEnd))})` : 'unchanged after the last signature';
  return `${r.allValid ? 'VALID' : 'NOT VALID'}: ${r.signatures.length} signature(s), ${changed}.`;
}

async function main(): Promise<number> {
  let file: string;
  let json: boolean | undefined;
  try {
    const { values, positionals } = parseArgs({ args: process.argv.slice(2).filter((a) => a !== '--'), allowPositionals: true, options: { json: { type: 'boolean' } } });
    if (positionals.length !== 1) throw new Error(`expected 1 argument, got ${positionals.length}`);
    file = positionals[0]!;
    json = values.json;
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
  const report = verifyPdfSignatures(pdf);
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : `${[...report.signatures.map(describe), summary(report)].join('\n')}\n`);
  return report.allValid ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`verify-pdf: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(2);
  },
);
