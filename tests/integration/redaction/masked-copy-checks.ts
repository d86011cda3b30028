/** Checks a masked copy with tools nobody here wrote (poppler, qpdf), as docs/verification says. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { normalizeForSearch } from '../../../shared/src/rules/sensitive-data';

type Tool = 'pdftotext' | 'pdfimages' | 'pdfinfo' | 'qpdf' | 'pdftoppm' | 'mutool';

export function run(name: Tool, args: string[]): { status: number; stdout: Buffer; stderr: string } {
  const path = `/usr/bin/${name}`;
  if (!existsSync(path))
    throw new Error(`${name} is required by this test but ${path} does not exist (apt-get install poppler-utils qpdf mupdf-tools)`);
  const r = spawnSync(path, args, { maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

export const pdftotext = (file: string) => run('pdftotext', ['-layout', file, '-']).stdout.toString('utf8');

/** The text as MuPDF extracts it (glyphs in the order they stand, right-to-left text as displayed). */
export function mutoolText(file: string): string {
  const r = run('mutool', ['draw', '-q', '-F', 'txt', '-o', '-', file]);
  if (r.status !== 0) throw new Error(`mutool draw failed (${r.status}): ${r.stderr}`);
  return r.stdout.toString('utf8');
}

/** The file with every stream decompressed and no object streams, so a byte search sees everything. */
export function decompressed(file: string): Buffer {
  const r = run('qpdf', ['--qdf', '--object-streams=disable', file, '-']);
  if (r.status !== 0 && r.status !== 3) throw new Error(`qpdf --qdf failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** Strings from `secrets` found in `text` in any case, spacing or hyphenation. */
export function leaked(text: string, secrets: readonly string[]): string[] {
  const folded = normalizeForSearch(text);
  return secrets.filter((s) => folded.includes(normalizeForSearch(s)));
}

/** Strings from `secrets` found as raw bytes (Latin-1, UTF-8 and UTF-16BE, as PDF strings carry them). */
export function leakedBytes(bytes: Uint8Array, secrets: readonly string[]): string[] {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return secrets.filter(
    (s) => b.includes(Buffer.from(s, 'latin1')) || b.includes(Buffer.from(s, 'utf8')) || b.includes(Buffer.from(s, 'utf16le').swap16()),
  );
}

export interface ImageRow {
  page: number;
  width: number;
  height: number;
  enc: string;
}

export function pdfimagesList(file: string): ImageRow[] {
  const out = run('pdfimages', ['-list', file])
    .stdout.toString('utf8')
    .split('\n')
    .slice(2)
    .filter((l) => l.trim());
  return out.map((l) => {
    const c = l.trim().split(/\s+/);
    return { page: Number(c[0]), width: Number(c[3]), height: Number(c[4]), enc: c[8]! };
  });
}

/** One page rendered by poppler as 8-bit grey, for looking at pixels under a box. */
export function renderGray(
  file: string,
  page: number,
  dpi: number,
): { width: number; height: number; pixel(x: number, y: number): number } {
  const pgm = run('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(page), '-l', String(page), file]).stdout;
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not produce a PGM image');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const offset = header[0].length;
  return { width, height, pixel: (x, y) => pgm[offset + y * width + x]! };
}

/** Structural leaks: names that must not occur in a masked copy, and the revision count as written. */
export function structure(file: string): { names: string[]; eofCount: number; hasPrev: boolean } {
  const written = readFileSync(file).toString('latin1');
  const raw = decompressed(file).toString('latin1');
  const names = [
    '/Annots',
    '/AcroForm',
    '/EmbeddedFiles',
    '/EmbeddedFile',
    '/Outlines',
    '/JavaScript',
    '/JS',
    '/OpenAction',
    '/OCProperties',
    '/OCG',
    '/Metadata',
    '/AA',
    '/URI',
  ];
  return {
    names: names.filter((n) => new RegExp(`${n.replace('/', '\\/')}(?![A-Za-z])`).test(raw)),
    eofCount: (written.match(/%%EOF/g) ?? []).length,
    hasPrev: /\/Prev\b/.test(written) || /\/Prev\b/.test(raw),
  };
}
