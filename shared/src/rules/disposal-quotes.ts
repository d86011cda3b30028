import { DISPOSED_AUDIT_VALUE, type AuditEntry } from '../model/audit';
import type { MeetingRecord } from '../model/meeting';
import { ADJUSTED_MINUTES_STATUSES, itemInMinutes, type DisposedAuditValues } from './disposal';

/**
 * Values of a disposed record that other records quote verbatim (a notice board announcement
 * listing the agenda names the case by its title). Shorter values are left out: a word or two
 * ("Ja", "Bygglov") would match text that is not a quote of this record.
 */
const MIN_QUOTE = 8;

/** The distinct quotable values, longest first (so a longer quote is replaced before a part of it). */
export function quotedValues(values: readonly string[]): string[] {
  const out = new Set(values.map((v) => v.trim()).filter((v) => v.length >= MIN_QUOTE && v !== DISPOSED_AUDIT_VALUE));
  return [...out].sort((a, b) => b.length - a.length);
}

/** `text` with every occurrence of each quote replaced. */
export function withoutQuotes(text: string, quotes: readonly string[], replacement: string): string {
  let out = text;
  for (const q of quotes) out = out.split(q).join(replacement);
  return out;
}

const quotes = (value: string, qs: readonly string[]) => qs.some((q) => value.includes(q));

/**
 * Whether a text holds any of many quotes, in one pass over the text: each quote is filed under
 * its first `MIN_QUOTE` characters, and each position of the text looks its next ones up (a
 * quote is never shorter). A disposal may look for thousands of titles in thousands of texts.
 */
export function quoteFinder(qs: readonly string[]): (text: string) => boolean {
  const byHead = new Map<string, string[]>();
  for (const q of quotedValues(qs)) {
    const head = q.slice(0, MIN_QUOTE);
    byHead.set(head, [...(byHead.get(head) ?? []), q]);
  }
  return (text) => {
    for (let i = 0; i + MIN_QUOTE <= text.length; i++) {
      const found = byHead.get(text.slice(i, i + MIN_QUOTE));
      if (found?.some((q) => text.startsWith(q, i))) return true;
    }
    return false;
  };
}

/**
 * Which values of an actor-register entry about another record quote a disposed one: its label,
 * and each change whose old or new value contains a quote. Null when none does.
 */
export function quotingAuditValues(entry: Pick<AuditEntry, 'label' | 'changes'>, qs: readonly string[]): DisposedAuditValues | null {
  if (qs.length === 0) return null;
  const label = entry.label !== DISPOSED_AUDIT_VALUE && quotes(entry.label, qs);
  const changes = entry.changes.map((c) => quotes(c.from, qs) || quotes(c.to, qs));
  return label || changes.some(Boolean) ? { label, changes } : null;
}

/**
 * Another agenda item of a meeting whose notice quoted a disposed record, with each quote in its
 * own texts (title, proposal, decision) replaced; null when it quotes nothing, or when it is a
 * paragraph of adjusted minutes, which is the body's preserved record and keeps its wording.
 */
export function itemWithoutQuotes(
  item: MeetingRecord,
  meeting: Pick<MeetingRecord, 'status' | 'immediateAdjustedOn'> | null,
  qs: readonly string[],
  replacement: string,
): MeetingRecord | null {
  if (item.kind !== 'item' || itemInMinutes(item, meeting)) return null;
  const title = withoutQuotes(item.title, qs, replacement);
  const proposal = withoutQuotes(item.proposal, qs, replacement);
  const decision = withoutQuotes(item.decision, qs, replacement);
  if (title === item.title && proposal === item.proposal && decision === item.decision) return null;
  return { ...item, title, proposal, decision };
}

/**
 * Whether a notice on the board is a preserved record, keeping its wording: a notice of adjusted
 * minutes, or any notice about a meeting whose minutes are adjusted (`meeting`: the one it is
 * about, null when none or gone).
 */
export function noticePreserved(posting: Pick<MeetingRecord, 'postingKind'>, meeting: Pick<MeetingRecord, 'status'> | null): boolean {
  return (
    posting.postingKind === 'minutes_adjusted' ||
    (meeting !== null && (ADJUSTED_MINUTES_STATUSES as readonly string[]).includes(meeting.status))
  );
}

/** A notice on the board with each quote in its heading and text replaced; null when it quotes nothing or is preserved. */
export function postingWithoutQuotes(
  posting: MeetingRecord,
  meeting: Pick<MeetingRecord, 'status'> | null,
  qs: readonly string[],
  replacement: string,
): MeetingRecord | null {
  if (posting.kind !== 'posting' || noticePreserved(posting, meeting)) return null;
  const title = withoutQuotes(posting.title, qs, replacement);
  const text = withoutQuotes(posting.text, qs, replacement);
  if (title === posting.title && text === posting.text) return null;
  return { ...posting, title, text };
}

/** An agenda item with the meeting it belongs to (null when that is gone). */
export interface ItemOnAgenda {
  item: Pick<MeetingRecord, 'kind' | 'meetingId' | 'documentIds' | 'immediateAdjustment'>;
  meeting: Pick<MeetingRecord, 'status' | 'immediateAdjustedOn'> | null;
}

/**
 * The meetings whose notices quote a disposed document: those whose agenda attaches it to an item
 * outside adjusted minutes (the notice lists an item's documents by title, and the board's
 * announcements may name them). Adjusted minutes are the body's preserved record and keep theirs.
 */
export function meetingsListingDocument(documentId: string, items: readonly ItemOnAgenda[]): string[] {
  const out = new Set<string>();
  for (const { item, meeting } of items)
    if (item.kind === 'item' && item.meetingId && item.documentIds.includes(documentId) && !itemInMinutes(item, meeting))
      out.add(item.meetingId);
  return [...out];
}
