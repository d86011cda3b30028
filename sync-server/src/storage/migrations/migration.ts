import type Database from 'better-sqlite3';

/**
 * One numbered change to the server's SQLite schema. `up` runs inside the runner's transaction,
 * together with the `user_version` bump, so a migration is applied whole or not at all. It must
 * also accept a data folder made before numbered migrations existed (tables present, version 0).
 */
export interface SchemaMigration {
  /** What changes, for the log: "sessions: second_factor_at, last_active_at". */
  readonly description: string;
  readonly up: (db: Database.Database) => void;
}
