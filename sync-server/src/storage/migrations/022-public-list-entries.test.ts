import { describe, expect, it } from 'vitest';
import { initial } from './001-initial';
import { publicListEntries } from './022-public-list-entries';
import { testDatabase } from './test-database';

const t = testDatabase('mig-022', (db) => initial.up(db));

const plan = (sql: string, ...params: unknown[]) =>
  t.db
    .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((p) => p.detail)
    .join(' | ');

describe('022 public list entries', () => {
  it('makes the projection, its words and its state; pages read along an index, never sorting', () => {
    publicListEntries.up(t.db);
    publicListEntries.up(t.db); // idempotent, like every migration run on an older data folder
    const insert = t.db.prepare(
      `INSERT INTO public_list_entries (record_id, register_id, registered_date, newest_key, number_prefix, number_year, number_serial,
         number_doc_serial, entry) VALUES (?, 'r', '2026-12-07', '1', 'KS', 2026, 42, 1, '{}') RETURNING rowid`,
    );
    const { rowid } = insert.get('d1') as { rowid: number };
    expect(() => insert.get('d1')).toThrow(/UNIQUE/);
    t.db.prepare('INSERT INTO public_list_text (rowid, title, description) VALUES (?, ?, ?)').run(rowid, 'Ansökan om bygglov', '');
    const words = t.db.prepare<[string], number>('SELECT rowid FROM public_list_text WHERE public_list_text MATCH ?').pluck();
    expect(words.all('"bygg"*')).toEqual([rowid]);
    expect(words.all('"ansokan"*')).toEqual([]); // å/ä/ö kept distinct
    const state = t.db.prepare('INSERT INTO public_list_state (id, decided_by) VALUES (?, ?)');
    state.run(1, 'policy 1');
    expect(() => state.run(2, 'policy 1')).toThrow(/CHECK/);

    const order = 'ORDER BY registered_date DESC, newest_key, record_id LIMIT 26';
    const byDay = plan(`SELECT entry FROM public_list_entries WHERE registered_date BETWEEN ? AND ? ${order}`, '2026-01-01', '2026-12-31');
    expect(byDay).toContain('public_list_entries_order');
    expect(byDay).not.toContain('TEMP B-TREE');
    expect(plan(`SELECT entry FROM public_list_entries WHERE number_year = ? AND number_serial = ? ${order}`, 2026, 42)).toContain(
      'public_list_entries_number',
    );
  });
});
