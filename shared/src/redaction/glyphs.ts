/**
 * A text run split into glyphs and placed along its baseline, so the masked copy's text layer can
 * decide per glyph what lies clear of every mask.
 *
 * pdf.js gives right-to-left runs in logical order but their glyphs stand in visual order on the
 * page (it reorders with a simplified Unicode bidi algorithm, `dir` saying which paragraph level it
 * chose). A glyph's place is therefore known only for glyphs the reordering moves one by one; a
 * stretch it may reorder inside (a Latin word or a number in a Hebrew line, a Hebrew word in a
 * Latin line) is one *unit*: its glyphs are only known to fill the stretch's mirrored extent
 * together, so they are kept or dropped together.
 */

/** UTF-16 range [from, to) of one glyph: a code point (a surrogate pair is one) and the combining marks after it. */
export interface GlyphRange {
  readonly from: number;
  readonly to: number;
}

const COMBINING = /^\p{M}$/u;

export function glyphRanges(str: string): GlyphRange[] {
  const out: GlyphRange[] = [];
  let i = 0;
  while (i < str.length) {
    const from = i;
    i += str.codePointAt(i)! > 0xffff ? 2 : 1;
    for (let cp = str.codePointAt(i); cp !== undefined && COMBINING.test(String.fromCodePoint(cp)); cp = str.codePointAt(i))
      i += cp > 0xffff ? 2 : 1;
    out.push({ from, to: i });
  }
  return out;
}

/** Bidi class of a glyph's base character as pdf.js' `bidi` sees it: right-to-left, left-to-right, digit, neutral. */
type BidiKind = 'R' | 'L' | 'D' | 'N';

function bidiKind(ch: number): BidiKind {
  // pdf.js' ranges: Hebrew, Arabic (its digits are AN and move with it), Syriac … Arabic Extended, presentation forms.
  if ((ch >= 0x0590 && ch <= 0x05f4) || (ch >= 0x0600 && ch <= 0x08ac) || (ch >= 0xfb50 && ch <= 0xfdff) || (ch >= 0xfe70 && ch <= 0xfeff))
    return 'R';
  if (ch > 0xff) return 'L'; // pdf.js treats everything else above Latin-1 as left-to-right
  const c = String.fromCharCode(ch);
  if (/\p{L}/u.test(c)) return 'L';
  return /\p{N}/u.test(c) ? 'D' : 'N';
}

/** A glyph, or a stretch of glyphs kept or dropped together; UTF-16 range [from, to) of the run. */
export interface GlyphUnit {
  readonly from: number;
  readonly to: number;
  /** A stretch the bidi reordering may rearrange inside: its glyphs' order on the page is not known. */
  readonly block: boolean;
}

/**
 * The run's units in logical order. In a right-to-left run, the stretches between right-to-left
 * glyphs that hold a letter or digit (from the first such glyph to the last) are blocks; in a
 * left-to-right run, the stretches between left-to-right letters that hold a right-to-left glyph.
 * Every other glyph is a unit of its own. A block's glyphs all stand inside its extent, whatever
 * the reordering did inside it, because the glyphs around it are reordered one by one.
 */
export function glyphUnits(str: string, rtl: boolean): GlyphUnit[] {
  const glyphs = glyphRanges(str);
  const kinds = glyphs.map((g) => bidiKind(str.codePointAt(g.from)!));
  if (!rtl && !kinds.includes('R')) return glyphs.map((g) => ({ ...g, block: false }));
  const own: BidiKind = rtl ? 'R' : 'L';
  const out: GlyphUnit[] = [];
  let i = 0;
  while (i < glyphs.length) {
    if (kinds[i] === own) {
      out.push({ ...glyphs[i]!, block: false });
      i++;
      continue;
    }
    // A stretch without a glyph of the run's own direction.
    let end = i;
    while (end < glyphs.length && kinds[end] !== own) end++;
    const stretch = kinds.slice(i, end);
    const reordered = rtl ? stretch.some((k) => k !== 'N') : stretch.includes('R');
    const first = reordered ? stretch.findIndex((k) => k !== 'N') + i : end;
    const last = reordered ? end - 1 - [...stretch].reverse().findIndex((k) => k !== 'N') : end - 1;
    for (let k = i; k < end; k++) {
      if (k === first) {
        out.push({ from: glyphs[first]!.from, to: glyphs[last]!.to, block: true });
        k = last;
      } else out.push({ ...glyphs[k]!, block: false });
    }
    i = end;
  }
  return out;
}

/**
 * Where UTF-16 range [from, to) of a run lies along its baseline, as (start, end) distances from
 * the run's origin, given the run's estimated UTF-16 boundary offsets. The range must consist of
 * whole units. Right-to-left runs are mirrored: their logical start is at the visual right.
 */
export function extentAlong(offsets: readonly number[], from: number, to: number, rtl: boolean): [number, number] {
  const total = offsets[offsets.length - 1]!;
  return rtl ? [total - offsets[to]!, total - offsets[from]!] : [offsets[from]!, offsets[to]!];
}

/**
 * The glyphs of units [from, to) in the order they stand on the page, left to right along the
 * baseline: right-to-left runs reverse the units; a block of right-to-left glyphs in a
 * left-to-right run is reversed glyph by glyph. Each entry is one glyph (base and marks).
 */
export function visualGlyphs(str: string, units: readonly GlyphUnit[], rtl: boolean): string[] {
  const glyphsOf = (u: GlyphUnit) => glyphRanges(str.slice(u.from, u.to)).map((g) => str.slice(u.from + g.from, u.from + g.to));
  if (rtl) return [...units].reverse().flatMap(glyphsOf);
  return units.flatMap((u) => (u.block ? glyphsOf(u).reverse() : glyphsOf(u)));
}
