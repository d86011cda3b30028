import type { Case } from '../../../../../shared/src/model/case';
import type { Document } from '../../../../../shared/src/model/document';
import type { Party } from '../../../../../shared/src/model/party';
import type { Shield } from '../../../../../shared/src/model/restriction';
import { SHIELDABLE_FIELDS } from '../../../../../shared/src/model/guarded-fields';
import { normalizeForSearch, type KnownSensitiveValue, type SensitiveKind } from '../../../../../shared/src/rules/sensitive-data';
import { type PageText, type Rect, suggestionsOnPage } from '../../../../../shared/src/redaction';
import type { Mark, MarkState, NewMark, PageSizes } from './marks';
import { addMarks } from './marks';

/** Texts of the reasons, from the Swedish catalog (passed in: this module stays free of the UI). */
export interface KnownValueTexts {
  caseParty(): string;
  documentParty(role: 'sender' | 'recipient'): string;
  shielded(collection: 'cases' | 'documents', field: string, ground: string): string;
}

/** Values shorter than this (after folding) would be suggested all over the page. */
const MIN_KNOWN_LENGTH = 3;

/**
 * What the register knows is sensitive in this document: the names of the case's parties and of
 * the document's sender and recipient, and every shielded metadata value of the document and of
 * its case. Each carries the reason shown beside the suggestion.
 */
export function knownValues(
  document: Document,
  parentCase: Case | null,
  parties: ReadonlyMap<string, Pick<Party, 'name'>>,
  texts: KnownValueTexts,
): KnownSensitiveValue[] {
  const out: KnownSensitiveValue[] = [];
  const seen = new Set<string>();
  const add = (text: string, kind: KnownSensitiveValue['kind'], reason: string) => {
    const folded = normalizeForSearch(text);
    if (folded.length < MIN_KNOWN_LENGTH || seen.has(`${kind}\u0000${folded}`)) return;
    seen.add(`${kind}\u0000${folded}`);
    out.push({ text: text.trim(), kind, reason: reason.slice(0, 200) });
  };
  const partyName = (id: string) => (id ? (parties.get(id)?.name ?? '') : '');

  for (const id of parentCase?.partyIds ?? []) add(partyName(id), 'party-name', texts.caseParty());
  if (document.senderPartyId) add(partyName(document.senderPartyId), 'party-name', texts.documentParty('sender'));
  if (document.recipientPartyId) add(partyName(document.recipientPartyId), 'party-name', texts.documentParty('recipient'));
  if (document.sender) add(document.sender, 'party-name', texts.documentParty('sender'));
  if (document.recipient) add(document.recipient, 'party-name', texts.documentParty('recipient'));

  const shieldedValues = (collection: 'cases' | 'documents', rec: Record<string, unknown>, shields: readonly Shield[]) => {
    const allowed = SHIELDABLE_FIELDS[collection] as readonly string[];
    for (const s of shields) {
      if (!allowed.includes(s.field)) continue;
      const reason = texts.shielded(collection, s.field, s.legalGround);
      const value = rec[s.field];
      if (s.field.endsWith('PartyId') && typeof value === 'string') add(partyName(value), 'shielded-value', reason);
      else if (Array.isArray(value)) for (const id of value) add(partyName(String(id)), 'shielded-value', reason);
      else if (typeof value === 'string') add(value, 'shielded-value', reason);
    }
  };
  shieldedValues('documents', document as unknown as Record<string, unknown>, document.shields);
  if (parentCase) shieldedValues('cases', parentCase as unknown as Record<string, unknown>, parentCase.shields);
  return out;
}

/** One suggestion in the list: what was found where, why, and the boxes that would mask it. */
export interface SuggestionItem {
  /** Stable within the session: page and offsets. */
  readonly key: string;
  readonly page: number;
  readonly text: string;
  readonly kind: SensitiveKind;
  readonly reason: string;
  readonly rects: readonly Rect[];
}

/** The rule suggestions and known values of every page, in page order; matches without a place on the page are left out. */
export function suggestionItems(pages: readonly PageText[], known: readonly KnownSensitiveValue[]): SuggestionItem[] {
  return pages.flatMap((p) =>
    suggestionsOnPage(p, known)
      .filter((s) => s.rects.length > 0)
      .map((s) => ({ key: `${s.page}:${s.start}:${s.end}`, page: s.page, text: s.text, kind: s.kind, reason: s.reason, rects: s.rects })),
  );
}

const TOLERANCE = 0.05;

function contains(outer: Rect, inner: Rect): boolean {
  return (
    outer.x <= inner.x + TOLERANCE &&
    outer.y <= inner.y + TOLERANCE &&
    outer.x + outer.w >= inner.x + inner.w - TOLERANCE &&
    outer.y + outer.h >= inner.y + inner.h - TOLERANCE
  );
}

/** True when every box of the suggestion already lies inside a mark on its page. */
export function isCovered(item: SuggestionItem, marks: readonly Mark[]): boolean {
  const onPage = marks.filter((m) => m.page === item.page);
  return item.rects.every((r) => onPage.some((m) => contains(m, r)));
}

/** Suggestions still to decide: neither masked already nor rejected. */
export function pendingSuggestions(
  items: readonly SuggestionItem[],
  marks: readonly Mark[],
  rejected: ReadonlySet<string>,
): SuggestionItem[] {
  return items.filter((i) => !rejected.has(i.key) && !isCovered(i, marks));
}

/** Accepts suggestions: each becomes boxes with the given ground and the suggestion's reason. */
export function acceptSuggestions(
  state: MarkState,
  items: readonly SuggestionItem[],
  ground: string,
  sizes: PageSizes,
  newId: () => string,
): MarkState {
  const boxes: NewMark[] = items.flatMap((i) =>
    i.rects.map((r) => ({ page: i.page, ...r, source: 'suggestion' as const, reason: i.reason })),
  );
  return addMarks(state, boxes, ground, sizes, newId);
}
