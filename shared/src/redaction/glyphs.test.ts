import { describe, expect, test } from 'vitest';
import { charOffsets } from './char-widths';
import { extentAlong, glyphRanges, glyphUnits, visualGlyphs } from './glyphs';

const texts = (str: string, ranges: readonly { from: number; to: number }[]) => ranges.map((r) => str.slice(r.from, r.to));

describe('glyphRanges', () => {
  test('a surrogate pair is one glyph', () => {
    const s = 'a😀b𝔸';
    expect(texts(s, glyphRanges(s))).toEqual(['a', '😀', 'b', '𝔸']);
  });

  test('combining marks go with the glyph before them', () => {
    const s = 'e\u0301a\u0308\u0323 o';
    expect(texts(s, glyphRanges(s))).toEqual(['e\u0301', 'a\u0308\u0323', ' ', 'o']);
  });

  test('Hebrew points and Arabic harakat stay on their letter; a leading mark stands alone', () => {
    const s = '\u0301שָׁלוֹם';
    expect(texts(s, glyphRanges(s))).toEqual(['\u0301', 'שָׁ', 'ל', 'וֹ', 'ם']);
    expect(texts('بِسْم', glyphRanges('بِسْم'))).toEqual(['بِ', 'سْ', 'م']);
  });
});

describe('glyphUnits', () => {
  const units = (s: string, rtl: boolean) =>
    glyphUnits(s, rtl).map((u) => (u.block ? `[${s.slice(u.from, u.to)}]` : s.slice(u.from, u.to)));

  test('a left-to-right run without right-to-left text: one unit per glyph', () => {
    expect(units('Ab 1é', false)).toEqual(['A', 'b', ' ', '1', 'é']);
  });

  test('a right-to-left run: each Hebrew glyph alone, a Latin word or a number between them one block', () => {
    expect(units('שלום abc def עולם', true)).toEqual(['ש', 'ל', 'ו', 'ם', ' ', '[abc def]', ' ', 'ע', 'ו', 'ל', 'ם']);
    expect(units('עמוד 12.', true)).toEqual(['ע', 'מ', 'ו', 'ד', ' ', '[12]', '.']);
  });

  test('a left-to-right run with a Hebrew word: the word (with a number after it) is one block', () => {
    expect(units('Namn: שלום 12 ok', false)).toEqual(['N', 'a', 'm', 'n', ':', ' ', '[שלום 12]', ' ', 'o', 'k']);
  });
});

describe('extentAlong and visualGlyphs', () => {
  test('a left-to-right range lies where its offsets say', () => {
    const offsets = charOffsets('abc', 30);
    expect(extentAlong(offsets, 1, 3, false)).toEqual([offsets[1], 30]);
  });

  test('a right-to-left range is mirrored: its logical start stands at the right', () => {
    const s = 'אב ג';
    const offsets = charOffsets(s, 100);
    const [x0, x1] = extentAlong(offsets, 0, 1, true);
    expect(x1).toBeCloseTo(100);
    expect(x0).toBeCloseTo(100 - offsets[1]!);
  });

  test('glyphs in the order they stand: right-to-left units reversed, blocks in their own order', () => {
    const s = 'שלום abc';
    expect(visualGlyphs(s, glyphUnits(s, true), true).join('')).toBe('abc םולש');
    const mixed = 'ok שלום';
    expect(visualGlyphs(mixed, glyphUnits(mixed, false), false).join('')).toBe('ok םולש');
  });

  test('marks and surrogate pairs are never split or reordered away from their base', () => {
    const s = 'שָׁל😀';
    expect(visualGlyphs(s, glyphUnits(s, true), true)).toEqual(['😀', 'ל', 'שָׁ']);
  });
});

describe('charOffsets', () => {
  test('combining marks and the low half of a surrogate pair take no width', () => {
    const o = charOffsets('e\u0301😀', 10);
    expect(o[1]).toBe(o[2]);
    expect(o[3]).toBe(o[4]);
    expect(o[4]).toBe(10);
  });
});
