// `npm run sign -- <in.pdf> <key.p12> <password> <out.pdf> [--name N] [--role R] [--reason T]
// [--location L] [--invisible]`: adds a PAdES B-B signature (incrementally when the input is
// already signed). The signature page and box are drawn in embedded Liberation Sans (pdf.js' copy
// in node_modules), so a PDF/A input stays PDF/A. Exit 0 when signed, 1 when signing failed, 2 on bad usage.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyPdfSignatures } from '../shared/src/pdf-signature/verify-pdf';
import { KeySourceError, pkcs12KeySource, SigningError, signPdf, type KeySource } from '../shared/src/signing';
import { signingFonts } from '../sync-server/src/files/signing-fonts';
import { writeFileAtomic } from './lib/write-atomic';

const USAGE =
  'usage: npm run sign -- <in.pdf> <key.p12> <password> <out.pdf> [--name N] [--role R] [--reason T] [--location L] [--invisible]\n';

function parse() {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      reason: { type: 'string' },
      location: { type: 'string' },
      invisible: { type: 'boolean' },
    },
  });
  if (positionals.length !== 4) throw new Error(`expected 4 arguments, got ${positionals.length}`);
  const [input, key, password, output] = positionals as [string, string, string, string];
  return { input, key, password, output, ...values };
}

async function pkcs12KeySourceFromFile(path: string, password: string): Promise<KeySource> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new KeySourceError('unreadable', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return pkcs12KeySource(bytes, password, `PKCS#12 file ${basename(path)}`);
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (e) {
    process.stderr.write(`sign: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  let pdf: Uint8Array;
  try {
    pdf = await readFile(args.input);
  } catch (e) {
    process.stderr.write(`sign: cannot read ${args.input}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
    return 2;
  }
  const keySource = await pkcs12KeySourceFromFile(args.key, args.password);
  const signed = await signPdf(pdf, keySource, {
    name: args.name,
    role: args.role,
    reason: args.reason,
    location: args.location,
    signingTime: new Date(),
    visible: !args.invisible,
    fonts: await signingFonts(),
  });
  await writeFileAtomic(args.output, signed);
  const last = verifyPdfSignatures(signed).signatures.at(-1)!;
  process.stdout.write(
    `signed ${args.output}: signature #${last.index} by ${last.signerCommonName ?? last.signerSubject} (${last.subFilter})\n`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const known = err instanceof KeySourceError || err instanceof SigningError;
    process.stderr.write(`sign: ${known ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
