import { describe, expect, test } from 'vitest';
import { runOffsets } from './char-widths';
import type { PageText, PageTextItem } from './page-text';
import { placementSlack, textLayerRuns, UNKNOWN_WIDTHS_SLACK } from './text-layer';

/** A horizontal 10 pt run at display y `y` from x 100, in a font whose every glyph is 500/1000 wide. */
function run(str: string, y: number, extra: Partial<PageTextItem> = {}): PageTextItem {
  return {
    str,
    offset: 0,
    baseline: [1, 0, 0, -1, 100, y],
    width: str.length * 5,
    advances: [...str].map(() => 500),
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
const kept = (p: PageText, boxes: { x: number; y: number; w: number; h: number; source?: string }[], hairline = 0) =>
  textLayerRuns(p, boxes, hairline).map((r) => r.item.str.slice(r.from, r.to));

describe('textLayerRuns', () => {
  const line = run('Alfa Beta Gamma', 100);
  const offsets = runOffsets(line);
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

  test('against a drawn box a glyph counts as wide as it may be misplaced; against a term box it does not', () => {
    // Justified: the run is 6 pt wider than its glyphs' advances, spread over it by estimate.
    const justified = run('Alfa Beta Gamma', 100, { width: 15 * 5 + 6 });
    expect(placementSlack(justified)).toBeCloseTo(6);
    const o = runOffsets(justified);
    const box = { x: 100 + o[9]! + 3, y: 90, w: 40, h: 20 }; // 3 pt right of "Beta"
    expect(kept(page(justified), [box])).toEqual(['Alfa Bet']);
    expect(kept(page(justified), [{ ...box, source: 'term' }])).toEqual(['Alfa Beta']);
    // Without the font's widths, half the font size either way.
    expect(placementSlack(run('Alfa', 100, { advances: undefined }))).toBe(UNKNOWN_WIDTHS_SLACK * 10);
  });

  test('optional content and vertical runs are never given back', () => {
    expect(kept(page(run('Lager', 100, { optional: true }), run('Lodrat', 200, { vertical: true, wholeRunOnly: true })), [])).toEqual([]);
  });

  test('a right-to-left run: a mask at its visual left takes its logical end', () => {
    const hebrew = run('בקר טוב', 300, { rtl: true, wholeRunOnly: true });
    const o = runOffsets(hebrew);
    const total = o[o.length - 1]!;
    // "טוב" stands at the left (the first 3 glyphs from the visual left).
    const leftWord = total - o[4]!;
    expect(kept(page(hebrew), [{ x: 99, y: 290, w: 1 + leftWord, h: 20 }])).toEqual(['בקר ']);
  });

  test('a stretch of only spaces is not given back', () => {
    const spaced = run('A   B', 100);
    const o = runOffsets(spaced);
    expect(
      kept(page(spaced), [
        { x: 99, y: 90, w: 1 + o[1]!, h: 20 },
        { x: 100 + o[4]!, y: 90, w: 20, h: 20 },
      ]),
    ).toEqual([]);
  });
});
