import type { SchemaMigration } from './migration';

/**
 * The schema of the first release. IF NOT EXISTS throughout: data folders made before numbered
 * migrations have these tables already, at user_version 0.
 */
export const initial: SchemaMigration = {
  description: 'records, meta, counters, credentials, sessions, access snapshots, audit heads, second factors',
  up(db) {
    db.exec(`
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO meta (key, value) VALUES ('seq', 0);
CREATE TABLE IF NOT EXISTS records (
  collection TEXT NOT NULL,
  id TEXT NOT NULL,
  register_id TEXT NOT NULL,
  seq INTEGER NOT NULL UNIQUE,
  version INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  data TEXT NOT NULL,
  PRIMARY KEY (collection, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS records_by_seq ON records (collection, seq);
CREATE INDEX IF NOT EXISTS records_by_case ON records (collection, json_extract(data, '$.caseId'));
CREATE INDEX IF NOT EXISTS records_by_document ON records (collection, json_extract(data, '$.documentId'));
CREATE INDEX IF NOT EXISTS records_by_target ON records (collection, json_extract(data, '$.recordId'));
CREATE TABLE IF NOT EXISTS access_snapshots (fingerprint TEXT PRIMARY KEY, subject TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS counters (
  register_id TEXT NOT NULL, series TEXT NOT NULL, year INTEGER NOT NULL, value INTEGER NOT NULL,
  PRIMARY KEY (register_id, series, year)
);
CREATE TABLE IF NOT EXISTS credentials (
  user_id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS audit_heads (register_id TEXT PRIMARY KEY, position INTEGER NOT NULL, hash TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS records_audit_chain ON records (register_id, json_extract(data, '$.position')) WHERE collection = 'audit';
CREATE TABLE IF NOT EXISTS second_factors (
  user_id TEXT PRIMARY KEY, method TEXT NOT NULL, secret TEXT NOT NULL, confirmed INTEGER NOT NULL,
  last_step INTEGER, created_at INTEGER NOT NULL
);
`);
  },
};
