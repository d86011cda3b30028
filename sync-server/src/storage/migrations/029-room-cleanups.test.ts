import { describe, expect, it } from 'vitest';
import { roomCleanups } from './029-room-cleanups';
import { databaseBefore } from './test-database';

const t = databaseBefore('mig-029', roomCleanups);

const OLD = `INSERT INTO disposal_room_cleanups (decision_id, collection, record_id, action, quotes_json, replacement) VALUES (?, ?, ?, ?, ?, ?)`;

describe('029 room clean-ups', () => {
  it('moves the pending rows of 027 in their order, with the act that queued them and its time, and drops the old table', () => {
    t.db
      .prepare(
        `INSERT INTO disposal_decisions (id, register_id, reference, title, decision_date, executed_by, executed_by_name, executed_at, report_document_id)
         VALUES ('g1', 'reg-ks', 'KS 2026/1', 'Gallring', '2026-12-01', 'u1', 'Arkivarie', '2026-12-02T10:00:00.000Z', 'd9')`,
      )
      .run();
    t.db
      .prepare(
        `INSERT INTO archive_transfers (id, register_id, kind, selection_json, numbers_json, generation, state, created_by, created_by_name, created_at, confirmed_at)
         VALUES ('t1', 'reg-ks', 'cases', '[]', '[]', 'fgs2', 'confirmed', 'u1', 'Arkivarie', '2026-12-01T09:00:00.000Z', '2026-12-03T08:00:00.000Z')`,
      )
      .run();
    const old = t.db.prepare(OLD);
    old.run('g1', 'meetings', 'm1', 'quotes', '["Bygglov för plank"]', 'Gallrad enligt KS 2026/1');
    old.run('archive t1', 'cases', 'c1', 'forget', '[]', '');
    old.run('g1', 'meetings', 'i1', 'clear', '[]', '');
    old.run('g-gone', 'documents', 'd1', 'forget', '[]', '');
    t.db.prepare("DELETE FROM disposal_room_cleanups WHERE record_id = 'i1'").run(); // done before the upgrade

    roomCleanups.up(t.db);
    roomCleanups.up(t.db); // idempotent, like every migration run on an older data folder

    const rows = t.db.prepare('SELECT * FROM room_cleanups ORDER BY id').all() as Record<string, unknown>[];
    expect(rows.map(({ queued_at, ...r }) => ({ ...r, queued: String(queued_at).slice(0, 10) }))).toEqual([
      {
        id: 1,
        act: 'disposal',
        act_id: 'g1',
        queued: '2026-12-02',
        collection: 'meetings',
        record_id: 'm1',
        action: 'quotes',
        quotes_json: '["Bygglov för plank"]',
        replacement: 'Gallrad enligt KS 2026/1',
      },
      {
        id: 2,
        act: 'archive',
        act_id: 't1',
        queued: '2026-12-03',
        collection: 'cases',
        record_id: 'c1',
        action: 'forget',
        quotes_json: '[]',
        replacement: '',
      },
      {
        id: 4,
        act: 'disposal',
        act_id: 'g-gone',
        queued: new Date().toISOString().slice(0, 10), // no act to date it: the upgrade's time
        collection: 'documents',
        record_id: 'd1',
        action: 'forget',
        quotes_json: '[]',
        replacement: '',
      },
    ]);
    expect(rows[0]!.queued_at).toBe('2026-12-02T10:00:00.000Z');
    const tables = t.db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    expect(tables.map((r) => r.name)).not.toContain('disposal_room_cleanups');
    // New rows follow the kept ones (AUTOINCREMENT never reuses an id).
    t.db
      .prepare(
        "INSERT INTO room_cleanups (act, act_id, queued_at, collection, record_id, action) VALUES ('archive', 't2', '2026-12-04T00:00:00.000Z', 'documents', 'd2', 'forget')",
      )
      .run();
    expect((t.db.prepare("SELECT id FROM room_cleanups WHERE act_id = 't2'").get() as { id: number }).id).toBe(5);
  });

  it('keeps the checks: only known acts, collections and actions', () => {
    roomCleanups.up(t.db);
    const insert = t.db.prepare(
      "INSERT INTO room_cleanups (act, act_id, queued_at, collection, record_id, action) VALUES (?, 'x', '2026-12-04T00:00:00.000Z', ?, 'r', ?)",
    );
    insert.run('disposal', 'meetings', 'clear');
    expect(() => insert.run('import', 'cases', 'forget')).toThrow(/CHECK/);
    expect(() => insert.run('archive', 'users', 'forget')).toThrow(/CHECK/);
    expect(() => insert.run('archive', 'cases', 'drop')).toThrow(/CHECK/);
  });
});
