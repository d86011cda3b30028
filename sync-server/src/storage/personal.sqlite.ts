import type Database from 'better-sqlite3';
import type { HousekeepingCutoffs } from '../../../shared/src/rules/personal-housekeeping';
import type { FavouriteRow, LimitedList, NotificationRow, PersonalTx, SubscriptionRow, WatchRow } from './personal-storage';

interface WatchDb {
  id: string;
  user_id: string;
  target_collection: WatchRow['targetCollection'];
  target_id: string;
  due_date: string;
  note: string;
  done_at: number | null;
  fired_due: string | null;
  created_at: number;
  updated_at: number;
}

const watchOut = (r: WatchDb): WatchRow => ({
  id: r.id,
  userId: r.user_id,
  targetCollection: r.target_collection,
  targetId: r.target_id,
  dueDate: r.due_date,
  note: r.note,
  doneAt: r.done_at,
  firedDue: r.fired_due,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

interface NotificationDb {
  id: string;
  user_id: string;
  kind: NotificationRow['kind'];
  target_collection: NotificationRow['targetCollection'];
  target_id: string;
  at: number;
  read_at: number | null;
  detail_json: string;
}

const notificationOut = (r: NotificationDb): NotificationRow => ({
  id: r.id,
  userId: r.user_id,
  kind: r.kind,
  targetCollection: r.target_collection,
  targetId: r.target_id,
  at: r.at,
  readAt: r.read_at,
  detail: JSON.parse(r.detail_json) as Record<string, string>,
});

const COUNT_SQL: Record<LimitedList, string> = {
  watches: 'SELECT COUNT(*) AS n FROM watches WHERE user_id = ?',
  favourites: 'SELECT COUNT(*) AS n FROM favourites WHERE user_id = ?',
  subscriptions: 'SELECT COUNT(*) AS n FROM subscriptions WHERE user_id = ?',
};

/** The writes of the personal tables on the writer connection; only called inside a storage transaction. */
export function personalTx(w: Database.Database): PersonalTx {
  return {
    opApplied: async (userId, opId) =>
      w.prepare('SELECT 1 FROM applied_ops WHERE user_id = ? AND op_id = ?').get(userId, opId) !== undefined,
    markOpApplied: async (userId, opId, at) => {
      w.prepare('INSERT OR IGNORE INTO applied_ops (user_id, op_id, at) VALUES (?, ?, ?)').run(userId, opId, at);
    },
    watch: async (id) => {
      const row = w.prepare<[string], WatchDb>('SELECT * FROM watches WHERE id = ?').get(id);
      return row ? watchOut(row) : null;
    },
    putWatch: async (x) => {
      w.prepare(
        `INSERT INTO watches (id, user_id, target_collection, target_id, due_date, note, done_at, fired_due, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET due_date = excluded.due_date, note = excluded.note, done_at = excluded.done_at,
           fired_due = excluded.fired_due, updated_at = excluded.updated_at`,
      ).run(x.id, x.userId, x.targetCollection, x.targetId, x.dueDate, x.note, x.doneAt, x.firedDue, x.createdAt, x.updatedAt);
    },
    deleteWatch: async (id) => {
      w.prepare('DELETE FROM watches WHERE id = ?').run(id);
    },
    count: async (list, userId) => w.prepare<[string], { n: number }>(COUNT_SQL[list]).get(userId)!.n,
    subscribe: async (r: SubscriptionRow) =>
      w.prepare('INSERT OR IGNORE INTO subscriptions (user_id, case_id, created_at) VALUES (?, ?, ?)').run(r.userId, r.caseId, r.createdAt)
        .changes === 1,
    unsubscribe: async (userId, caseId) => {
      w.prepare('DELETE FROM subscriptions WHERE user_id = ? AND case_id = ?').run(userId, caseId);
    },
    addFavourite: async (r: FavouriteRow) =>
      w
        .prepare('INSERT OR IGNORE INTO favourites (user_id, collection, record_id, added_at) VALUES (?, ?, ?, ?)')
        .run(r.userId, r.collection, r.recordId, r.addedAt).changes === 1,
    removeFavourite: async (userId, collection, recordId) => {
      w.prepare('DELETE FROM favourites WHERE user_id = ? AND collection = ? AND record_id = ?').run(userId, collection, recordId);
    },
    markRead: async (userId, id, at) =>
      w.prepare('UPDATE notifications SET read_at = COALESCE(read_at, ?) WHERE id = ? AND user_id = ?').run(at, id, userId).changes === 1,
    subscribers: async (caseId) =>
      w
        .prepare<[string], { user_id: string }>('SELECT user_id FROM subscriptions WHERE case_id = ?')
        .all(caseId)
        .map((r) => r.user_id),
    addNotification: async (n) => {
      w.prepare(
        'INSERT INTO notifications (id, user_id, kind, target_collection, target_id, at, read_at, detail_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(n.id, n.userId, n.kind, n.targetCollection, n.targetId, n.at, n.readAt, JSON.stringify(n.detail));
    },
  };
}

/** Deletes what the housekeeping rule lets go; call inside a write transaction. */
export function prunePersonal(w: Database.Database, cut: HousekeepingCutoffs): { notifications: number; appliedOps: number } {
  const notifications = w
    .prepare('DELETE FROM notifications WHERE (read_at IS NOT NULL AND read_at < ?) OR at < ?')
    .run(cut.readBefore, cut.notifiedBefore).changes;
  const appliedOps = w.prepare('DELETE FROM applied_ops WHERE at < ?').run(cut.appliedBefore).changes;
  return { notifications, appliedOps };
}

/** The reads of the personal tables on the reader connection (committed state). */
export function personalReads(r: Database.Database) {
  return {
    lists(userId: string, notificationLimit: number) {
      return {
        watches: r
          .prepare<[string], WatchDb>('SELECT * FROM watches WHERE user_id = ? ORDER BY due_date, created_at, id')
          .all(userId)
          .map(watchOut),
        subscriptions: r
          .prepare<[string], { user_id: string; case_id: string; created_at: number }>(
            'SELECT * FROM subscriptions WHERE user_id = ? ORDER BY created_at, case_id',
          )
          .all(userId)
          .map((s) => ({ userId: s.user_id, caseId: s.case_id, createdAt: s.created_at })),
        favourites: r
          .prepare<[string], { user_id: string; collection: FavouriteRow['collection']; record_id: string; added_at: number }>(
            'SELECT * FROM favourites WHERE user_id = ? ORDER BY added_at, record_id',
          )
          .all(userId)
          .map((f) => ({ userId: f.user_id, collection: f.collection, recordId: f.record_id, addedAt: f.added_at })),
        notifications: r
          .prepare<[string, number], NotificationDb>('SELECT * FROM notifications WHERE user_id = ? ORDER BY at DESC, id DESC LIMIT ?')
          .all(userId, notificationLimit)
          .map(notificationOut),
      };
    },
    dueUnfired(today: string, limit: number): WatchRow[] {
      return r
        .prepare<[string, number], WatchDb>(
          `SELECT * FROM watches WHERE done_at IS NULL AND due_date <= ? AND (fired_due IS NULL OR fired_due <> due_date)
           ORDER BY due_date, id LIMIT ?`,
        )
        .all(today, limit)
        .map(watchOut);
    },
  };
}
