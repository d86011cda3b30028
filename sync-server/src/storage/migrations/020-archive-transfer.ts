import type { SchemaMigration } from './migration';

/**
 * Transfer to the e-archive (issue 17). Like disposal's tables, the archivist's own bookkeeping,
 * kept by the server (no replication); the records they concern change through the change log and
 * the actor register.
 * - `archive_settings`: one row, the authority's: the package generation, the receiving archive,
 *   what happens to content after the receipt, the years after closing before a case is due.
 * - `archive_transfers`: each transfer (one package): what was selected, its state and progress,
 *   the package once written (folder name under `<data>/archive-out/<id>/`, OBJID, METS checksum),
 *   the records' versions it was built from, and the receipt. A transfer cancelled (its package
 *   removed) releases its records.
 */
export const archiveTransfer: SchemaMigration = {
  description: 'archive transfer: settings, transfers',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS archive_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        generation TEXT NOT NULL CHECK (generation IN ('fgs2', 'fgs1')),
        archive_name TEXT NOT NULL, archive_id TEXT NOT NULL,
        after_receipt TEXT NOT NULL CHECK (after_receipt IN ('keep', 'remove')),
        after_years INTEGER NOT NULL,
        updated_by TEXT NOT NULL, updated_at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS archive_transfers (
        id TEXT PRIMARY KEY, register_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('cases', 'documents')),
        selection_json TEXT NOT NULL, numbers_json TEXT NOT NULL,
        generation TEXT NOT NULL CHECK (generation IN ('fgs2', 'fgs1')),
        state TEXT NOT NULL CHECK (state IN ('running', 'interrupted', 'failed', 'written', 'confirmed', 'cancelled')),
        done INTEGER NOT NULL DEFAULT 0, total INTEGER NOT NULL DEFAULT 0,
        package_name TEXT NOT NULL DEFAULT '', objid TEXT NOT NULL DEFAULT '', mets_sha256 TEXT NOT NULL DEFAULT '',
        versions_json TEXT NOT NULL DEFAULT '[]', error TEXT NOT NULL DEFAULT '',
        created_by TEXT NOT NULL, created_by_name TEXT NOT NULL, created_at TEXT NOT NULL,
        receipt_kind TEXT NOT NULL DEFAULT '' CHECK (receipt_kind IN ('', 'file', 'manual')),
        receipt_note TEXT NOT NULL DEFAULT '', confirmed_by TEXT NOT NULL DEFAULT '', confirmed_at TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX IF NOT EXISTS archive_transfers_register ON archive_transfers (register_id, created_at);
      CREATE INDEX IF NOT EXISTS archive_transfers_open ON archive_transfers (state) WHERE state IN ('running', 'interrupted', 'failed', 'written');
    `);
  },
};
