import type { SchemaMigration } from './migration';

/**
 * Signed bridges of re-anchored actor-register chains (audit/bridge.ts): a copy, as for the
 * checkpoints; the file the server appends outside the data folder is the one that counts.
 */
export const auditBridges: SchemaMigration = {
  description: 'audit_bridges',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS audit_bridges (
        register_id TEXT NOT NULL, position INTEGER NOT NULL, old_hash TEXT NOT NULL, new_hash TEXT NOT NULL,
        at TEXT NOT NULL, key_id TEXT NOT NULL, signature TEXT NOT NULL, PRIMARY KEY (register_id, position, old_hash, new_hash)
      );
    `);
  },
};
