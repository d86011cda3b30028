import { DEFAULT_SUGGESTION_GROUND, type RedactionBox, type RedactionPlanBox, type RedactionTerm } from '../model/redaction';
import type { KnownSensitiveValue } from '../rules/sensitive-data';
import type { PageText } from './page-text';
import { findTermOnPage, suggestionsOnPage } from './text-search';

/** What to mask: drawn boxes, terms masked wherever they occur, and whether every suggestion is taken. */
export interface MaskRequest {
  readonly boxes: readonly (RedactionBox | RedactionPlanBox)[];
  readonly terms?: readonly RedactionTerm[];
  readonly suggestions?: 'none' | 'all';
  readonly suggestionGround?: string;
  /** Party names and shielded values of the record, suggested with their own reasons. */
  readonly known?: readonly KnownSensitiveValue[];
}

const round = (v: number) => Math.round(v * 100) / 100;

function box(
  page: number,
  r: { x: number; y: number; w: number; h: number },
  rest: Pick<RedactionPlanBox, 'ground' | 'source' | 'reason'>,
): RedactionPlanBox {
  // Rounded outwards so rounding never uncovers a sliver.
  const x = Math.floor(r.x * 100) / 100;
  const y = Math.floor(r.y * 100) / 100;
  return { page, x, y, w: round(Math.ceil((r.x + r.w) * 100) / 100 - x), h: round(Math.ceil((r.y + r.h) * 100) / 100 - y), ...rest };
}

/** Every box to paint on one page: its drawn boxes, then term hits, then accepted suggestions. */
export function boxesForPage(page: PageText, request: MaskRequest): RedactionPlanBox[] {
  const out: RedactionPlanBox[] = request.boxes.filter((b) => b.page === page.pageNumber).map((b) => ({ source: 'manual', ...b }));
  for (const term of request.terms ?? []) {
    for (const h of findTermOnPage(page, term.text)) {
      for (const r of h.rects)
        out.push(box(page.pageNumber, r, { ground: term.ground, source: 'term', reason: `Sökord: ${term.text}`.slice(0, 200) }));
    }
  }
  if (request.suggestions === 'all') {
    const ground = request.suggestionGround ?? DEFAULT_SUGGESTION_GROUND;
    for (const s of suggestionsOnPage(page, request.known)) {
      for (const r of s.rects) out.push(box(page.pageNumber, r, { ground, source: 'suggestion', reason: s.reason }));
    }
  }
  return out;
}
