import type { SchemaMigration } from './migration';

/**
 * `file_texts.record_rowid`: the search_records rowid of the file's document, so that a search by
 * file text reaches the document's index row by its primary key instead of looking its id up for
 * every matching file. 0 while the document is not indexed; the index writer sets it when the
 * document's row is created (search-index.ts), the storage when a file's row is.
 */
export const fileTextRecordRowid: SchemaMigration = {
  description: 'file_texts.record_rowid: the search_records rowid of the document',
  up(db) {
    db.exec(`
      ALTER TABLE file_texts ADD COLUMN record_rowid INTEGER NOT NULL DEFAULT 0;
      UPDATE file_texts SET record_rowid = ifnull(
        (SELECT r.rowid FROM search_records r WHERE r.collection = 'documents' AND r.record_id = file_texts.document_id), 0);
    `);
  },
};
