import type { SchemaMigration } from './migration';

/**
 * Signed checkpoints of the actor register's chain heads (a copy: the archivist keeps the file the
 * server writes outside the data folder), and the authority's trust list of CA certificates for
 * approval signatures.
 */
export const auditCheckpointsTrustedCas: SchemaMigration = {
  description: 'audit_checkpoints, trusted_cas',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS audit_checkpoints (
        register_id TEXT NOT NULL, position INTEGER NOT NULL, hash TEXT NOT NULL, at TEXT NOT NULL,
        key_id TEXT NOT NULL, signature TEXT NOT NULL, PRIMARY KEY (register_id, position, at)
      );
      CREATE TABLE IF NOT EXISTS trusted_cas (
        id TEXT PRIMARY KEY, certificate TEXT NOT NULL UNIQUE, subject TEXT NOT NULL, added_by TEXT NOT NULL, added_at TEXT NOT NULL
      );
    `);
  },
};
