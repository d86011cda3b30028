import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';

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
