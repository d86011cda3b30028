import type { SchemaMigration } from './migration';

/**
 * The room clean-ups queue is not the disposal's alone (an archive receipt that removes content
 * queues its records' notes too): `disposal_room_cleanups` (027) becomes `room_cleanups`, each row
 * saying which act queued it (`act` 'disposal' | 'archive', `act_id` the decision's or the
 * transfer's id) and when (`queued_at`, so the health endpoint can tell how long one has waited).
 * Pending rows are kept, in their order; their time is the act's (the decision executed, the
 * receipt confirmed), else the upgrade's. The old table goes (secure delete zeroes its pages).
 */
export const roomCleanups: SchemaMigration = {
  description: 'room clean-ups: one queue for every act (act, act_id, queued_at), pending rows kept',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS room_cleanups (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        act TEXT NOT NULL CHECK (act IN ('disposal', 'archive')), act_id TEXT NOT NULL, queued_at TEXT NOT NULL,
        collection TEXT NOT NULL CHECK (collection IN ('cases', 'documents', 'meetings')), record_id TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('forget', 'clear', 'quotes')),
        quotes_json TEXT NOT NULL DEFAULT '[]', replacement TEXT NOT NULL DEFAULT ''
      );
    `);
    const old = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'disposal_room_cleanups'").get();
    if (!old) return;
    // 027 wrote an archive receipt's rows with decision_id 'archive <transfer id>'.
    db.exec(`
      INSERT INTO room_cleanups (id, act, act_id, queued_at, collection, record_id, action, quotes_json, replacement)
      SELECT c.id,
        CASE WHEN c.decision_id LIKE 'archive %' THEN 'archive' ELSE 'disposal' END,
        CASE WHEN c.decision_id LIKE 'archive %' THEN substr(c.decision_id, 9) ELSE c.decision_id END,
        COALESCE(NULLIF(d.executed_at, ''), NULLIF(t.confirmed_at, ''), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        c.collection, c.record_id, c.action, c.quotes_json, c.replacement
      FROM disposal_room_cleanups c
      LEFT JOIN disposal_decisions d ON d.id = c.decision_id
      LEFT JOIN archive_transfers t ON c.decision_id = 'archive ' || t.id
      ORDER BY c.id;
      DROP TABLE disposal_room_cleanups;
    `);
  },
};
