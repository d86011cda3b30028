import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { redactPdf, type RedactionResult } from '../../../shared/src/redaction';
import { nodeRedactionPlatform } from '../../../scripts/lib/node-redaction-platform';
import { decompressed, leaked, leakedBytes, mutoolText, pdfimagesList, pdftotext, renderGray, run, structure } from './masked-copy-checks';
import { nastyPdf, ORIGINAL_IMAGE_SIZES, PUBLIC_TEXT, SCAN_BOX, STRUCTURAL_SECRETS, TERM_SECRETS, TYPE3_BOX } from './nasty-pdf';

const GROUND = 'OSL 21 kap. 3 §';
let dir: string;
let inFile: string;
let outFile: string;
let inHash: string;
let result: RedactionResult;

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redaction-'));
  inFile = join(dir, 'nasty.pdf');
  outFile = join(dir, 'masked.pdf');
  writeFileSync(inFile, nastyPdf());
  inHash = sha256(readFileSync(inFile));
  const input = readFileSync(inFile);
  result = await redactPdf(
    input,
    { boxes: [TYPE3_BOX, SCAN_BOX], terms: TERM_SECRETS.map((text) => ({ text, ground: GROUND })), suggestions: 'none' },
    nodeRedactionPlatform,
  );
  writeFileSync(outFile, result.pdf);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the input really has its nasty cases (so the checks below mean something)', () => {
  test('poppler finds the secrets and public text in the original', () => {
    const text = pdftotext(inFile);
    expect(
      leaked(text, ['Anna Svensson', 'Hemligsson', 'Osynligsson', 'Doldsson', 'Roterad Hemlis', 'Offentlig text pa sidan ett']),
    ).toHaveLength(6);
    expect(leakedBytes(readFileSync(inFile), ['RevisionHemlis', 'BilagaHemlis', 'XmpHemlis', 'JsHemlis', 'LagerHemlis'])).toHaveLength(5);
    expect(pdfimagesList(inFile).map((i) => `${i.width}x${i.height}`)).toEqual(expect.arrayContaining(ORIGINAL_IMAGE_SIZES));
  });
});

describe('masked copy of the nasty PDF', () => {
  test('every term occurrence became a box: split runs, odd spacing, ligature, invisible, under an image, rotated', () => {
    const byTerm = (t: string) => result.boxes.filter((b) => b.source === 'term' && b.reason === `Sökord: ${t}`);
    expect(byTerm('Anna Svensson').length).toBeGreaterThanOrEqual(2);
    expect(byTerm('Hemligsson').length).toBeGreaterThanOrEqual(2);
    for (const t of ['Konfidentiell', 'Osynligsson', 'Doldsson'])
      expect(byTerm(t).every((b) => b.page === 1) && byTerm(t).length > 0).toBe(true);
    expect(byTerm('Roterad Hemlis').map((b) => b.page)).toEqual([2]);
    expect(result.pageCount).toBe(5);
  });

  test('pdftotext and MuPDF find no masked or structurally hidden string, in any case or spacing', () => {
    expect(leaked(pdftotext(outFile), [...TERM_SECRETS, ...STRUCTURAL_SECRETS, 'ABCCBA'])).toEqual([]);
    expect(leaked(mutoolText(outFile), [...TERM_SECRETS, ...STRUCTURAL_SECRETS, 'ABCCBA'])).toEqual([]);
  });

  test('no secret in the raw bytes, also after decompressing every stream', () => {
    const secrets = [...TERM_SECRETS, ...STRUCTURAL_SECRETS, 'Nasty Producer'];
    expect(leakedBytes(readFileSync(outFile), secrets)).toEqual([]);
    expect(leakedBytes(decompressed(outFile), secrets)).toEqual([]);
  });

  test('text outside every box stays searchable (invisible text layer), and the legal ground is shown', () => {
    const text = pdftotext(outFile);
    expect(leaked(text, [...PUBLIC_TEXT, GROUND])).toEqual([...PUBLIC_TEXT, GROUND]);
    expect(result.textLayerWords).toBeGreaterThan(10);
  });

  test('no original image survives: one page image per page, none of the original sizes', () => {
    const images = pdfimagesList(outFile);
    expect(images.map((i) => i.page)).toEqual([1, 2, 3, 4, 5]);
    expect(images.every((i) => i.enc === 'image')).toBe(true);
    expect(images.map((i) => `${i.width}x${i.height}`)).not.toEqual(expect.arrayContaining([ORIGINAL_IMAGE_SIZES[0]]));
    expect(images.some((i) => ORIGINAL_IMAGE_SIZES.includes(`${i.width}x${i.height}`))).toBe(false);
    // The rotated page is stored as displayed: landscape.
    expect(images[1]!.width).toBeGreaterThan(images[1]!.height);
  });

  test('the pixels under a box are black (scanned page and Type3 glyphs), and outside it the scan is still there', () => {
    for (const box of [SCAN_BOX, TYPE3_BOX]) {
      const img = renderGray(outFile, box.page, 72);
      let maxInside = 0;
      for (let y = Math.ceil(box.y) + 2; y < box.y + box.h - 2; y++) {
        for (let x = Math.ceil(box.x) + 2; x < box.x + box.w - 2; x++) maxInside = Math.max(maxInside, img.pixel(x, y));
      }
      // White ground label text sits on the box; everything else is black.
      let dark = 0;
      let total = 0;
      for (let y = Math.ceil(box.y) + 2; y < box.y + box.h - 2; y++) {
        for (let x = Math.ceil(box.x) + 2; x < box.x + box.w - 2; x++) {
          total++;
          if (img.pixel(x, y) < 40) dark++;
        }
      }
      expect(dark / total).toBeGreaterThan(0.85);
      expect(maxInside).toBeLessThanOrEqual(255);
    }
    const scan = renderGray(outFile, SCAN_BOX.page, 72);
    const outside = new Set<number>();
    for (let x = 20; x < 90; x++) outside.add(scan.pixel(x, 50) >> 4);
    expect(outside.size).toBeGreaterThan(4); // the noise outside the box is still an image
  });

  test('no metadata, annotations, forms, attachments, outlines, JavaScript, layers; one revision', () => {
    const info = run('pdfinfo', ['-meta', outFile]).stdout.toString('utf8');
    expect(info).not.toMatch(/xmpmeta|InfoHemlis|InfoForfattare|Nasty/);
    expect(run('pdfinfo', [outFile]).stdout.toString('utf8')).toMatch(/Producer:\s+Diarium/);
    const s = structure(outFile);
    expect(s.names).toEqual([]);
    expect(s.eofCount).toBe(1);
    expect(s.hasPrev).toBe(false);
  });

  test('qpdf --check passes', () => {
    const r = run('qpdf', ['--check', outFile]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test('the original file is unchanged', () => {
    expect(sha256(readFileSync(inFile))).toBe(inHash);
  });
});
