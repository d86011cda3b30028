import { describe, expect, it } from 'vitest';
import { initial } from './001-initial';
import { disposal } from './017-disposal';
import { testDatabase } from './test-database';

const t = testDatabase('mig-017', (db) => initial.up(db));

describe('017 disposal', () => {
  it('creates decisions, holds and disposed items with their keys, checks and indexes', () => {
    disposal.up(t.db);
    disposal.up(t.db); // idempotent, like every migration run on an older data folder
    const db = t.db;
    db.prepare(
      `INSERT INTO disposal_decisions (id, register_id, reference, title, decision_date, executed_by, executed_by_name, executed_at)
       VALUES ('g1', 'r', 'Gallringsbeslut KS 2026-00012', 'Synpunkter', '2026-12-01', 'u', 'Lars Ek', '2026-12-07T10:00:00Z')`,
    ).run();
    expect(
      db.prepare<[], { report_document_id: string }>("SELECT report_document_id FROM disposal_decisions WHERE id = 'g1'").get(),
    ).toEqual({
      report_document_id: '',
    });
    const item = db.prepare(
      `INSERT INTO disposed_items (decision_id, collection, record_id, number, registered_date, class_code, document_type_id, document_type_name, rule_json, files)
       VALUES ('g1', ?, ?, 'KSH 2020-00001', '2020-01-01', '1.1', 't', 'Synpunkt', '{}', 1)`,
    );
    item.run('documents', 'd1');
    expect(() => item.run('documents', 'd1')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => item.run('users', 'd2')).toThrow(/CHECK/);
    const hold = db.prepare(
      `INSERT INTO disposal_holds (id, register_id, target_collection, target_id, kind, reason, placed_by, placed_at)
       VALUES (?, 'r', 'cases', 'c1', ?, 'Överklagat', 'u', '2026-12-07')`,
    );
    hold.run('h1', 'appeal');
    expect(() => hold.run('h2', 'whim')).toThrow(/CHECK/);
    const plan = (sql: string) =>
      db
        .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((p) => p.detail)
        .join(' ');
    expect(plan("SELECT id FROM disposal_holds WHERE register_id = 'r' AND released_at IS NULL")).toContain('disposal_holds_live');
    expect(plan("SELECT id FROM disposal_decisions WHERE register_id = 'r' ORDER BY executed_at")).toContain('disposal_decisions_register');
    expect(plan("SELECT decision_id FROM disposed_items WHERE collection = 'documents' AND record_id = 'd1'")).toContain(
      'disposed_items_record',
    );
  });
});
