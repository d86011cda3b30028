import { describe, expect, it } from 'vitest';
import { initial } from './001-initial';
import { testDatabase } from './test-database';

const t = testDatabase('mig-001');

const tables = () =>
  t.db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((t) => t.name);

describe('001 initial', () => {
  it('creates the first release tables and the sequence counter on an empty database', () => {
    initial.up(t.db);
    expect(tables()).toEqual([
      'access_snapshots',
      'audit_heads',
      'counters',
      'credentials',
      'meta',
      'records',
      'second_factors',
      'sessions',
    ]);
    expect(t.db.prepare("SELECT value FROM meta WHERE key = 'seq'").get()).toEqual({ value: 0 });
  });

  it('leaves an existing database and its rows as they are', () => {
    initial.up(t.db);
    t.db.prepare("UPDATE meta SET value = 41 WHERE key = 'seq'").run();
    t.db.prepare("INSERT INTO records VALUES ('cases', 'c1', 'reg', 41, 1, 0, '{}')").run();
    initial.up(t.db);
    expect(t.db.prepare("SELECT value FROM meta WHERE key = 'seq'").get()).toEqual({ value: 41 });
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM records').get()).toEqual({ n: 1 });
  });
});
