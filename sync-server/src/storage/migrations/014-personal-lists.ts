import type { SchemaMigration } from './migration';

/**
 * Personal lists (issue 16): each user's watches, case subscriptions, favourites and
 * notifications. They are not register records: no sequence numbers, no actor register, and
 * never a title (that comes from the projection of the target when answered).
 * - `watches.fired_due`: the due date a notification was made for, so each due date fires once
 *   (moving the date arms the watch again).
 * - `applied_ops`: op ids a client sent that were applied, so a queue sent twice changes nothing.
 */
export const personalLists: SchemaMigration = {
  description: 'personal lists: watches, subscriptions, favourites, notifications, applied ops',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS watches (
        id TEXT PRIMARY KEY, user_id TEXT NOT NULL,
        target_collection TEXT NOT NULL CHECK (target_collection IN ('cases', 'documents')), target_id TEXT NOT NULL,
        due_date TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', done_at INTEGER, fired_due TEXT,
        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS watches_user ON watches (user_id);
      CREATE INDEX IF NOT EXISTS watches_open_due ON watches (due_date) WHERE done_at IS NULL;
      CREATE TABLE IF NOT EXISTS subscriptions (
        user_id TEXT NOT NULL, case_id TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (user_id, case_id)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS subscriptions_case ON subscriptions (case_id);
      CREATE TABLE IF NOT EXISTS favourites (
        user_id TEXT NOT NULL, collection TEXT NOT NULL CHECK (collection IN ('cases', 'documents')), record_id TEXT NOT NULL,
        added_at INTEGER NOT NULL, PRIMARY KEY (user_id, collection, record_id)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS notifications (
        id TEXT PRIMARY KEY, user_id TEXT NOT NULL, kind TEXT NOT NULL,
        target_collection TEXT NOT NULL, target_id TEXT NOT NULL, at INTEGER NOT NULL, read_at INTEGER,
        detail_json TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX IF NOT EXISTS notifications_user_at ON notifications (user_id, at);
      CREATE TABLE IF NOT EXISTS applied_ops (
        user_id TEXT NOT NULL, op_id TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (user_id, op_id)
      ) WITHOUT ROWID;
    `);
  },
};
