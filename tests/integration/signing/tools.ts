/** Runs the independent Debian tools the signing tests check against; a missing tool fails the test. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

type Tool = 'pdfsig' | 'openssl' | 'qpdf' | 'pdftotext' | 'pdffonts' | 'pdfinfo';

export function tool(name: Tool): string {
  const path = `/usr/bin/${name}`;
  if (!existsSync(path))
    throw new Error(`${name} is required by this test but ${path} does not exist (install poppler-utils, openssl and qpdf)`);
  return path;
}

export function run(name: Tool, args: string[], input?: Uint8Array): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(tool(name), args, { input, encoding: 'buffer' });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

export function openssl(args: string[]): void {
  execFileSync(tool('openssl'), args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

export interface PdfsigSignature {
  readonly signerName?: string;
  readonly validation?: string;
  readonly totalDocumentSigned: boolean;
  readonly subFilter?: string;
}

/** Parses `pdfsig` output per signature; its exit status says nothing about validity. */
export function pdfsig(file: string): PdfsigSignature[] {
  const { stdout, stderr, status } = run('pdfsig', [file]);
  if (status !== 0 && !stdout.includes('Signature #')) throw new Error(`pdfsig failed (${status}): ${stderr}`);
  return stdout
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => ({
      signerName: /Signer Certificate Common Name: (.*)/.exec(block)?.[1]?.trim(),
      validation: /Signature Validation: (.*)/.exec(block)?.[1]?.trim(),
      totalDocumentSigned: /Total document signed/.test(block),
      subFilter: /Signature Type: (.*)/.exec(block)?.[1]?.trim(),
    }));
}

export interface PdffontsRow {
  readonly name: string;
  readonly embedded: boolean;
  readonly line: string;
}

/** Parses `pdffonts` output, one row per font object: name, type (one or more words), encoding, emb, sub, uni, object, generation. */
export function pdffonts(file: string): PdffontsRow[] {
  const { stdout, stderr, status } = run('pdffonts', [file]);
  if (status !== 0) throw new Error(`pdffonts failed (${status}): ${stderr}`);
  return stdout
    .trimEnd()
    .split('\n')
    .slice(2)
    .map((line) => {
      const c = line.trim().split(/\s+/);
      return { name: c[0]!, embedded: c[c.length - 5] === 'yes', line };
    });
}
