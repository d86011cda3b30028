import { describe, expect, it } from 'vitest';
import { initial } from './001-initial';
import { archiveTransfer } from './020-archive-transfer';
import { testDatabase } from './test-database';

const t = testDatabase('mig-020', (db) => initial.up(db));

describe('020 archive transfer', () => {
  it('creates one settings row and the transfers with their checks and indexes', () => {
    archiveTransfer.up(t.db);
    archiveTransfer.up(t.db); // idempotent, like every migration run on an older data folder
    const db = t.db;
    const settings = db.prepare(
      `INSERT INTO archive_settings (id, generation, archive_name, archive_id, after_receipt, after_years, updated_by, updated_at)
       VALUES (?, ?, 'Kommunarkivet', 'KA-1', ?, 0, 'Lars Ek', '2026-12-07T10:00:00Z')`,
    );
    settings.run(1, 'fgs1', 'remove');
    expect(() => settings.run(2, 'fgs2', 'keep')).toThrow(/CHECK/);
    db.prepare('DELETE FROM archive_settings').run();
    expect(() => settings.run(1, 'fgs3', 'keep')).toThrow(/CHECK/);
    expect(() => settings.run(1, 'fgs2', 'shred')).toThrow(/CHECK/);
    const transfer = db.prepare(
      `INSERT INTO archive_transfers (id, register_id, kind, selection_json, numbers_json, generation, state, created_by, created_by_name, created_at)
       VALUES (?, 'r', 'cases', '["c1"]', '["KS 2025-00101"]', 'fgs2', ?, 'u', 'Lars Ek', '2026-12-07T10:00:00Z')`,
    );
    transfer.run('t1', 'running');
    expect(() => transfer.run('t1', 'running')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => transfer.run('t2', 'lost')).toThrow(/CHECK/);
    expect(
      db.prepare<[], { done: number; receipt_kind: string }>("SELECT done, receipt_kind FROM archive_transfers WHERE id = 't1'").get(),
    ).toEqual({
      done: 0,
      receipt_kind: '',
    });
    const plan = (sql: string) =>
      db
        .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((p) => p.detail)
        .join(' ');
    expect(plan("SELECT id FROM archive_transfers WHERE register_id = 'r' ORDER BY created_at")).toContain('archive_transfers_register');
    expect(plan("SELECT id FROM archive_transfers WHERE state IN ('running', 'interrupted', 'failed', 'written')")).toContain(
      'archive_transfers_open',
    );
  });
});
