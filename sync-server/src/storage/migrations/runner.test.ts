import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, RECORD_MIGRATIONS } from '../../../../shared/src';
import { SqliteStorage } from '../sqlite.adapter';
import { SCHEMA_MIGRATIONS } from './index';
import { DataFolderTooNewError, migrateDatabase } from './runner';

/**
 * The schema as `main` wrote it before numbered migrations (sqlite.adapter.ts' SCHEMA and its
 * ADDED_COLUMNS, copied verbatim): data folders in use today look exactly like this, at
 * user_version 0. Kept as a constant, not derived from the migrations, so that later edits to
 * 001/002 cannot silently stop matching what is on disk.
 */
const MAIN_SCHEMA_BEFORE_MIGRATIONS = `
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
ALTER TABLE sessions ADD COLUMN second_factor_at INTEGER;
ALTER TABLE sessions ADD COLUMN last_active_at INTEGER;
`;

let dir: string;
let file: string;
let db: Database.Database;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'diarium-mig-run-'));
  file = path.join(dir, 'diarium.sqlite');
  db = new Database(file);
});
afterEach(() => {
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

const version = (d: Database.Database = db) => d.pragma('user_version', { simple: true }) as number;
const backups = () => readdirSync(dir).filter((f) => f.endsWith('.bak'));
const schemaSql = (d: Database.Database) =>
  d.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();

function mainDataFolder(): void {
  db.exec(MAIN_SCHEMA_BEFORE_MIGRATIONS);
  db.prepare("UPDATE meta SET value = 2 WHERE key = 'seq'").run();
  db.prepare(`INSERT INTO records VALUES ('cases', 'c1', 'reg-ks', 1, 1, 0, '{"id":"c1","registerId":"reg-ks","syncVersion":1}')`).run();
  db.prepare(`INSERT INTO records VALUES ('documents', 'd1', 'reg-ks', 2, 3, 0, '{"id":"d1","caseId":"c1","syncVersion":3}')`).run();
  db.prepare("INSERT INTO sessions VALUES ('hash', 'u1', 99, 7, 8)").run();
}

describe('migrateDatabase', () => {
  it('builds a new database to the newest version without a backup', () => {
    const report = migrateDatabase(db, file);
    expect(report).toMatchObject({ from: 0, to: SCHEMA_MIGRATIONS.length, backup: null, records: [] });
    expect(version()).toBe(SCHEMA_MIGRATIONS.length);
    expect(db.prepare('SELECT collection, version FROM record_versions ORDER BY collection').all()).toEqual(
      [...COLLECTION_NAMES].sort().map((collection) => ({ collection, version: RECORD_MIGRATIONS[collection].length })),
    );
    expect(backups()).toEqual([]);
  });

  it("opens a data folder made by today's main (tables present, user_version 0): rows kept, same schema as a new one", () => {
    mainDataFolder();
    const report = migrateDatabase(db, file);
    expect(report.from).toBe(0);
    expect(version()).toBe(SCHEMA_MIGRATIONS.length);
    expect(db.prepare('SELECT id, seq, version FROM records ORDER BY seq').all()).toEqual([
      { id: 'c1', seq: 1, version: 1 },
      { id: 'd1', seq: 2, version: 3 },
    ]);
    expect(db.prepare('SELECT * FROM sessions').get()).toEqual({
      token_hash: 'hash',
      user_id: 'u1',
      expires_at: 99,
      second_factor_at: 7,
      last_active_at: 8,
    });
    expect(db.prepare("SELECT value FROM meta WHERE key = 'seq'").get()).toEqual({ value: 2 });
    const fresh = new Database(path.join(dir, 'fresh.sqlite'));
    migrateDatabase(fresh, path.join(dir, 'fresh.sqlite'));
    expect(schemaSql(db)).toEqual(schemaSql(fresh));
    fresh.close();
  });

  it('copies the database before migrating and removes the copy at the next start with nothing to migrate', () => {
    mainDataFolder();
    const report = migrateDatabase(db, file);
    const expected = `diarium.sqlite.before-v${SCHEMA_MIGRATIONS.length}.bak`;
    expect(report.backup).toBe(path.join(dir, expected));
    expect(backups()).toEqual([expected]);
    const copy = new Database(report.backup!, { readonly: true });
    expect(version(copy)).toBe(0);
    expect(copy.prepare('SELECT COUNT(*) AS n FROM records').get()).toEqual({ n: 2 });
    copy.close();

    expect(migrateDatabase(db, file).backup).toBeNull();
    expect(backups()).toEqual([]);
  });

  it('refuses a database newer than the code before touching it', () => {
    mainDataFolder();
    db.pragma(`user_version = ${SCHEMA_MIGRATIONS.length + 1}`);
    expect(() => migrateDatabase(db, file)).toThrow(DataFolderTooNewError);
    expect(() => migrateDatabase(db, file)).toThrow(
      `schema version ${SCHEMA_MIGRATIONS.length + 1}, but this server knows versions up to ${SCHEMA_MIGRATIONS.length}: it was written by a newer Diarium server`,
    );
    expect(version()).toBe(SCHEMA_MIGRATIONS.length + 1);
    expect(backups()).toEqual([]);
  });

  it('applies a migration whole or not at all, and keeps the first backup for a second attempt', () => {
    mainDataFolder();
    const failing = [
      ...SCHEMA_MIGRATIONS,
      {
        description: 'fails half-way',
        up: (d: Database.Database) => {
          d.exec('CREATE TABLE half (x INTEGER)');
          throw new Error('disk says no');
        },
      },
    ];
    expect(() => migrateDatabase(db, file, { schema: failing })).toThrow(/disk says no/);
    expect(version()).toBe(SCHEMA_MIGRATIONS.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    const backup = path.join(dir, `diarium.sqlite.before-v${failing.length}.bak`);
    expect(existsSync(backup)).toBe(true);

    const fixed = [...SCHEMA_MIGRATIONS, { description: 'works', up: (d: Database.Database) => d.exec('CREATE TABLE half (x INTEGER)') }];
    expect(migrateDatabase(db, file, { schema: fixed }).backup).toBe(backup);
    const copy = new Database(backup, { readonly: true });
    expect(version(copy)).toBe(0);
    copy.close();
  });
});

describe('SqliteStorage at start', () => {
  it('refuses a data folder from a newer server with a clear English message', async () => {
    db.pragma('user_version = 999');
    db.close();
    expect(() => new SqliteStorage(dir)).toThrow(
      `at schema version 999, but this server knows versions up to ${SCHEMA_MIGRATIONS.length}: it was written by a newer Diarium server`,
    );
    // Refused, not damaged: the version is as the newer server left it.
    const again = new Database(file, { readonly: true });
    expect(version(again)).toBe(999);
    again.close();
  });
});
