import type { SchemaMigration } from './migration';

/**
 * The room clean-ups a disposal still owes (issue 17): written in the disposal's transaction, one
 * row per room (a disposed record's notes to delete, a disposed item's proposal to empty, the quotes
 * to replace in a meeting's notice or another item's proposal), deleted once done. The rooms live
 * in another database, so a clean-up that fails after the commit is retried at the next disposal
 * and at start-up instead of being lost. `quotes_json` holds the disposed titles until then: the
 * rooms hold them too, and the row goes (secure delete) with them.
 */
export const disposalRoomCleanups: SchemaMigration = {
  description: 'disposal: room clean-ups still to do',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS disposal_room_cleanups (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        decision_id TEXT NOT NULL,
        collection TEXT NOT NULL CHECK (collection IN ('cases', 'documents', 'meetings')), record_id TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('forget', 'clear', 'quotes')),
        quotes_json TEXT NOT NULL DEFAULT '[]', replacement TEXT NOT NULL DEFAULT ''
      );
    `);
  },
};
