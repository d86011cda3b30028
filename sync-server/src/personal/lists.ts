import { NOTIFICATIONS_IN_ANSWER, type PersonalLists } from '../../../shared/src/protocol/personal';
import type { PersonalStorage } from '../storage/personal-storage';
import { TargetProjector, type Subject, type TargetRef } from './targets';

/**
 * A user's personal lists as `GET /api/personal` answers them: every item with the projection of
 * its target; items whose target the user cannot read now are left out (their rows stay, so they
 * return with access).
 */
export async function personalLists(personal: PersonalStorage, targets: TargetProjector, user: Subject): Promise<PersonalLists> {
  const rows = await personal.lists(user.id, NOTIFICATIONS_IN_ANSWER);
  const refs: TargetRef[] = [
    ...rows.watches.map((w) => ({ collection: w.targetCollection, id: w.targetId })),
    ...rows.subscriptions.map((s) => ({ collection: 'cases' as const, id: s.caseId })),
    ...rows.favourites.map((f) => ({ collection: f.collection, id: f.recordId })),
    ...rows.notifications.map((n) => ({ collection: n.targetCollection, id: n.targetId })),
  ];
  const views = await targets.views(user, refs);
  const view = (collection: TargetRef['collection'], id: string) => views.get(TargetProjector.key({ collection, id }));
  const notifications = rows.notifications.flatMap((n) => {
    const target = view(n.targetCollection, n.targetId);
    return target ? [{ id: n.id, kind: n.kind, target, at: n.at, readAt: n.readAt, detail: n.detail }] : [];
  });
  return {
    watches: rows.watches.flatMap((w) => {
      const target = view(w.targetCollection, w.targetId);
      return target
        ? [{ id: w.id, target, dueDate: w.dueDate, note: w.note, doneAt: w.doneAt, createdAt: w.createdAt, updatedAt: w.updatedAt }]
        : [];
    }),
    subscriptions: rows.subscriptions.flatMap((s) => {
      const target = view('cases', s.caseId);
      return target ? [{ target, createdAt: s.createdAt }] : [];
    }),
    favourites: rows.favourites.flatMap((f) => {
      const target = view(f.collection, f.recordId);
      return target ? [{ target, addedAt: f.addedAt }] : [];
    }),
    notifications,
    unread: notifications.filter((n) => n.readAt === null).length,
  };
}
