import { StandardFontEmbedder, StandardFonts } from 'pdf-lib';

/**
 * pdf.js gives one width per text run, not per glyph. Positions inside a run are estimated from
 * its glyphs' advance widths scaled to the run's real width: the font's own widths where pdf.js
 * loaded the font (`PageTextItem.advances`), else Helvetica's — close for most Latin text, which is
 * why every box made from them is padded. Combining marks take no width (they sit on the glyph
 * before them).
 */
// pdf-lib's StandardFonts and its embedder's FontNames are the same strings under two enum types.
const helvetica = StandardFontEmbedder.for(StandardFonts.Helvetica as unknown as Parameters<typeof StandardFontEmbedder.for>[0]);
const AVERAGE_WIDTH = 556;

const widths = new Map<string, number>();

const COMBINING = /^\p{M}$/u;

/** Helvetica's advance width of one character, in 1/1000 em (an average one for what it lacks). */
export function glyphWidth(ch: string): number {
  let w = widths.get(ch);
  if (w === undefined) {
    w = COMBINING.test(ch)
      ? 0
      : helvetica.encoding.canEncodeUnicodeCodePoint(ch.codePointAt(0)!)
        ? helvetica.widthOfTextAtSize(ch, 1000) || AVERAGE_WIDTH
        : AVERAGE_WIDTH;
    widths.set(ch, w);
  }
  return w;
}

const offsetsCache = new WeakMap<object, number[]>();

/** `charOffsets` computed once per run object. */
export function runOffsets(run: { readonly str: string; readonly width: number; readonly advances?: readonly number[] }): number[] {
  let o = offsetsCache.get(run);
  if (!o) {
    o = charOffsets(run.str, run.width, run.advances);
    offsetsCache.set(run, o);
  }
  return o;
}

/**
 * Offsets (0 … totalWidth) of each UTF-16 boundary of `text`, `text.length + 1` entries; from
 * `advances` (one per UTF-16 unit) when given, else from Helvetica's widths.
 */
export function charOffsets(text: string, totalWidth: number, advances?: readonly number[]): number[] {
  const cumulative = [0];
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // The low half of a surrogate pair takes no extra width.
    if (advances) sum += advances[i]!;
    else sum += unit >= 0xdc00 && unit <= 0xdfff ? 0 : glyphWidth(String.fromCodePoint(text.codePointAt(i)!));
    cumulative.push(sum);
  }
  return cumulative.map((c) => (sum > 0 ? (c / sum) * totalWidth : 0));
}
