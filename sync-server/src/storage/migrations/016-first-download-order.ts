import type { SchemaMigration } from './migration';

/**
 * The first download in tiers (issue 15) walks the register list newest first in a unique order
 * (`newest_key`, `record_id`), so a cursor names one place in it. (The user's own work is found
 * through `records_by_responsible`, migration 007.)
 */
export const firstDownloadOrder: SchemaMigration = {
  description: 'first download in tiers: list rows by (newest_key, record_id)',
  up(db) {
    db.exec(`
      CREATE INDEX IF NOT EXISTS search_records_walk ON search_records (newest_key, record_id);
    `);
  },
};
