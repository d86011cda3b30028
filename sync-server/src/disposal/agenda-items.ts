import type { AuditEntry } from '../../../shared/src/model/audit';
import type { MeetingRecord } from '../../../shared/src/model/meeting';
import { DISPOSED_ITEM_AUDIT_KEPT, disposedItem, disposedTitle, itemInMinutes } from '../../../shared/src/rules/disposal';
import { quotedValues, quotingAuditValues, withoutQuotes } from '../../../shared/src/rules/disposal-quotes';
import { disposeEntryValues } from '../audit/audit-hash';
import type { StorageTx, StoredRecord } from '../storage/storage';
import { disposeAuditValues } from './audit-values';

export interface AgendaCopiesDisposed {
  written: StoredRecord[];
  /** Items left as they are: paragraphs of adjusted minutes. */
  inMinutes: number;
  /** Scheme 1 actor-register entries about the items that keep their values. */
  auditKept: number;
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
  disposed: { id: string; title: string },
  decisionReference: string,
  at: string,
): Promise<AgendaCopiesDisposed> {
  const caseId = disposed.id;
  const out: AgendaCopiesDisposed = { written: [], inMinutes: 0, auditKept: 0 };
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
    const quoted = await disposeAuditValues(tx, [item.id], { fields: DISPOSED_ITEM_AUDIT_KEPT, number: item.caseNumber }, at);
    out.written.push(...quoted.written);
    out.auditKept += quoted.kept;
    if (item.meetingId) meetings.add(item.meetingId);
    titles.push(item.title);
  }
  const notices = await disposeNoticeQuotes(tx, [...meetings], quotedValues(titles), decisionReference, at);
  out.written.push(...notices.written);
  out.auditKept += notices.auditKept;
  return out;
}

/**
 * The board's notices about these meetings (a meeting announcement, a public notice; not the
 * notice of adjusted minutes, which quotes nothing of an item) with each quote replaced by the
 * decision's title, and the quoting values of the actor register's entries about them dropped.
 */
async function disposeNoticeQuotes(
  tx: StorageTx,
  meetingIds: readonly string[],
  quotes: readonly string[],
  decisionReference: string,
  at: string,
): Promise<{ written: StoredRecord[]; auditKept: number }> {
  const out = { written: [] as StoredRecord[], auditKept: 0 };
  if (quotes.length === 0) return out;
  const replacement = disposedTitle(decisionReference);
  for (const meetingId of meetingIds) {
    for (const rec of await tx.listWhere('meetings', 'meetingId', meetingId)) {
      const posting = rec.data as unknown as MeetingRecord;
      if (rec.deleted || posting.kind !== 'posting' || posting.postingKind === 'minutes_adjusted') continue;
      const title = withoutQuotes(posting.title, quotes, replacement);
      const text = withoutQuotes(posting.text, quotes, replacement);
      if (title !== posting.title || text !== posting.text)
        out.written.push(await tx.putRecord('meetings', { ...posting, title, text, updatedAt: at }));
      for (const entryRec of await tx.listWhere('audit', 'recordId', posting.id)) {
        const entry = entryRec.data as unknown as AuditEntry;
        const which = quotingAuditValues(entry, quotes);
        if (!which) continue;
        const dropped = disposeEntryValues(entry, which);
        if (dropped) out.written.push(await tx.putRecord('audit', { ...dropped, updatedAt: at }));
        else out.auditKept++;
      }
    }
  }
  return out;
}
