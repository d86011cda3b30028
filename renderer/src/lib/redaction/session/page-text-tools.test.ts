import { degrees, PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { nodeRedactionPlatform } from '../../../../../scripts/lib/node-redaction-platform';
import { apply } from '../../../../../shared/src/redaction';
import { loadSource } from './load-source';
import { spanMatrix, textUnder } from './page-text-tools';

/** CSS matrix(a, b, c, d, e, f) applied to a point. */
const css = (m: number[], x: number, y: number) => [m[0]! * x + m[2]! * y + m[4]!, m[1]! * x + m[3]! * y + m[5]!];

describe('the text layer', () => {
  it('puts each run’s span on the run as displayed, also on a page turned by /Rotate', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([595, 842]);
    page.setRotation(degrees(90));
    page.drawText('Roterad rad med text', { x: 72, y: 700, size: 14, font });
    const loaded = await loadSource(await doc.save(), 'application/pdf', nodeRedactionPlatform);
    try {
      const text = loaded.pages[0]!;
      expect([text.width, text.height]).toEqual([842, 595]);
      const item = text.items[0]!;
      const m = spanMatrix(item);
      const top = item.ascent * item.fontSize;
      // The span's left edge at its baseline is the run's start; its right edge the run's end.
      for (const [x, along] of [
        [0, 0],
        [item.width, item.width],
      ] as const) {
        const [sx, sy] = css(m, x, top);
        const [bx, by] = apply(item.baseline, along, 0);
        expect(sx).toBeCloseTo(bx, 6);
        expect(sy).toBeCloseTo(by, 6);
      }
      expect(textUnder(text, { x: 0, y: 0, w: text.width, h: text.height })).toBe('Roterad rad med text');
      expect(textUnder(text, { x: 0, y: 0, w: 1, h: 1 })).toBe('');
      expect(textUnder(text, { x: 0, y: 0, w: text.width, h: text.height }, 10)).toBe('Roterad r…');
    } finally {
      await loaded.doc.destroy();
    }
  });
});
