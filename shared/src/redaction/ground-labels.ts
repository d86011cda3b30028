import { rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { RedactionPlanBox } from '../model/redaction';
import { intersects } from './geometry';

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

const MAX_SIZE = 8;
const MIN_SIZE_ON_BOX = 4;
const BESIDE_SIZE = 6;

/**
 * Writes each box's legal ground: small white text on the box, or beside it in black when the box
 * is too small. Boxes overlapping an already labelled box with the same ground get no second label.
 */
export function drawGroundLabels(
  pdfPage: PDFPage,
  font: PDFFont,
  boxes: readonly RedactionPlanBox[],
  pageWidth: number,
  pageHeight: number,
): void {
  const labelled: RedactionPlanBox[] = [];
  for (const b of boxes) {
    if (labelled.some((l) => l.ground === b.ground && intersects(l, b))) continue;
    labelled.push(b);
    const text = encodable(font, b.ground);
    if (!text) continue;
    let size = Math.min(MAX_SIZE, b.h * 0.7);
    const width = font.widthOfTextAtSize(text, size);
    if (width > b.w - 2) size *= (b.w - 2) / width;
    if (size >= MIN_SIZE_ON_BOX) {
      pdfPage.drawText(text, { x: b.x + 1, y: pageHeight - (b.y + b.h / 2) - size * 0.35, size, font, color: rgb(1, 1, 1) });
      continue;
    }
    const w = font.widthOfTextAtSize(text, BESIDE_SIZE);
    const x = b.x + b.w + 2 + w <= pageWidth ? b.x + b.w + 2 : b.x - 2 - w >= 0 ? b.x - 2 - w : Math.max(0, Math.min(b.x, pageWidth - w));
    const besideY = x === b.x || (x < b.x + b.w && x + w > b.x) ? b.y + b.h + BESIDE_SIZE : b.y + b.h / 2 + BESIDE_SIZE * 0.35;
    pdfPage.drawText(text, { x, y: pageHeight - Math.min(pageHeight - 1, besideY), size: BESIDE_SIZE, font, color: rgb(0, 0, 0) });
  }
}
