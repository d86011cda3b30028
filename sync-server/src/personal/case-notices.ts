import type { CollectionName } from '../../../shared/src';
import type { StorageTx, StoredRecord } from '../storage/storage';
import type { Actor } from '../sync/apply';
import type { PushObserver } from '../sync/push.service';
import type { TargetRef } from './targets';

/** A notification written in a push's transaction: whom to tell once it is committed, and about what. */
export interface Announcement {
  userId: string;
  target: TargetRef;
}

/**
 * Notifications for case subscribers, written in the transaction that applies a pushed case or
 * document: a document that comes into a subscribed case (new, or moved there) and a change of a
 * subscribed case's status. The actor is never notified of their own change. After the commit the
 * subscribers who may read the target are told on their sockets (`announce`), so nobody learns
 * from a message that something they cannot see happened.
 */
export function caseNotices(newId: () => string, announce: (announcements: readonly Announcement[]) => void): PushObserver<Announcement> {
  return {
    async applied(tx: StorageTx, actor: Actor, collection: CollectionName, before, written: readonly StoredRecord[], nowMs: number) {
      const rec = written.find((r) => r.collection === collection);
      if (!rec) return [];
      let caseId = '';
      let made: Omit<Announcement, 'userId'> & { kind: 'document_added' | 'case_status'; detail: Record<string, string> };
      if (collection === 'documents') {
        caseId = typeof rec.data.caseId === 'string' ? rec.data.caseId : '';
        if (!caseId || before?.caseId === caseId) return [];
        made = { kind: 'document_added', target: { collection: 'documents', id: rec.id }, detail: { caseId } };
      } else if (collection === 'cases') {
        if (!before || before.status === rec.data.status) return [];
        caseId = rec.id;
        made = { kind: 'case_status', target: { collection: 'cases', id: rec.id }, detail: { status: String(rec.data.status) } };
      } else return [];
      const out: Announcement[] = [];
      for (const userId of await tx.personal.subscribers(caseId)) {
        if (userId === actor.id) continue;
        await tx.personal.addNotification({
          id: newId(),
          userId,
          kind: made.kind,
          targetCollection: made.target.collection,
          targetId: made.target.id,
          at: nowMs,
          readAt: null,
          detail: made.detail,
        });
        out.push({ userId, target: made.target });
      }
      return out;
    },
    committed: announce,
  };
}
