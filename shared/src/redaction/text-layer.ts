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

/**
 * What of the page may be given back as invisible text, decided per glyph: every glyph (or unit
 * of glyphs the bidi reordering may rearrange, see `glyphUnits`) whose box, from the font's
 * descent to its ascent, does not touch a mask, outside optional content and vertical runs.
 * Masks count `hairline` larger on every side: painting rounds a box outwards to whole pixels,
 * so a glyph touching the painted pixels counts as under the mask. Consecutive kept glyphs of a
 * run form one stretch.
 */
export function textLayerRuns(page: PageText, boxes: readonly Rect[], hairline: number): TextLayerRun[] {
  const masks = boxes.map((b) => grow(b, hairline, hairline));
  const out: TextLayerRun[] = [];
  for (const item of page.items) {
    if (item.optional || item.vertical) continue;
    const offsets = runOffsets(item);
    let from: number | undefined;
    let to = 0;
    const close = () => {
      if (from !== undefined && item.str.slice(from, to).trim()) out.push({ item, from, to });
      from = undefined;
    };
    for (const unit of glyphUnits(item.str, item.rtl)) {
      const [x0, x1] = extentAlong(offsets, unit.from, unit.to, item.rtl);
      const box = alongRect(item, x0, x1);
      if (masks.some((m) => intersects(box, m))) close();
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
