import type { SchemaMigration } from './migration';

/**
 * The public register list as the public sees it (storage/public-list-entries.ts): one row per
 * registered document that the publication gate passes, holding exactly what goes out (the gate's
 * output as JSON) and the columns a page is read by; `public_list_text` (same rowid) holds its
 * published title and description for word search. A blocked document has no row. Kept current in
 * the transaction of every write of a document, case or party; `public_list_state` holds what the
 * rows were decided by (policy version, projection version, record versions), and the server
 * decides every entry again when it opens a data folder where that differs (or is missing).
 */
export const publicListEntries: SchemaMigration = {
  description: 'public list entries: the gate-passed projection of registered documents, with their published words',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS public_list_entries (
        rowid INTEGER PRIMARY KEY,
        record_id TEXT NOT NULL UNIQUE, register_id TEXT NOT NULL,
        registered_date TEXT NOT NULL, newest_key TEXT NOT NULL,
        number_prefix TEXT NOT NULL, number_year INTEGER NOT NULL, number_serial INTEGER NOT NULL, number_doc_serial INTEGER NOT NULL,
        entry TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS public_list_entries_order ON public_list_entries (registered_date DESC, newest_key, record_id);
      CREATE INDEX IF NOT EXISTS public_list_entries_number ON public_list_entries (number_year, number_serial);
      CREATE VIRTUAL TABLE IF NOT EXISTS public_list_text USING fts5(
        title, description, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4'
      );
      CREATE TABLE IF NOT EXISTS public_list_state (id INTEGER PRIMARY KEY CHECK (id = 1), decided_by TEXT NOT NULL);
    `);
  },
};
