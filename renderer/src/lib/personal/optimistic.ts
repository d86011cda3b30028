import type { PersonalLists, PersonalOp, TargetView } from '../../../../shared/src/protocol/personal';

/** An op waiting in the queue, with what the view shows of its target until the server answers. */
export interface QueuedOp {
  op: PersonalOp;
  /** The target as the replica showed it when the op was made (watch.put, subscribe, favourite.add). */
  target?: TargetView;
  /** When it was queued (ms). */
  at: number;
}

export const EMPTY_LISTS: PersonalLists = { watches: [], subscriptions: [], favourites: [], notifications: [], unread: 0 };

/**
 * The lists as they will be once the queue is applied: the last server answer with each queued
 * op applied in order, as the server applies it (a watch keeps its target and creation time; done
 * keeps the first done time; adding what is there changes nothing). The server may still refuse
 * an op: then the next answer simply lacks it.
 */
export function withQueue(lists: PersonalLists, queue: readonly QueuedOp[]): PersonalLists {
  let { watches, subscriptions, favourites, notifications } = lists;
  for (const { op, target, at } of queue) {
    switch (op.kind) {
      case 'watch.put': {
        const existing = watches.find((w) => w.id === op.id);
        if (existing) watches = watches.map((w) => (w.id === op.id ? { ...w, dueDate: op.dueDate, note: op.note, updatedAt: at } : w));
        else if (target)
          watches = [...watches, { id: op.id, target, dueDate: op.dueDate, note: op.note, doneAt: null, createdAt: at, updatedAt: at }];
        break;
      }
      case 'watch.done':
        watches = watches.map((w) => (w.id === op.id ? { ...w, doneAt: op.done ? (w.doneAt ?? at) : null, updatedAt: at } : w));
        break;
      case 'watch.remove':
        watches = watches.filter((w) => w.id !== op.id);
        break;
      case 'subscribe':
        if (target && !subscriptions.some((s) => s.target.id === op.caseId)) subscriptions = [...subscriptions, { target, createdAt: at }];
        break;
      case 'unsubscribe':
        subscriptions = subscriptions.filter((s) => s.target.id !== op.caseId);
        break;
      case 'favourite.add':
        if (target && !favourites.some((f) => f.target.collection === op.collection && f.target.id === op.recordId))
          favourites = [...favourites, { target, addedAt: at }];
        break;
      case 'favourite.remove':
        favourites = favourites.filter((f) => !(f.target.collection === op.collection && f.target.id === op.recordId));
        break;
      case 'notification.read':
        notifications = notifications.map((n) => (n.id === op.id ? { ...n, readAt: n.readAt ?? at } : n));
        break;
    }
  }
  return { watches, subscriptions, favourites, notifications, unread: notifications.filter((n) => n.readAt === null).length };
}

/** Notifications in `next` that were not in `before` and are unread: what to show as OS notifications. */
export function freshNotifications(before: PersonalLists | null, next: PersonalLists): PersonalLists['notifications'] {
  if (!before) return [];
  const seen = new Set(before.notifications.map((n) => n.id));
  return next.notifications.filter((n) => n.readAt === null && !seen.has(n.id));
}
