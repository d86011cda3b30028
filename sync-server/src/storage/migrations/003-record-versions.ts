import type { SchemaMigration } from './migration';

/**
 * The shape version of each collection's stored JSON (`RECORD_MIGRATIONS` in shared). No rows:
 * a collection without a row is at version 0, which every record stored before this table was.
 */
export const recordVersions: SchemaMigration = {
  description: 'record_versions: the stored JSON shape of each collection',
  up(db) {
    db.exec('CREATE TABLE IF NOT EXISTS record_versions (collection TEXT PRIMARY KEY, version INTEGER NOT NULL)');
  },
};
