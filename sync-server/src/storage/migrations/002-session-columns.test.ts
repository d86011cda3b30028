import { describe, expect, it } from 'vitest';
import { initial } from './001-initial';
import { sessionColumns } from './002-session-columns';
import { testDatabase } from './test-database';

const t = testDatabase('mig-002', (db) => initial.up(db));

const columns = () =>
  t.db
    .prepare<[], { name: string }>('PRAGMA table_info(sessions)')
    .all()
    .map((c) => c.name);

describe('002 session columns', () => {
  it('adds second_factor_at and last_active_at, keeping the sessions', () => {
    t.db.prepare("INSERT INTO sessions VALUES ('h', 'u1', 5)").run();
    sessionColumns.up(t.db);
    expect(columns()).toEqual(['token_hash', 'user_id', 'expires_at', 'second_factor_at', 'last_active_at']);
    expect(t.db.prepare('SELECT * FROM sessions').get()).toEqual({
      token_hash: 'h',
      user_id: 'u1',
      expires_at: 5,
      second_factor_at: null,
      last_active_at: null,
    });
  });

  it('adds only what is missing (a data folder that had one of them)', () => {
    t.db.exec('ALTER TABLE sessions ADD COLUMN second_factor_at INTEGER');
    sessionColumns.up(t.db);
    sessionColumns.up(t.db);
    expect(columns()).toEqual(['token_hash', 'user_id', 'expires_at', 'second_factor_at', 'last_active_at']);
  });
});
