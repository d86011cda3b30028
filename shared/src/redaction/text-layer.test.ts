import { describe, expect, test } from 'vitest';
import { charOffsets } from './char-widths';
import type { PageText, PageTextItem } from './page-text';
import { textLayerRuns } from './text-layer';

/** A horizontal 10 pt run with its baseline at display y `y`, starting at x 100. */
function run(str: string, y: number, extra: Partial<PageTextItem> = {}): PageTextItem {
  return {
    str,
    offset: 0,
    baseline: [1, 0, 0, -1, 100, y],
    width: str.length * 5,
    fontSize: 10,
    ascent: 0.8,
    descent: -0.2,
    wholeRunOnly: false,
    rtl: false,
    vertical: false,
    optional: false,
    ...extra,
  };
}

const page = (...items: PageTextItem[]): PageText => ({ pageNumber: 1, width: 600, height: 800, text: '', items });
const kept = (p: PageText, boxes: { x: number; y: number; w: number; h: number }[], hairline = 0) =>
  textLayerRuns(p, boxes, hairline).map((r) => r.item.str.slice(r.from, r.to));

describe('textLayerRuns', () => {
  const line = run('Alfa Beta Gamma', 100);
  const offsets = charOffsets(line.str, line.width);
  const betaX0 = 100 + offsets[5]!;
  const betaX1 = 100 + offsets[9]!;

  test('lines right above and below a mask keep every glyph (no margin)', () => {
    // The run spans y 92–102; masks touching at its edges and beyond do not take anything.
    expect(kept(page(line), [{ x: 0, y: 102, w: 600, h: 10 }])).toEqual(['Alfa Beta Gamma']);
    expect(kept(page(line), [{ x: 0, y: 80, w: 600, h: 12 }])).toEqual(['Alfa Beta Gamma']);
  });

  test('a mask over one word splits the run around it; a mask over part of a word keeps the rest of it', () => {
    expect(kept(page(line), [{ x: betaX0, y: 90, w: betaX1 - betaX0, h: 20 }])).toEqual(['Alfa ', ' Gamma']);
    const afterB = 100 + offsets[6]!;
    expect(kept(page(line), [{ x: afterB, y: 90, w: betaX1 - afterB, h: 20 }])).toEqual(['Alfa B', ' Gamma']);
  });

  test('the hairline takes a glyph whose box comes within it of a mask', () => {
    const gap = 0.3;
    const box = { x: betaX1 + gap, y: 90, w: 20, h: 20 };
    expect(kept(page(line), [box], 0.2)).toContain('Alfa Beta');
    expect(kept(page(line), [box], 0.4)).toContain('Alfa Bet');
  });

  test('optional content and vertical runs are never given back', () => {
    expect(kept(page(run('Lager', 100, { optional: true }), run('Lodrat', 200, { vertical: true, wholeRunOnly: true })), [])).toEqual([]);
  });

  test('a right-to-left run: a mask at its visual left takes its logical end', () => {
    const hebrew = run('בקר טוב', 300, { rtl: true, wholeRunOnly: true });
    const o = charOffsets(hebrew.str, hebrew.width);
    const total = o[o.length - 1]!;
    // "טוב" stands at the left (the first 3 glyphs from the visual left).
    const leftWord = total - o[4]!;
    expect(kept(page(hebrew), [{ x: 99, y: 290, w: 1 + leftWord, h: 20 }])).toEqual(['בקר ']);
  });

  test('a stretch of only spaces is not given back', () => {
    const spaced = run('A   B', 100);
    const o = charOffsets(spaced.str, spaced.width);
    expect(kept(page(spaced), [{ x: 99, y: 90, w: 1 + o[1]!, h: 20 }, { x: 100 + o[4]!, y: 90, w: 20, h: 20 }])).toEqual([]);
  });
});
