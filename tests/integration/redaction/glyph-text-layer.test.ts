import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { redactPdf } from '../../../shared/src/redaction';
import { nodeRedactionPlatform } from '../../../scripts/lib/node-redaction-platform';
import { glyphPdf, BOXES, LINES, MASKED_STRINGS } from './glyph-pdf';
import { decompressed, leaked, leakedBytes, mutoolText, pdftotext, run } from './masked-copy-checks';

let dir: string;
let inFile: string;
let outFile: string;

/** Text without the bidi embedding marks poppler wraps right-to-left text in. */
const plain = (text: string) => text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
/** The masked strings, and right-to-left ones also as MuPDF gives them (as displayed, reversed). */
const RTL = /[\u0590-\u08ff]/;
const maskedAsDisplayed = [...MASKED_STRINGS, ...MASKED_STRINGS.filter((s) => RTL.test(s)).map((s) => [...s].reverse().join(''))];
/** Every line of `text`, trimmed, its inner spacing collapsed (poppler's -layout pads columns). */
const lines = (text: string) =>
  plain(text)
    .split('\n')
    .map((l) => l.trim().replace(/\s+/g, ' '))
    .filter(Boolean);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'glyph-layer-'));
  inFile = join(dir, 'lines.pdf');
  outFile = join(dir, 'masked.pdf');
  writeFileSync(inFile, glyphPdf());
  const result = await redactPdf(readFileSync(inFile), { boxes: BOXES, suggestions: 'none' }, nodeRedactionPlatform);
  writeFileSync(outFile, result.pdf);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the input (so the checks below mean something)', () => {
  test('poppler and MuPDF read every line of the original, masked strings included', () => {
    const text = lines(pdftotext(inFile));
    for (const l of Object.values(LINES)) expect(text).toContain(l.text);
    expect(leaked(mutoolText(inFile), maskedAsDisplayed)).toHaveLength(MASKED_STRINGS.length);
  });
});

describe('the masked copy decides its text layer per glyph', () => {
  test('the lines directly above and below a mask keep every word (poppler and MuPDF)', () => {
    for (const extracted of [pdftotext(outFile), mutoolText(outFile)]) {
      const text = lines(extracted);
      expect(text).toContain(LINES.above.text);
      expect(text).toContain(LINES.below.text);
    }
  });

  test('a word partly under a mask keeps exactly the glyphs outside it', () => {
    for (const extracted of [pdftotext(outFile), mutoolText(outFile)]) {
      // The word ends where the mask begins; the word after the mask is there too.
      expect(plain(extracted)).toMatch(/Diarienummer Offentligdel(?!\p{L})/u);
      expect(plain(extracted)).toMatch(/(?<!\p{L})slut(?!\p{L})/u);
    }
  });

  test('Hebrew and Arabic lines next to a mask stay searchable, in logical order for poppler', () => {
    const text = lines(pdftotext(outFile));
    expect(text).toContain(LINES.hebrew.text);
    expect(text).toContain(LINES.arabic.text);
  });

  test('MuPDF reads every unmasked line of the copy as it reads the original', () => {
    const original = lines(mutoolText(inFile)).filter((l) => leaked(l, maskedAsDisplayed).length === 0);
    expect(original.length).toBeGreaterThanOrEqual(4);
    const copy = lines(mutoolText(outFile));
    for (const l of original) expect(copy).toContain(l);
  });

  test('a right-to-left line partly masked keeps the words outside the mask, in logical order', () => {
    expect(lines(pdftotext(outFile))).toContain('בקר טוב');
  });

  test('no masked string comes back: not from poppler, not from MuPDF, not in the bytes after decompression', () => {
    expect(leaked(plain(pdftotext(outFile)), MASKED_STRINGS)).toEqual([]);
    expect(leaked(mutoolText(outFile), maskedAsDisplayed)).toEqual([]);
    expect(leakedBytes(readFileSync(outFile), MASKED_STRINGS)).toEqual([]);
    expect(leakedBytes(decompressed(outFile), MASKED_STRINGS)).toEqual([]);
  });

  test('qpdf --check passes', () => {
    const r = run('qpdf', ['--check', outFile]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('glyph positions come from the font, not from Helvetica', () => {
  // Narrow and wide letters in a monospaced font: Helvetica's proportions (i 222, W 944) would put
  // the masked word far from where Courier (600 for every glyph) draws it.
  const LINE = 'iiiiiiiiiiiiiiiiiiii Hemligtord WWWWWWWWWWWWWWWWWWWW';
  const SECRET = 'Hemligtord';

  test('a box drawn over a word in the middle of a Courier line takes that word and only it', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Courier);
    doc.addPage([595, 842]).drawText(LINE, { x: 72, y: 700, size: 12, font });
    const advance = (s: string) => [...s].reduce((w, ch) => w + font.widthOfTextAtSize(ch, 12), 0);
    const x = 72 + advance(LINE.slice(0, LINE.indexOf(SECRET)));
    const box = { page: 1, x, y: 842 - 700 - 10, w: advance(SECRET), h: 13, ground: 'OSL 21 kap. 7 §' };
    const file = join(dir, 'courier.pdf');
    writeFileSync(file, (await redactPdf(await doc.save(), { boxes: [box] }, nodeRedactionPlatform)).pdf);
    for (const extracted of [pdftotext(file), mutoolText(file)]) {
      expect(leaked(extracted, [SECRET, 'emligtor'])).toEqual([]);
      expect(extracted).toContain('iiiiiiiiiiiiiiiiiiii');
      expect(extracted).toContain('WWWWWWWWWWWWWWWWWWWW');
    }
  });
});
