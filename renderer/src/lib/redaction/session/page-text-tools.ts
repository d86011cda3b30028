import { findTermInPages, type PageText, type PageTextItem, type Rect, rectsForRange, runRect } from '../../../../../shared/src/redaction';
import type { NewMark } from './marks';

/** A stretch of one page's text, as offsets into `PageText.text`. */
export interface TextRange {
  readonly page: number;
  readonly start: number;
  readonly end: number;
}

/** The boxes masking selected text (one per text run it touches), for `addMarks`. */
export function selectionBoxes(pages: ReadonlyMap<number, PageText>, ranges: readonly TextRange[]): NewMark[] {
  const out: NewMark[] = [];
  for (const r of ranges) {
    const page = pages.get(r.page);
    if (!page || r.end <= r.start) continue;
    for (const rect of rectsForRange(page, r.start, r.end)) out.push({ page: r.page, ...rect, source: 'text' });
  }
  return out;
}

/** Every occurrence of a term across the pages, as boxes, and on how many pages it was found. */
export function termSearch(
  pages: readonly PageText[],
  term: string,
): { boxes: { page: number; x: number; y: number; w: number; h: number }[]; hits: number; pages: number } {
  const hits = term.trim() ? findTermInPages(pages, term) : [];
  return {
    boxes: hits.flatMap((h) => h.rects.map((r) => ({ page: h.page, ...r }))),
    hits: hits.length,
    pages: new Set(hits.map((h) => h.page)).size,
  };
}

function centreInside(r: Rect, box: Rect): boolean {
  const cx = r.x + r.w / 2;
  const cy = r.y + r.h / 2;
  return cx >= box.x && cx <= box.x + box.w && cy >= box.y && cy <= box.y + box.h;
}

/** The words whose middle lies under a box, so the list can show what a mark hides; '' for none. */
export function textUnder(page: PageText, box: Rect, maxLength = 80): string {
  const words: string[] = [];
  for (const item of page.items) {
    for (const m of item.str.matchAll(/\S+/g)) {
      if (centreInside(runRect(item, m.index, m.index + m[0].length), box)) words.push(m[0]);
    }
  }
  const text = words.join(' ');
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/**
 * Where a run's span goes in a text layer drawn at scale 1: a CSS matrix putting the span's
 * top-left corner at the run's ascent above its baseline start, along the run's direction.
 * The span's font size is the run's; its width is stretched to the run's width by the caller,
 * who measures the rendered text.
 */
export function spanMatrix(item: PageTextItem): [number, number, number, number, number, number] {
  const [a, b, c, d, e, f] = item.baseline;
  // Local CSS (x right, y down) → (along the baseline, above it): v = ascent·size − y.
  const up = item.ascent * item.fontSize;
  return [a, b, -c, -d, e + c * up, f + d * up];
}
