import type { SchemaMigration } from './migration';

/**
 * The working set (issue 15): each user's window over their registers, materialised per unit (a
 * case, or a free-standing document) with a per-user change log that pulls follow.
 * - `working_sets`: the user's setting (months) and a version bumped by every change of it or of
 *   their pins; `working_set_pins`: pins ('pin') and on-demand opens ('opened', kept 14 days).
 * - `window_members`: the units in the window now; `window_log`: each unit added or removed, in
 *   order (`wseq` per user); `window_state`: how far the evaluation got (global `seq`, the window
 *   start, settings version and registers it used, the log's head).
 * - `records_audit_actor_at`: what the user touched (actor-register entries by actor and time).
 */
export const workingSet: SchemaMigration = {
  description: 'working set: settings, pins, window members, window log and state; actor-register entries by actor and time',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS working_sets (user_id TEXT PRIMARY KEY, months INTEGER NOT NULL, version INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS working_set_pins (
        user_id TEXT NOT NULL, record_id TEXT NOT NULL, collection TEXT NOT NULL, kind TEXT NOT NULL, at INTEGER NOT NULL,
        PRIMARY KEY (user_id, record_id)
      );
      CREATE TABLE IF NOT EXISTS window_members (user_id TEXT NOT NULL, unit TEXT NOT NULL, PRIMARY KEY (user_id, unit)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS window_log (
        user_id TEXT NOT NULL, wseq INTEGER NOT NULL, unit TEXT NOT NULL, added INTEGER NOT NULL,
        PRIMARY KEY (user_id, wseq)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS window_state (
        user_id TEXT PRIMARY KEY, evaluated_seq INTEGER NOT NULL, start TEXT NOT NULL, version INTEGER NOT NULL, head INTEGER NOT NULL,
        registers TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS records_audit_actor_at ON records (json_extract(data, '$.actorId'), json_extract(data, '$.at'))
        WHERE collection = 'audit';
    `);
  },
};
