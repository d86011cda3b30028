import type { MeetingRecord } from '../../../shared/src/model/meeting';
import { DISPOSED_ITEM_AUDIT_KEPT, disposedItem, itemInMinutes } from '../../../shared/src/rules/disposal';
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
 * paragraph of adjusted minutes is the body's preserved record and stays as it is.
 */
export async function disposeAgendaCopies(
  tx: StorageTx,
  caseId: string,
  decisionReference: string,
  at: string,
): Promise<AgendaCopiesDisposed> {
  const out: AgendaCopiesDisposed = { written: [], inMinutes: 0, auditKept: 0 };
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
  }
  return out;
}
