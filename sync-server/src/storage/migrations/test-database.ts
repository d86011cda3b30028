import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { SCHEMA_MIGRATIONS } from './index';
import type { SchemaMigration } from './migration';

/**
 * For migration tests: a real SQLite database in a temp folder, made before each test (with
 * `prepare` run on it, e.g. the migrations before the one under test) and removed after it.
 */
export function testDatabase(name: string, prepare: (db: Database.Database) => void = () => {}): { readonly db: Database.Database } {
  let dir = '';
  const t = { db: undefined as unknown as Database.Database };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), `diarium-${name}-`));
    t.db = new Database(path.join(dir, 'diarium.sqlite'));
    prepare(t.db);
  });
  afterEach(() => {
    t.db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return t;
}

/** A test database holding every migration before `migration`: the data folder it is run on. */
export function databaseBefore(name: string, migration: SchemaMigration): { readonly db: Database.Database } {
  const at = SCHEMA_MIGRATIONS.indexOf(migration);
  if (at < 0) throw new Error(`${name}: the migration is not in SCHEMA_MIGRATIONS`);
  return testDatabase(name, (db) => SCHEMA_MIGRATIONS.slice(0, at).forEach((m) => m.up(db)));
}

/** SQLite's plan for `sql`, its steps joined: what a plan test reads an index's name from. */
export function queryPlan(db: Database.Database, sql: string): string {
  return db
    .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all()
    .map((p) => p.detail)
    .join(' ');
}
