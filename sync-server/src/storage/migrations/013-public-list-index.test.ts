import { describe, expect, it } from 'vitest';
import { publicListIndex } from './013-public-list-index';
import { SCHEMA_MIGRATIONS } from './index';
import { testDatabase } from './test-database';
import { publicListSql } from '../public-list-sql';

const t = testDatabase('mig-013', (db) => {
  for (const m of SCHEMA_MIGRATIONS.slice(0, SCHEMA_MIGRATIONS.indexOf(publicListIndex))) m.up(db);
});

describe('013 public list index', () => {
  it('creates the index (idempotently), and the public list reads along it without sorting', () => {
    publicListIndex.up(t.db);
    publicListIndex.up(t.db);
    const { sql, params } = publicListSql(
      { from: '0000-01-01', to: '9999-12-31', number: null, words: '', registerIds: null, includeRestricted: false },
      { registeredDate: '2026-12-07', newestKey: '1', id: 'd' },
      51,
    );
    const plan = t.db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((p) => p.detail)
      .join(' | ');
    expect(plan).toContain('search_records_public_list');
    expect(plan).not.toContain('TEMP B-TREE');
  });
  it('reads a number by its own index and words from their matches, never scanning the table', () => {
    publicListIndex.up(t.db);
    const base = { from: '0000-01-01', to: '9999-12-31', number: null, words: '', registerIds: null, includeRestricted: false };
    for (const [q, index] of [
      [{ ...base, number: { prefix: 'KS', year: 2026, serial: 42, documentSerial: null } }, 'search_records_number'],
      [{ ...base, words: 'norra hamn' }, 'VIRTUAL TABLE'],
    ] as const) {
      const { sql, params } = publicListSql(q, null, 26);
      const plan = t.db
        .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...params)
        .map((p) => p.detail)
        .join(' | ');
      expect(plan).toContain(index);
      expect(plan).not.toMatch(/SCAN r\b(?! USING)/);
    }
  });
});
