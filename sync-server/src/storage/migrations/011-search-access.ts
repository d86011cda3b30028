import { SearchAccessWriter } from '../search-access';
import type { SearchedCollection } from '../search-index';
import type { SchemaMigration } from './migration';

/**
 * Who may read each indexed case's or document's content (storage/search-access.ts), so that rows
 * a user can never read by their content do not take places in a search's candidate window:
 * `search_access` (one row per search_records row, same rowid) and `search_readers` (the users
 * and groups named on it). Filled from the stored records; kept current by the index writer.
 */
export const searchAccess: SchemaMigration = {
  description: 'search access: search_access + search_readers beside the search index',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS search_access (
        rowid INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL, own_restricted INTEGER NOT NULL, restricted INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS search_access_case ON search_access (case_id);
      CREATE TABLE IF NOT EXISTS search_readers (
        record_rowid INTEGER NOT NULL, reader TEXT NOT NULL,
        PRIMARY KEY (record_rowid, reader)
      ) WITHOUT ROWID;
    `);
    const writer = SearchAccessWriter.open(db)!;
    // Cases first, so each document finds its case's restriction (a case also updates its documents).
    // Keys first, then each record: the connection cannot write while a statement steps through rows.
    const rows = db
      .prepare<[], { rowid: number; collection: SearchedCollection; id: string }>(
        `SELECT rowid, collection, record_id AS id FROM search_records ORDER BY collection = 'documents', rowid`,
      )
      .all();
    const read = db.prepare<[string, string], { data: string }>('SELECT data FROM records WHERE collection = ? AND id = ?');
    for (const row of rows) {
      const stored = read.get(row.collection, row.id);
      if (stored) writer.put(row.rowid, row.collection, JSON.parse(stored.data) as Record<string, unknown>);
    }
  },
};
