import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initial } from './001-initial';
import { sessionColumns } from './002-session-columns';

let dir: string;
let db: Database.Database;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'diarium-mig-002-'));
  db = new Database(path.join(dir, 'diarium.sqlite'));
  initial.up(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const columns = () => db.prepare<[], { name: string }>('PRAGMA table_info(sessions)').all().map((c) => c.name);

describe('002 session columns', () => {
  it('adds second_factor_at and last_active_at, keeping the sessions', () => {
    db.prepare("INSERT INTO sessions VALUES ('h', 'u1', 5)").run();
    sessionColumns.up(db);
    expect(columns()).toEqual(['token_hash', 'user_id', 'expires_at', 'second_factor_at', 'last_active_at']);
    expect(db.prepare('SELECT * FROM sessions').get()).toEqual({ token_hash: 'h', user_id: 'u1', expires_at: 5, second_factor_at: null, last_active_at: null });
  });

  it('adds only what is missing (a data folder that had one of them)', () => {
    db.exec('ALTER TABLE sessions ADD COLUMN second_factor_at INTEGER');
    sessionColumns.up(db);
    sessionColumns.up(db);
    expect(columns()).toEqual(['token_hash', 'user_id', 'expires_at', 'second_factor_at', 'last_active_at']);
  });
});
