import type { SchemaMigration } from './migration';

/**
 * The text of files for search (files/file-text-indexer.ts): one row per logical file (document
 * and fileKey) holding the text of its newest version only, and the FTS5 table `file_text_fts`
 * (same tokenizer as search_text) sharing its rowid. `state` is 'pending' while the newest
 * version's text is being extracted (its text is then ''), 'ok', or 'failed' (unsearchable by
 * text; not retried). Existing files are extracted in the background at start-up, not here.
 */
export const fileText: SchemaMigration = {
  description: 'file text: file_texts + FTS5 file_text_fts over the newest version of each file',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS file_texts (
        rowid INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL, file_key TEXT NOT NULL, file_id TEXT NOT NULL, file_version INTEGER NOT NULL,
        state TEXT NOT NULL,
        UNIQUE (document_id, file_key)
      );
      CREATE INDEX IF NOT EXISTS file_texts_state ON file_texts (state);
      CREATE VIRTUAL TABLE IF NOT EXISTS file_text_fts USING fts5(
        text, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4'
      );
    `);
  },
};
