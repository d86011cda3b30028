// `npm run redact -- <in.pdf> <masks.json> <out.pdf>`: writes a masked copy of a PDF that cannot be
// unmasked (see shared/src/redaction). Exit 0 on success; 1 when the PDF or the masks are
// unusable (encrypted, malformed, bad JSON); 2 on bad usage. Never leaves a partial output file.
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { RedactionMasks } from '../shared/src/model/redaction';
import { RedactionError, redactPdf } from '../shared/src/redaction';
import { nodeRedactionPlatform } from './lib/node-redaction-platform';

const USAGE = 'usage: npm run redact -- <in.pdf> <masks.json> <out.pdf>\n';

class CliError extends Error {}

async function readInput(path: string, what: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new CliError(`cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

function parseMasks(raw: Uint8Array, path: string): RedactionMasks {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch (e) {
    throw new CliError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = RedactionMasks.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new CliError(`${path} is not a valid masks file:\n${issues}`);
  }
  return parsed.data;
}

/** Writes next to the target and renames, so the target is either absent or complete. */
async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, bytes, { flag: 'wx' });
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw new CliError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.length !== 3) {
    process.stderr.write(`redact: expected 3 arguments, got ${args.length}\n${USAGE}`);
    return 2;
  }
  const [inPath, masksPath, outPath] = args as [string, string, string];
  if (resolve(inPath) === resolve(outPath)) {
    process.stderr.write('redact: the output must not overwrite the original\n');
    return 2;
  }
  try {
    const masks = parseMasks(await readInput(masksPath, 'masks file'), masksPath);
    const pdf = await readInput(inPath, 'PDF');
    const result = await redactPdf(pdf, masks, nodeRedactionPlatform);
    await writeAtomically(outPath, result.pdf);
    const by = (s: string) => result.boxes.filter((b) => b.source === s).length;
    process.stdout.write(
      `Masked copy written to ${outPath}: ${result.pageCount} page(s), ${result.boxes.length} box(es) ` +
        `(${by('manual')} drawn, ${by('term')} by term, ${by('suggestion')} by suggestion), ` +
        `${result.textLayerWords} word(s) kept as searchable text.\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof CliError || e instanceof RedactionError || e instanceof z.ZodError) {
      process.stderr.write(`redact: ${e instanceof RedactionError ? `${inPath}: ` : ''}${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`redact: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
