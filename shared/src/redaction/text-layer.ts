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
  type PDFFont,
  type PDFName,
  type PDFOperator,
  type PDFPage,
} from 'pdf-lib';
import { runOffsets } from './char-widths';
import { grow, intersects, multiply, type Matrix, type Rect } from './geometry';
import { runRect, type PageText, type PageTextItem } from './page-text';

/**
 * How far (× font size) a word must stay from a drawn box to be kept: glyph positions inside a run
 * are estimates, and a word partly under a box must not reappear as text. Boxes made from the text
 * itself (terms, suggestions) come from the same estimates, already padded, so words separated
 * from them by a space stay.
 */
export const TEXT_LAYER_MARGIN = 0.5;

export interface TextLayerWord {
  readonly item: PageTextItem;
  readonly from: number;
  readonly to: number;
}

/**
 * The words of the page that may be given back as invisible text: each lies with its margin
 * entirely outside every box, outside optional content, in a run whose glyph positions can be
 * estimated.
 */
export function textLayerWords(page: PageText, boxes: readonly (Rect & { source?: string })[]): TextLayerWord[] {
  const fromText = boxes.filter((b) => b.source === 'term' || b.source === 'suggestion');
  const drawn = boxes.filter((b) => !fromText.includes(b));
  const out: TextLayerWord[] = [];
  for (const item of page.items) {
    if (item.optional || item.wholeRunOnly) continue;
    for (const m of item.str.matchAll(/\S+/g)) {
      const from = m.index;
      const to = from + m[0].length;
      const r = runRect(item, from, to);
      const margin = TEXT_LAYER_MARGIN * item.fontSize;
      if (!fromText.some((b) => intersects(r, b)) && !drawn.some((b) => intersects(grow(r, margin, margin), b)))
        out.push({ item, from, to });
    }
  }
  return out;
}

/** Keeps what the font can encode: the standard fonts cover WinAnsi (Latin-1 and a few more). */
const characterSets = new WeakMap<PDFFont, Set<number>>();

export function encodable(font: PDFFont, text: string): string {
  let supported = characterSets.get(font);
  if (!supported) {
    supported = new Set(font.getCharacterSet());
    characterSets.set(font, supported);
  }
  return [...text].filter((ch) => supported.has(ch.codePointAt(0)!)).join('');
}

/**
 * Writes the words as invisible text (render mode 3) where they were on the displayed page, each
 * squeezed to its original width so selection and search hit the right place.
 */
export function writeTextLayer(
  pdfPage: PDFPage,
  font: PDFFont,
  fontKey: PDFName,
  words: readonly TextLayerWord[],
  pageHeight: number,
): number {
  const toOutput: Matrix = [1, 0, 0, -1, 0, pageHeight];
  const ops: PDFOperator[] = [];
  for (const { item, from, to } of words) {
    const text = encodable(font, item.str.slice(from, to));
    const naturalWidth = font.widthOfTextAtSize(text, 1) * item.fontSize;
    if (!text || naturalWidth <= 0) continue;
    const offsets = runOffsets(item);
    const width = offsets[to]! - offsets[from]!;
    const m = multiply(multiply([item.fontSize, 0, 0, item.fontSize, offsets[from]!, 0], item.baseline), toOutput);
    ops.push(setCharacterSqueeze(Math.max(1, (100 * width) / naturalWidth)), setTextMatrix(...m), showText(font.encodeText(text)));
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
  return ops.length / 3;
}
