import type { SchemaMigration } from './migration';

/**
 * The public register list (/postlista) reads registered documents by registration day, newest
 * day first and newest registered first within it (storage/public-list-sql.ts): this index gives
 * that order, so a page stops reading at its last row instead of sorting every document.
 */
export const publicListIndex: SchemaMigration = {
  description: 'index: search_records of documents by registration day and newest key, for the public register list',
  up(db) {
    db.exec(`
      CREATE INDEX IF NOT EXISTS search_records_public_list
        ON search_records (collection, registered_date DESC, newest_key, record_id);
    `);
  },
};
