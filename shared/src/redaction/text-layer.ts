import {
  beginText,
  endText,
  popGraphicsState,
  pushGraphicsState,
  setCharacterSqueeze,
  setFontAndSize,
  setTextMatrix,
  setTextRenderingMode,
  showText,
  TextRenderingMode,
  type PDFName,
  type PDFOperator,
  type PDFPage,
} from 'pdf-lib';
import { runOffsets } from './char-widths';
import { extentAlong, glyphUnits, visualGlyphs } from './glyphs';
import type { GlyphlessFont } from './glyphless-font';
import { grow, intersects, multiply, type Matrix, type Rect } from './geometry';
import { alongRect, type PageText, type PageTextItem } from './page-text';

/** A stretch of a run given back as invisible text: UTF-16 range [from, to) of whole glyph units, each clear of every mask. */
export interface TextLayerRun {
  readonly item: PageTextItem;
  readonly from: number;
  readonly to: number;
}

/** How far (× font size) a glyph may stand from its estimated place when the font's widths are unknown. */
export const UNKNOWN_WIDTHS_SLACK = 0.5;

/**
 * How far along the baseline a glyph of the run may stand from its estimated place. With the
 * font's widths, only spacing the run's width holds beyond its glyphs' advances (character and
 * word spacing, kerning) is spread by estimate, so the gap between the two bounds the error (for
 * spacing that only widens, as justification does). Without them, half the font size.
 */
export function placementSlack(item: PageTextItem): number {
  if (!item.advances) return UNKNOWN_WIDTHS_SLACK * item.fontSize;
  const natural = (item.advances.reduce((sum, a) => sum + a, 0) * item.fontSize) / 1000;
  return Math.abs(item.width - natural);
}

/**
 * What of the page may be given back as invisible text, decided per glyph: every glyph (or unit
 * of glyphs the bidi reordering may rearrange, see `glyphUnits`) whose box, from the font's
 * descent to its ascent, does not touch a mask, outside optional content and vertical runs.
 * Masks count `hairline` larger on every side: painting rounds a box outwards to whole pixels,
 * so a glyph touching the painted pixels counts as under the mask. Against drawn boxes a glyph
 * also counts as wide as it may be misplaced along its baseline (`placementSlack`); boxes made
 * from the text (terms, suggestions) come from the same estimates, so they need none.
 * Consecutive kept glyphs of a run form one stretch.
 */
export function textLayerRuns(page: PageText, boxes: readonly (Rect & { source?: string })[], hairline: number): TextLayerRun[] {
  const fromText = boxes.filter((b) => b.source === 'term' || b.source === 'suggestion').map((b) => grow(b, hairline, hairline));
  const drawn = boxes.filter((b) => b.source !== 'term' && b.source !== 'suggestion').map((b) => grow(b, hairline, hairline));
  const out: TextLayerRun[] = [];
  for (const item of page.items) {
    if (item.optional || item.vertical) continue;
    const offsets = runOffsets(item);
    const slack = placementSlack(item);
    let from: number | undefined;
    let to = 0;
    const close = () => {
      if (from !== undefined && item.str.slice(from, to).trim()) out.push({ item, from, to });
      from = undefined;
    };
    for (const unit of glyphUnits(item.str, item.rtl)) {
      const [x0, x1] = extentAlong(offsets, unit.from, unit.to, item.rtl);
      const box = alongRect(item, x0, x1);
      const reach = alongRect(item, x0 - slack, x1 + slack);
      if (fromText.some((m) => intersects(box, m)) || drawn.some((m) => intersects(reach, m))) close();
      else {
        from ??= unit.from;
        to = unit.to;
      }
    }
    close();
  }
  return out;
}

/**
 * Writes the stretches as invisible text (render mode 3) where they stand on the displayed page,
 * glyphs in the order they stand (right-to-left runs reversed, as a PDF draws them), each stretch
 * squeezed to its width so selection and search hit the right place. Returns the words written.
 */
export function writeTextLayer(
  pdfPage: PDFPage,
  font: GlyphlessFont,
  fontKey: PDFName,
  runs: readonly TextLayerRun[],
  pageHeight: number,
): number {
  const toOutput: Matrix = [1, 0, 0, -1, 0, pageHeight];
  const ops: PDFOperator[] = [];
  let words = 0;
  for (const { item, from, to } of runs) {
    const units = glyphUnits(item.str, item.rtl).filter((u) => u.from >= from && u.to <= to);
    const glyphs = visualGlyphs(item.str, units, item.rtl);
    const naturalWidth = font.width(glyphs) * item.fontSize;
    const [x0, x1] = extentAlong(runOffsets(item), from, to, item.rtl);
    const encoded = naturalWidth > 0 ? font.encode(glyphs) : undefined;
    if (!encoded) continue;
    const m = multiply(multiply([item.fontSize, 0, 0, item.fontSize, x0, 0], item.baseline), toOutput);
    ops.push(setCharacterSqueeze(Math.max(1, (100 * (x1 - x0)) / naturalWidth)), setTextMatrix(...m), showText(encoded));
    words += item.str.slice(from, to).match(/\S+/g)?.length ?? 0;
  }
  if (ops.length) {
    pdfPage.pushOperators(
      pushGraphicsState(),
      beginText(),
      setFontAndSize(fontKey, 1),
      setTextRenderingMode(TextRenderingMode.Invisible),
      ...ops,
      endText(),
      popGraphicsState(),
    );
  }
  return words;
}
