import type { SchemaMigration } from './migration';

/**
 * What decides who reads an actor-register entry, indexed, so a pull of a user without the
 * audit-read right filters in SQL instead of looking at every entry: records by responsible
 * officer, entries by the record they are about (with their place in the change log), and records
 * changed since they were written (their tombstones).
 */
export const actorRegisterAccessIndexes: SchemaMigration = {
  description: 'indexes: records by responsible officer, actor register by target and seq, changed records',
  up(db) {
    db.exec(`
      CREATE INDEX IF NOT EXISTS records_by_responsible ON records (collection, json_extract(data, '$.responsibleUserId'));
      CREATE INDEX IF NOT EXISTS records_audit_target_seq ON records (json_extract(data, '$.recordId'), seq, register_id) WHERE collection = 'audit';
      CREATE INDEX IF NOT EXISTS records_changed_seq ON records (collection, seq, register_id) WHERE version > 1;
    `);
  },
};
