import type { SchemaMigration } from './migration';

/**
 * Web publication (issue 17). Server bookkeeping, not register records (no replication): the
 * records published are ordinary documents, and the acts are in the actor register.
 * - `publications`: a document deliberately published on /postlista, by whom and when; a
 *   withdrawn one keeps who withdrew it and when. At most one live publication per document.
 * - `register_publication`: whether a register's documents appear on the public list at all
 *   (no row: they do). A register kept off the list publishes nothing.
 */
export const publications: SchemaMigration = {
  description: 'web publication: published documents, registers kept off the public list',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS publications (
        id TEXT PRIMARY KEY, document_id TEXT NOT NULL, register_id TEXT NOT NULL,
        published_by TEXT NOT NULL, published_by_name TEXT NOT NULL, published_at TEXT NOT NULL,
        withdrawn_by TEXT, withdrawn_by_name TEXT, withdrawn_at TEXT
      );
      CREATE UNIQUE INDEX IF NOT EXISTS publications_live ON publications (document_id) WHERE withdrawn_at IS NULL;
      CREATE TABLE IF NOT EXISTS register_publication (
        register_id TEXT PRIMARY KEY, listed INTEGER NOT NULL CHECK (listed IN (0, 1)),
        changed_by TEXT NOT NULL, changed_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
