import type { MeetingRecord } from '../../../shared/src/model/meeting';
import {
  ADJUSTED_MINUTES_STATUSES,
  DISPOSED_ITEM_AUDIT_KEPT,
  disposedItem,
  disposedTitle,
  itemInMinutes,
} from '../../../shared/src/rules/disposal';
import {
  itemWithoutQuotes,
  meetingsListingDocument,
  noticePreserved,
  postingWithoutQuotes,
  quotedValues,
  quotingAuditValues,
} from '../../../shared/src/rules/disposal-quotes';
import type { AuditReanchoring } from '../audit/re-anchor';
import type { StorageTx, StoredRecord } from '../storage/storage';
import { disposeAuditValues, dropAuditValuesWhere } from './audit-values';

export interface AgendaCopiesDisposed {
  written: StoredRecord[];
  /** Items left as they are: paragraphs of adjusted minutes. */
  inMinutes: number;
  /** Scheme 1 actor-register entries about the items that keep their values (their register not re-anchored). */
  auditKept: number;
  /** The items emptied (their proposal rooms go too). */
  itemIds: string[];
  /** The meetings whose notices quoted the case, with the quotes (notice text and PDF go next). */
  quoting: MeetingQuotes;
}

/** Per meeting, the quotes of disposed records its notice may hold. */
export type MeetingQuotes = Map<string, string[]>;

function addQuotes(into: MeetingQuotes, meetingIds: readonly string[], quotes: readonly string[]): void {
  if (quotes.length === 0) return;
  for (const id of meetingIds) into.set(id, quotedValues([...(into.get(id) ?? []), ...quotes]));
}

/** Adds what `from` holds to `into` (each meeting's quotes together, longest first). */
export function mergeQuotes(into: MeetingQuotes, from: MeetingQuotes): void {
  for (const [id, quotes] of from) addQuotes(into, [id], quotes);
}

/**
 * The agenda items reporting a disposed case: an item outside adjusted minutes loses what it
 * quotes of the case (`disposedItem`), and so do the actor register's entries about it; a
 * paragraph of adjusted minutes is the body's preserved record and stays as it is. The notices
 * on the board about such an item's meeting (an announcement listing the agenda) lose their
 * quotes of the case's and the item's titles too (`disposeNoticeQuotes`).
 */
export async function disposeAgendaCopies(
  tx: StorageTx,
  anchoring: AuditReanchoring,
  disposed: { id: string; title: string },
  decisionReference: string,
  at: string,
): Promise<AgendaCopiesDisposed> {
  const caseId = disposed.id;
  const out: AgendaCopiesDisposed = { written: [], inMinutes: 0, auditKept: 0, itemIds: [], quoting: new Map() };
  const meetings = new Set<string>();
  const titles = [disposed.title];
  for (const rec of await tx.listWhere('meetings', 'caseId', caseId)) {
    const item = rec.data as unknown as MeetingRecord;
    if (rec.deleted || item.kind !== 'item') continue;
    const meeting = item.meetingId ? await tx.getRecord('meetings', item.meetingId) : null;
    if (itemInMinutes(item, meeting && !meeting.deleted ? (meeting.data as unknown as MeetingRecord) : null)) {
      out.inMinutes++;
      continue;
    }
    out.written.push(await tx.putRecord('meetings', { ...disposedItem(item, decisionReference), updatedAt: at }));
    const quoted = await disposeAuditValues(tx, anchoring, [item.id], { fields: DISPOSED_ITEM_AUDIT_KEPT, number: item.caseNumber }, at);
    out.written.push(...quoted.written);
    out.auditKept += quoted.kept;
    out.itemIds.push(item.id);
    if (item.meetingId) meetings.add(item.meetingId);
    titles.push(item.title);
  }
  const quotes = quotedValues(titles);
  const notices = await disposeNoticeQuotes(tx, anchoring, [...meetings], quotes, decisionReference, at, new Set(out.itemIds));
  out.written.push(...notices.written);
  out.auditKept += notices.auditKept;
  addQuotes(out.quoting, [...meetings], quotes);
  return out;
}

/**
 * A disposed document listed on agendas outside adjusted minutes: the board's notices about those
 * meetings lose their quotes of its title (and the actor register's entries about them the
 * quoting values), like those of a disposed case. The items keep naming it by id: it is a
 * skeleton entry now. `listing`: the agenda items that list it (`DisposalReads.agendaItemsListing`).
 */
export async function disposeDocumentNoticeQuotes(
  tx: StorageTx,
  anchoring: AuditReanchoring,
  disposed: { id: string; title: string },
  listing: readonly MeetingRecord[],
  decisionReference: string,
  at: string,
): Promise<{ written: StoredRecord[]; auditKept: number; quoting: MeetingQuotes }> {
  const items = [];
  for (const item of listing) {
    const meeting = item.meetingId ? await tx.getRecord('meetings', item.meetingId) : null;
    items.push({ item, meeting: meeting && !meeting.deleted ? (meeting.data as unknown as MeetingRecord) : null });
  }
  const meetings = meetingsListingDocument(disposed.id, items);
  const quotes = quotedValues([disposed.title]);
  const notices = await disposeNoticeQuotes(tx, anchoring, meetings, quotes, decisionReference, at, new Set());
  const quoting: MeetingQuotes = new Map();
  addQuotes(quoting, meetings, quotes);
  return { ...notices, quoting };
}

