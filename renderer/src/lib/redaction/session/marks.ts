import type { RedactionSource, RedactionTerm } from '../../../../../shared/src/model/redaction';
import { normalizeForSearch } from '../../../../../shared/src/rules/sensitive-data';
import type { Rect } from '../../../../../shared/src/redaction';

/**
 * One masking in the tool: a box on a page (PDF points from the top-left corner of the page as
 * displayed), its legal ground, where it came from and, for terms and suggestions, why. `id` only
 * lives in the session (selection, undo); the saved draft has no ids.
 */
export interface Mark extends Rect {
  readonly id: string;
  readonly page: number;
  readonly ground: string;
  readonly source: RedactionSource;
  readonly reason?: string;
}

/** Everything the user has marked: boxes, and the terms searched and masked everywhere. */
export interface MarkState {
  readonly marks: readonly Mark[];
  readonly terms: readonly RedactionTerm[];
}

export const EMPTY_MARKS: MarkState = { marks: [], terms: [] };

/** Page sizes in points as displayed, by page number. */
export type PageSizes = ReadonlyMap<number, { readonly width: number; readonly height: number }>;

/** Smallest box the tool keeps, in points: smaller ones are slips of the mouse. */
export const MIN_MARK_SIZE = 2;

/** Where a box lies on a page, rounded outwards to 1/100 pt (what the draft stores) and clipped to the page. */
export function fitToPage(r: Rect, page: { width: number; height: number }): Rect | null {
  const x0 = Math.max(0, Math.floor(r.x * 100) / 100);
  const y0 = Math.max(0, Math.floor(r.y * 100) / 100);
  const x1 = Math.min(page.width, Math.ceil((r.x + r.w) * 100) / 100);
  const y1 = Math.min(page.height, Math.ceil((r.y + r.h) * 100) / 100);
  const w = Math.round((x1 - x0) * 100) / 100;
  const h = Math.round((y1 - y0) * 100) / 100;
  return w > 0 && h > 0 ? { x: x0, y: y0, w, h } : null;
}

/** The reason stored with every box of a term, as the engine's own term boxes carry it. */
export function termReason(text: string): string {
  return `Sökord: ${text}`.slice(0, 200);
}

/** A box to add: page, rectangle, and where it came from. */
export interface NewMark extends Rect {
  readonly page: number;
  readonly source: RedactionSource;
  readonly reason?: string;
}

/** Adds boxes with one ground; boxes off every known page or too small are left out. */
export function addMarks(state: MarkState, boxes: readonly NewMark[], ground: string, sizes: PageSizes, newId: () => string): MarkState {
  const added: Mark[] = [];
  for (const b of boxes) {
    const size = sizes.get(b.page);
    const r = size ? fitToPage(b, size) : null;
    if (!r || (b.source === 'manual' && (r.w < MIN_MARK_SIZE || r.h < MIN_MARK_SIZE))) continue;
    added.push({ id: newId(), page: b.page, ...r, ground, source: b.source, ...(b.reason ? { reason: b.reason.slice(0, 200) } : {}) });
  }
  return added.length ? { ...state, marks: [...state.marks, ...added] } : state;
}

const sameTerm = (a: string, b: string) => normalizeForSearch(a) === normalizeForSearch(b);

/**
 * Masks a term wherever it occurs: the term is remembered with its ground and every occurrence
 * becomes a box. Searching a term again replaces its earlier boxes rather than doubling them.
 */
export function addTerm(
  state: MarkState,
  text: string,
  boxes: readonly Omit<NewMark, 'source' | 'reason'>[],
  ground: string,
  sizes: PageSizes,
  newId: () => string,
): MarkState {
  const trimmed = text.trim();
  if (!trimmed) return state;
  const without = removeTerm(state, trimmed);
  const withTerm: MarkState = { ...without, terms: [...without.terms, { text: trimmed, ground }] };
  return addMarks(
    withTerm,
    boxes.map((b) => ({ ...b, source: 'term', reason: termReason(trimmed) })),
    ground,
    sizes,
    newId,
  );
}

function isTermMark(m: Mark, text: string): boolean {
  return m.source === 'term' && m.reason !== undefined && sameTerm(m.reason, termReason(text));
}

/** Removes a term and every box it made. */
export function removeTerm(state: MarkState, text: string): MarkState {
  if (!state.terms.some((t) => sameTerm(t.text, text)) && !state.marks.some((m) => isTermMark(m, text))) return state;
  return { terms: state.terms.filter((t) => !sameTerm(t.text, text)), marks: state.marks.filter((m) => !isTermMark(m, text)) };
}

/** Sets the ground of a term and of every box it made. */
export function setTermGround(state: MarkState, text: string, ground: string): MarkState {
  return {
    terms: state.terms.map((t) => (sameTerm(t.text, text) ? { ...t, ground } : t)),
    marks: state.marks.map((m) => (isTermMark(m, text) ? { ...m, ground } : m)),
  };
}

export function removeMark(state: MarkState, id: string): MarkState {
  return state.marks.some((m) => m.id === id) ? { ...state, marks: state.marks.filter((m) => m.id !== id) } : state;
}

export function setGround(state: MarkState, id: string, ground: string): MarkState {
  return { ...state, marks: state.marks.map((m) => (m.id === id ? { ...m, ground } : m)) };
}

function update(state: MarkState, id: string, sizes: PageSizes, change: (m: Mark) => Rect): MarkState {
  const marks = state.marks.map((m) => {
    if (m.id !== id) return m;
    const size = sizes.get(m.page);
    const r = size ? fitToPage(change(m), size) : null;
    return r ? { ...m, ...r } : m;
  });
  return { ...state, marks };
}

/** Moves a box by (dx, dy) points, kept whole on its page. */
export function moveMark(state: MarkState, id: string, dx: number, dy: number, sizes: PageSizes): MarkState {
  return update(state, id, sizes, (m) => {
    const size = sizes.get(m.page)!;
    return { x: Math.min(Math.max(0, m.x + dx), size.width - m.w), y: Math.min(Math.max(0, m.y + dy), size.height - m.h), w: m.w, h: m.h };
  });
}

/** Grows (or shrinks, negative) a box's right and bottom edges, never below the smallest size. */
export function resizeMark(state: MarkState, id: string, dw: number, dh: number, sizes: PageSizes): MarkState {
  return update(state, id, sizes, (m) => ({ x: m.x, y: m.y, w: Math.max(MIN_MARK_SIZE, m.w + dw), h: Math.max(MIN_MARK_SIZE, m.h + dh) }));
}

/** The boxes on one page, in the order they were made. */
export function marksOnPage(state: MarkState, page: number): Mark[] {
  return state.marks.filter((m) => m.page === page);
}

/** Boxes sorted for the list: by page, then top to bottom, left to right. */
export function marksInReadingOrder(marks: readonly Mark[]): Mark[] {
  return [...marks].sort((a, b) => a.page - b.page || a.y - b.y || a.x - b.x);
}
