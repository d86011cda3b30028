/** Runs the independent Debian tools the signing tests check against; a missing tool fails the test. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function tool(name: 'pdfsig' | 'openssl' | 'qpdf' | 'pdftotext'): string {
  const path = `/usr/bin/${name}`;
  if (!existsSync(path))
    throw new Error(`${name} is required by this test but ${path} does not exist (install poppler-utils, openssl and qpdf)`);
  return path;
}

export function run(
  name: 'pdfsig' | 'openssl' | 'qpdf' | 'pdftotext',
  args: string[],
  input?: Uint8Array,
): { status: number; stdout: string; stderr: string } {
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