/**
 * Quotes of disposed titles outside the agendas that named them: another meeting's item, a notice
 * with no agenda link, a posting. Found in the meetings collection (`meetingRecordsQuoting`, which
 * leaves out meetings with adjusted minutes); a meeting holding one is done as a quoting meeting is
 * (its items outside minutes, its notices, their actor-register entries; its registered notice and
 * rooms follow from `quoting`), a record about no meeting on its own. Preserved records (adjusted
 * minutes, notices of them) keep their wording (KL 5 kap. 69 §). Run after the disposal's other
 * writes, so it finds only what they left.
 */
export async function disposeQuotesElsewhere(
  tx: StorageTx,
  anchoring: AuditReanchoring,
  titles: readonly string[],
  decisionReference: string,
  at: string,
  /** Items emptied by this disposal. */
  disposedItemIds: ReadonlySet<string>,
): Promise<{ written: StoredRecord[]; auditKept: number; quoting: MeetingQuotes }> {
  const quotes = quotedValues(titles);
  const out = { written: [] as StoredRecord[], auditKept: 0, quoting: new Map() as MeetingQuotes };
  if (quotes.length === 0) return out;
  const replacement = disposedTitle(decisionReference);
  const meetings = new Set<string>();
  for (const { record, meeting } of await tx.disposal.meetingRecordsQuoting(quotes, ADJUSTED_MINUTES_STATUSES)) {
    if (disposedItemIds.has(record.id) || preserved(record, meeting)) continue;
    if (meeting) meetings.add(meeting.id);
    else await recordWithoutQuotes(tx, anchoring, record, null, quotes, replacement, at, out);
  }
  const notices = await disposeNoticeQuotes(tx, anchoring, [...meetings], quotes, decisionReference, at, disposedItemIds);
  out.written.push(...notices.written);
  out.auditKept += notices.auditKept;
  addQuotes(out.quoting, [...meetings], quotes);
  return out;
}

/**
 * The board's notices about these meetings (a meeting announcement, a public notice; not the
 * notice of adjusted minutes, which quotes nothing of an item) and the other agenda items outside
 * adjusted minutes (their title, proposal, decision: `itemWithoutQuotes`) with each quote replaced
 * by the decision's title, and the quoting values of the actor register's entries about them dropped.
 */
async function disposeNoticeQuotes(
  tx: StorageTx,
  anchoring: AuditReanchoring,
  meetingIds: readonly string[],
  quotes: readonly string[],
  decisionReference: string,
  at: string,
  /** Items emptied by this disposal (their entries are done already). */
  disposedItemIds: ReadonlySet<string>,
): Promise<{ written: StoredRecord[]; auditKept: number }> {
  const out = { written: [] as StoredRecord[], auditKept: 0 };
  if (quotes.length === 0) return out;
  const replacement = disposedTitle(decisionReference);
  for (const meetingId of meetingIds) {
    const meetingRec = await tx.getRecord('meetings', meetingId);
    const meeting = meetingRec && !meetingRec.deleted ? (meetingRec.data as unknown as MeetingRecord) : null;
    for (const rec of await tx.listWhere('meetings', 'meetingId', meetingId)) {
      if (rec.deleted || disposedItemIds.has(rec.id)) continue;
      await recordWithoutQuotes(tx, anchoring, rec.data as unknown as MeetingRecord, meeting, quotes, replacement, at, out);
    }
  }
  return out;
}

/** A paragraph of adjusted minutes, a preserved notice, or a record that is neither item nor notice: left as it is. */
function preserved(record: MeetingRecord, meeting: MeetingRecord | null): boolean {
  if (record.kind === 'item') return itemInMinutes(record, meeting);
  return record.kind !== 'posting' || noticePreserved(record, meeting);
}

/** One item or notice without the quotes, and the quoting values of its actor-register entries dropped under their seals. */
async function recordWithoutQuotes(
  tx: StorageTx,
  anchoring: AuditReanchoring,
  record: MeetingRecord,
  meeting: MeetingRecord | null,
  quotes: readonly string[],
  replacement: string,
  at: string,
  out: { written: StoredRecord[]; auditKept: number },
): Promise<void> {
  if (preserved(record, meeting)) return;
  const changed =
    record.kind === 'item'
      ? itemWithoutQuotes(record, meeting, quotes, replacement)
      : postingWithoutQuotes(record, meeting, quotes, replacement);
  if (changed) out.written.push(await tx.putRecord('meetings', { ...changed, updatedAt: at }));
  const entries = await dropAuditValuesWhere(tx, anchoring, [record.id], (entry) => quotingAuditValues(entry, quotes), at);
  out.written.push(...entries.written);
  out.auditKept += entries.kept;
}
