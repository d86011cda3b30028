import type { PDFPageProxy } from 'pdfjs-dist';
import type { TextItem, TextMarkedContent, TextStyle } from 'pdfjs-dist/types/src/display/api';
import { runOffsets } from './char-widths';
import type { CharWidths } from './font-widths';
import { apply, boundingRect, multiply, type Matrix, type Rect } from './geometry';

/** One run of text as pdf.js extracted it, placed on the page as displayed. */
export interface PageTextItem {
  readonly str: string;
  /** Offset of `str` in `PageText.text`. */
  readonly offset: number;
  /** (distance along the baseline, distance above it), in points → display space at scale 1. */
  readonly baseline: Matrix;
  /** Run width along the baseline and font size, in points. */
  readonly width: number;
  readonly fontSize: number;
  /** Ascent and descent as fractions of the font size (descent negative). */
  readonly ascent: number;
  readonly descent: number;
  /** Vertical or right-to-left runs: boxes made from the text cover the whole run. */
  readonly wholeRunOnly: boolean;
  /** `str` is in logical order and its glyphs stand right to left from the run's far end (pdf.js' `dir`). */
  readonly rtl: boolean;
  readonly vertical: boolean;
  /** Inside optional content (a layer): searched for masking, never put into the text layer. */
  readonly optional: boolean;
  /** The font's advance width of each UTF-16 unit of `str`, when the font's widths are known. */
  readonly advances?: readonly number[];
}

/** A page's text: the runs joined (a line break after each run that ends a line) and where each lies. */
export interface PageText {
  readonly pageNumber: number;
  /** The page as displayed, in points. */
  readonly width: number;
  readonly height: number;
  readonly text: string;
  readonly items: readonly PageTextItem[];
}

const FALLBACK_STYLE: TextStyle = { ascent: 0.8, descent: -0.2, vertical: false, fontFamily: 'sans-serif' };

function isTextItem(i: TextItem | TextMarkedContent): i is TextItem {
  return 'str' in i;
}

const COMBINING = /^\p{M}$/u;
/** pdf.js puts spaces where glyphs stand apart; a font may have no space glyph for them. */
const GAP_WIDTH = 250;

/** Each UTF-16 unit's advance in the font, or undefined when the font lacks one of the characters. */
function advancesOf(str: string, widths: CharWidths): number[] | undefined {
  const out: number[] = [];
  for (let i = 0; i < str.length; i++) {
    const unit = str.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff) {
      out.push(0);
      continue;
    }
    const ch = String.fromCodePoint(str.codePointAt(i)!);
    const w = COMBINING.test(ch) ? 0 : (widths.get(ch) ?? (ch === ' ' ? GAP_WIDTH : undefined));
    if (w === undefined) return undefined;
    out.push(w);
  }
  return out;
}

/**
 * The page's text runs placed on the page. `fontWidths` gives the widths of the fonts pdf.js
 * loaded (after rendering the page, see font-widths.ts); without them positions inside runs are
 * estimated with Helvetica's.
 */
export async function extractPageText(page: PDFPageProxy, fontWidths?: (fontName: string) => CharWidths | undefined): Promise<PageText> {
  const viewport = page.getViewport({ scale: 1 });
  const toDisplay = viewport.transform as unknown as Matrix;
  const content = await page.getTextContent({ includeMarkedContent: true });
  const items: PageTextItem[] = [];
  const layers: boolean[] = [];
  let text = '';
  for (const raw of content.items) {
    if (!isTextItem(raw)) {
      // pdf.js sends the marked-content tag at run time but leaves it out of its type.
      const tag = (raw as TextMarkedContent & { tag?: string | null }).tag;
      if (raw.type === 'beginMarkedContentProps' || raw.type === 'beginMarkedContent') layers.push(tag === 'OC');
      else if (raw.type === 'endMarkedContent') layers.pop();
      continue;
    }
    const [a, b, c, d, e, f] = raw.transform as number[] as [number, number, number, number, number, number];
    const along = Math.hypot(a, b);
    const up = Math.hypot(c, d);
    if (raw.str && along > 0 && up > 0) {
      const style = content.styles[raw.fontName] ?? FALLBACK_STYLE;
      const ascent = style.ascent > 0 ? style.ascent : FALLBACK_STYLE.ascent;
      const descent = style.descent < 0 ? style.descent : FALLBACK_STYLE.descent;
      const widths = fontWidths?.(raw.fontName);
      const advances = widths && advancesOf(raw.str, widths);
      items.push({
        str: raw.str,
        offset: text.length,
        baseline: multiply([a / along, b / along, c / up, d / up, e, f], toDisplay),
        width: raw.width,
        fontSize: up,
        ascent,
        descent,
        wholeRunOnly: style.vertical || raw.dir === 'rtl' || raw.dir === 'ttb',
        rtl: raw.dir === 'rtl',
        vertical: style.vertical || raw.dir === 'ttb',
        optional: layers.includes(true),
        ...(advances ? { advances } : {}),
      });
    }
    text += raw.str;
    if (raw.hasEOL) text += '\n';
  }
  return { pageNumber: page.pageNumber, width: viewport.width, height: viewport.height, text, items };
}

/** The display-space box of characters [from, to) of a run, padded by `pad` times the font size. */
export function runRect(item: PageTextItem, from: number, to: number, pad = 0): Rect {
  const p = pad * item.fontSize;
  if (item.wholeRunOnly) {
    // Vertical and right-to-left runs: everything within the run's larger extent, in every direction.
    const r = Math.max(item.width, item.fontSize) + p;
    return boundingRect([
      apply(item.baseline, -r, -r),
      apply(item.baseline, r, r),
      apply(item.baseline, -r, r),
      apply(item.baseline, r, -r),
    ]);
  }
  const offsets = runOffsets(item);
  return alongRect(item, offsets[from]!, offsets[to]!, pad);
}

/** The display-space box of the run between distances x0 and x1 along its baseline, descent to ascent, padded by `pad` times the font size. */
export function alongRect(item: PageTextItem, x0: number, x1: number, pad = 0): Rect {
  const p = pad * item.fontSize;
  const y0 = item.descent * item.fontSize - p;
  const y1 = item.ascent * item.fontSize + p;
  return boundingRect([
    apply(item.baseline, x0 - p, y0),
    apply(item.baseline, x1 + p, y0),
    apply(item.baseline, x0 - p, y1),
    apply(item.baseline, x1 + p, y1),
  ]);
}

/** The runs covering [start, end) of `PageText.text`, each with its character range. */
export function runsInRange(page: PageText, start: number, end: number): { item: PageTextItem; from: number; to: number }[] {
  const out: { item: PageTextItem; from: number; to: number }[] = [];
  for (const item of page.items) {
    const from = Math.max(start, item.offset) - item.offset;
    const to = Math.min(end, item.offset + item.str.length) - item.offset;
    if (from < to) out.push({ item, from, to });
  }
  return out;
}
