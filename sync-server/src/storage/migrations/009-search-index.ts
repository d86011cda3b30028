import { SearchIndexWriter, type SearchedCollection } from '../search-index';
import type { SchemaMigration } from './migration';

/**
 * The server-side search index over the metadata of cases and documents (storage/search-index.ts):
 * `search_records` for filters and order, the FTS5 table `search_text` for words, with the
 * unicode61 tokenizer keeping å/ä/ö distinct (remove_diacritics 0) and prefix indexes for the
 * short prefixes a user types. Filled from the stored records; the storage keeps it current in
 * the transaction of every write of a case or document (and of a party, user, process or document
 * type whose name they show).
 */
export const searchIndex: SchemaMigration = {
  description: 'search index: search_records + FTS5 search_text over case and document metadata',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS search_records (
        rowid INTEGER PRIMARY KEY,
        collection TEXT NOT NULL, record_id TEXT NOT NULL, register_id TEXT NOT NULL,
        number_prefix TEXT NOT NULL, number_year INTEGER NOT NULL, number_serial INTEGER NOT NULL, number_doc_serial INTEGER NOT NULL,
        status TEXT NOT NULL, direction TEXT NOT NULL, newest_key TEXT NOT NULL,
        class_code TEXT NOT NULL, document_type_id TEXT NOT NULL,
        registered_date TEXT NOT NULL, received_date TEXT NOT NULL, dispatched_date TEXT NOT NULL, created_date TEXT NOT NULL,
        closed_date TEXT NOT NULL,
        UNIQUE (collection, record_id)
      );
      CREATE INDEX IF NOT EXISTS search_records_newest ON search_records (newest_key);
      CREATE INDEX IF NOT EXISTS search_records_number ON search_records (number_year, number_serial);
      CREATE INDEX IF NOT EXISTS search_records_process ON search_records (register_id, class_code);
      CREATE INDEX IF NOT EXISTS search_records_document_type ON search_records (document_type_id);
      CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5(
        number, title, description, sender, recipient, officer, process, document_type, other,
        tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4'
      );
    `);
    const writer = new SearchIndexWriter(db);
    // Oldest first, so rowids grow with time as they do for records registered later: the search
    // reads word matches in rowid order, newest first. Ids first, then each record: the
    // connection cannot write while a statement is still stepping through rows.
    const ids = db
      .prepare<[], { collection: SearchedCollection; id: string }>(
        `SELECT collection, id FROM records WHERE collection IN ('cases', 'documents')
         ORDER BY json_extract(data, '$.newestKey') DESC, collection, id`,
      )
      .all();
    const read = db.prepare<[string, string], { data: string; deleted: number }>(
      'SELECT data, deleted FROM records WHERE collection = ? AND id = ?',
    );
    for (const { collection, id } of ids) {
      const r = read.get(collection, id)!;
      writer.put(collection, JSON.parse(r.data) as Record<string, unknown>, r.deleted === 1);
    }
  },
};
