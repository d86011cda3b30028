import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { reportPath, type ReportKind } from '../../../shared/src/protocol/reports';

/** The text without line-break hyphens and white space: a secret wrapped in a narrow column is still found. */
export const squashed = (text: string) => text.replace(/-\n/g, '').replace(/\s+/g, '');

type Tool = 'pdftotext' | 'pdffonts' | 'pdfinfo' | 'qpdf';

function tool(name: Tool): string {
  const file = `/usr/bin/${name}`;
  if (!existsSync(file))
    throw new Error(`${name} is required by this test but ${file} does not exist (apt-get install poppler-utils qpdf)`);
  return file;
}

export function run(name: Tool, args: string[]): { status: number; stdout: string } {
  const r = spawnSync(tool(name), args, { encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout };
}

export async function report(
  serverUrl: string,
  token: string | null,
  kind: string,
  body: unknown,
): Promise<{ status: number; type: string; body: Buffer }> {
  const res = await fetch(`${serverUrl}${reportPath(kind as ReportKind)}`, {
    method: 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
}

/**
 * The report as a file in `work`, checked by qpdf, pdffonts and pdfinfo; returns the file and its
 * text (pdftotext, raw order so cells stay whole).
 */
export async function checkedReport(
  serverUrl: string,
  work: string,
  token: string,
  kind: ReportKind,
  body: object,
): Promise<{ file: string; text: string }> {
  const r = await report(serverUrl, token, kind, body);
  expect(r.status).toBe(200);
  expect(r.type).toBe('application/pdf');
  const file = path.join(work, `${kind}-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, r.body);
  expect(run('qpdf', ['--check', file]).status).toBe(0);
  const fonts = run('pdffonts', [file]).stdout.trimEnd().split('\n').slice(2);
  expect(fonts.length).toBeGreaterThan(0);
  for (const row of fonts) expect(row).toMatch(/\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
  const meta = run('pdfinfo', ['-meta', file]).stdout;
  expect(meta).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
  expect(meta).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
  return { file, text: run('pdftotext', ['-raw', file, '-']).stdout };
}
