import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { degrees, PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { leaked, leakedBytes, pdftotext, run, structure } from './masked-copy-checks';

const ROOT = resolve(__dirname, '../../..');
let dir: string;

function redact(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts/redact.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A pdf-lib document like an office export: metadata, a filled form, an attachment, a rotated page. */
async function officeLikePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('Utredning om Bertil Bengtsson');
  doc.setAuthor('Handläggare Hemlig');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const p1 = doc.addPage([595, 842]);
  const lines = [
    'Beslut i ärendet KS 2026-00042',
    'Sökande: Bertil Bengtsson, personnummer 19811218-9876',
    'Adress: Storgatan 12, 123 45 Småstad',
    'Telefon 070-123 45 67, e-post bertil@example.se',
    'Nämnden beslutar att bevilja ansökan.',
  ];
  lines.forEach((l, i) => p1.drawText(l, { x: 72, y: 760 - i * 24, size: 12, font }));
  const field = doc.getForm().createTextField('kommentar');
  field.setText('Formularvarde 811218-9876');
  field.addToPage(p1, { x: 72, y: 500, width: 300, height: 24, font });
  await doc.attach(new TextEncoder().encode('Bilaga om Bertil Bengtsson'), 'bilaga.txt', { mimeType: 'text/plain' });
  const p2 = doc.addPage([595, 842]);
  p2.setRotation(degrees(90));
  p2.drawText('Kontakt: Bertil Bengtsson, 070-123 45 67', { x: 72, y: 700, size: 12, font });
  p2.drawText('Sidan två är offentlig.', { x: 72, y: 660, size: 12, font });
  return doc.save();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redact-cli-'));
  writeFileSync(join(dir, 'office.pdf'), await officeLikePdf());
  writeFileSync(
    join(dir, 'masks.json'),
    JSON.stringify({
      boxes: [{ page: 1, x: 72, y: 330, w: 310, h: 30, ground: 'OSL 21 kap. 7 §' }],
      terms: [{ text: 'Bertil Bengtsson', ground: 'OSL 26 kap. 1 §' }],
      suggestions: 'all',
    }),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run redact', () => {
  test('a good run masks terms and suggestions, keeps the rest searchable, prints a summary', () => {
    const out = join(dir, 'masked.pdf');
    const r = redact(join(dir, 'office.pdf'), join(dir, 'masks.json'), out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/2 page\(s\), \d+ box\(es\) \(1 drawn, 2 by term, \d+ by suggestion\)/);
    const text = pdftotext(out);
    const secrets = [
      'Bertil Bengtsson',
      '19811218-9876',
      '811218-9876',
      'Storgatan 12',
      '123 45 Småstad',
      '070-123 45 67',
      'bertil@example.se',
      'Handläggare Hemlig',
      'Formularvarde',
    ];
    expect(leaked(text, secrets)).toEqual([]);
    expect(leakedBytes(readFileSync(out), secrets)).toEqual([]);
    expect(
      leaked(text, ['Nämnden beslutar att bevilja ansökan.', 'KS 2026-00042', 'Sidan två är offentlig.', 'OSL 26 kap. 1 §']),
    ).toHaveLength(4);
    expect(structure(out).names).toEqual([]);
    expect(run('qpdf', ['--check', out]).status).toBe(0);
  });

  test('an encrypted PDF is refused and no output is written', () => {
    const enc = join(dir, 'enc.pdf');
    expect(run('qpdf', ['--encrypt', '', 'agare', '256', '--', join(dir, 'office.pdf'), enc]).status).toBe(0);
    const out = join(dir, 'enc-out.pdf');
    const r = redact(enc, join(dir, 'masks.json'), out);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/is encrypted/);
    expect(existsSync(out)).toBe(false);
  });

  test.each([
    ['garbage', () => Uint8Array.from({ length: 4000 }, (_, i) => (i * 31) % 256), /not a PDF file/],
    ['truncated', () => readFileSync(join(dir, 'office.pdf')).subarray(0, 2000), /truncated/],
    [
      'a PDF header and nothing sensible',
      () => new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'),
      /cannot be read/,
    ],
  ])('a %s file is refused and no output is written', (name, make, message) => {
    const input = join(dir, `${name}.pdf`);
    writeFileSync(input, make());
    const out = join(dir, `${name}-out.pdf`);
    const r = redact(input, join(dir, 'masks.json'), out);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  test.each([
    ['not JSON', '{"boxes": [', /not valid JSON/],
    ['a box without a ground', JSON.stringify({ boxes: [{ page: 1, x: 0, y: 0, w: 10, h: 10 }] }), /boxes\.0\.ground/],
    ['an unknown key', JSON.stringify({ boxes: [], extra: 1 }), /not a valid masks file/],
    [
      'a box beyond the last page',
      JSON.stringify({ boxes: [{ page: 9, x: 0, y: 0, w: 10, h: 10, ground: 'OSL 21 kap. 7 §' }] }),
      /page 9 but the PDF has 2 page/,
    ],
  ])('bad masks (%s) are refused and no output is written', (name, masks, message) => {
    const m = join(dir, `${name.replace(/\W/g, '-')}.json`);
    writeFileSync(m, masks);
    const out = join(dir, 'bad-masks-out.pdf');
    const r = redact(join(dir, 'office.pdf'), m, out);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  test('wrong usage exits 2; no temporary file is left behind by any run', () => {
    expect(redact('only-one.pdf').status).toBe(2);
    expect(redact(join(dir, 'office.pdf'), join(dir, 'masks.json'), join(dir, 'office.pdf')).status).toBe(2);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
