import { findSensitiveData, findTermOccurrences, type KnownSensitiveValue, type SensitiveMatch } from '../rules/sensitive-data';
import type { Rect } from './geometry';
import { runRect, runsInRange, type PageText } from './page-text';

/** Padding around text boxes, as a fraction of the font size: per-glyph positions are estimates. */
export const TEXT_BOX_PAD = 0.15;

/** A stretch of a page's text and the display-space boxes covering it (one per text run). */
export interface TextHit {
  readonly page: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly rects: readonly Rect[];
}

/** Boxes covering [start, end) of a page's text, clipped to the page; empty when nothing is on it. */
export function rectsForRange(page: PageText, start: number, end: number, pad = TEXT_BOX_PAD): Rect[] {
  const out: Rect[] = [];
  for (const { item, from, to } of runsInRange(page, start, end)) {
    if (!item.str.slice(from, to).trim()) continue;
    const r = runRect(item, from, to, pad);
    const x = Math.max(0, r.x);
    const y = Math.max(0, r.y);
    const w = Math.min(page.width, r.x + r.w) - x;
    const h = Math.min(page.height, r.y + r.h) - y;
    if (w > 0 && h > 0) out.push({ x, y, w, h });
  }
  return out;
}

function hit(page: PageText, start: number, end: number): TextHit {
  return { page: page.pageNumber, start, end, text: page.text.slice(start, end), rects: rectsForRange(page, start, end) };
}

/** Every occurrence of a term on the page: case-, spacing- and hyphenation-insensitive, across runs. */
export function findTermOnPage(page: PageText, term: string): TextHit[] {
  return findTermOccurrences(page.text, term).map((r) => hit(page, r.start, r.end));
}

/** Every occurrence of a term in the document. */
export function findTermInPages(pages: readonly PageText[], term: string): TextHit[] {
  return pages.flatMap((p) => findTermOnPage(p, term));
}

export type SuggestionHit = TextHit & Pick<SensitiveMatch, 'kind' | 'reason'>;

/** The page's suggestions (see shared `findSensitiveData`), each with its boxes. */
export function suggestionsOnPage(page: PageText, known: readonly KnownSensitiveValue[] = []): SuggestionHit[] {
  return findSensitiveData(page.text, known).map((m) => ({ ...hit(page, m.start, m.end), kind: m.kind, reason: m.reason }));
}
