import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initial } from './001-initial';

let dir: string;
let db: Database.Database;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'diarium-mig-001-'));
  db = new Database(path.join(dir, 'diarium.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const tables = () => db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((t) => t.name);

describe('001 initial', () => {
  it('creates the first release tables and the sequence counter on an empty database', () => {
    initial.up(db);
    expect(tables()).toEqual(['access_snapshots', 'audit_heads', 'counters', 'credentials', 'meta', 'records', 'second_factors', 'sessions']);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'seq'").get()).toEqual({ value: 0 });
  });

  it('leaves an existing database and its rows as they are', () => {
    initial.up(db);
    db.prepare("UPDATE meta SET value = 41 WHERE key = 'seq'").run();
    db.prepare("INSERT INTO records VALUES ('cases', 'c1', 'reg', 41, 1, 0, '{}')").run();
    initial.up(db);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'seq'").get()).toEqual({ value: 41 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM records').get()).toEqual({ n: 1 });
  });
});
