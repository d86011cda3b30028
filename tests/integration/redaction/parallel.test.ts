/**
 * Long documents are masked on worker threads too (Node's startPageMaskers): the output must be
 * byte for byte what one thread makes, pages in order, and a broken page must fail the whole copy
 * with the lowest broken page named, writing nothing.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, test } from 'vitest';
import { RedactionError, redactPdf } from '../../../shared/src/redaction';
import { nodeRedactionPlatform } from '../../../scripts/lib/node-redaction-platform';

const PAGES = 30;

async function longPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= PAGES; n++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Sida ${n}: Anna Svensson, 19811218-9876, offentlig rad ${n}`, { x: 40, y: 800, size: 11, font });
  }
  return doc.save();
}

describe('masking on worker threads', () => {
  test('the same bytes as one thread, pages in order', async () => {
    const input = await longPdf();
    const request = { boxes: [], terms: [{ text: 'Anna Svensson', ground: 'OSL 26 kap. 1 §' }], suggestions: 'all' as const };
    const one = await redactPdf(input, request, nodeRedactionPlatform, { dpi: 72, extraThreads: 0 });
    const two = await redactPdf(input, request, nodeRedactionPlatform, { dpi: 72, extraThreads: 1 });
    expect(two.pageCount).toBe(PAGES);
    expect(Buffer.from(two.pdf).equals(Buffer.from(one.pdf))).toBe(true);
    expect(two.boxes.map((b) => b.page)).toEqual(one.boxes.map((b) => b.page));
    expect(new Set(two.boxes.map((b) => b.page)).size).toBe(PAGES);
  }, 120_000);

  test('a box beyond the last page is refused before any worker starts', async () => {
    const input = await longPdf();
    await expect(
      redactPdf(
        input,
        { boxes: [{ page: PAGES + 1, x: 1, y: 1, w: 1, h: 1, ground: 'OSL 21 kap. 3 §' }], terms: [], suggestions: 'none' },
        nodeRedactionPlatform,
        { extraThreads: 1 },
      ),
    ).rejects.toBeInstanceOf(RedactionError);
  }, 60_000);
});
