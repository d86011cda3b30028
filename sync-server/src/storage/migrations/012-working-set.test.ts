import { describe, expect, it } from 'vitest';
import { initial } from './001-initial';
import { workingSet } from './012-working-set';
import { testDatabase } from './test-database';

const t = testDatabase('mig-012', (db) => initial.up(db));

describe('012 working set', () => {
  it('creates the settings, pins, members, log and state tables with their keys, and the actor index', () => {
    workingSet.up(t.db);
    workingSet.up(t.db); // idempotent, like every migration run on an older data folder
    t.db.prepare("INSERT INTO working_set_pins (user_id, record_id, collection, kind, at) VALUES ('u', 'c1', 'cases', 'pin', 1)").run();
    expect(() =>
      t.db
        .prepare("INSERT INTO working_set_pins (user_id, record_id, collection, kind, at) VALUES ('u', 'c1', 'cases', 'opened', 2)")
        .run(),
    ).toThrow(/UNIQUE|PRIMARY/);
    t.db.prepare("INSERT INTO window_members (user_id, unit) VALUES ('u', 'c1')").run();
    expect(() => t.db.prepare("INSERT INTO window_members (user_id, unit) VALUES ('u', 'c1')").run()).toThrow(/UNIQUE|PRIMARY/);
    t.db.prepare("INSERT INTO window_log (user_id, wseq, unit, added) VALUES ('u', 1, 'c1', 1)").run();
    expect(() => t.db.prepare("INSERT INTO window_log (user_id, wseq, unit, added) VALUES ('u', 1, 'c2', 0)").run()).toThrow(
      /UNIQUE|PRIMARY/,
    );
    t.db
      .prepare(
        "INSERT INTO window_state (user_id, evaluated_seq, start, version, head, registers) VALUES ('u', 0, '2026-01-01', 0, 0, 'reg-ks')",
      )
      .run();
    t.db.prepare("INSERT INTO working_sets (user_id, months, version) VALUES ('u', 12, 1)").run();
    const plan = t.db
      .prepare<[], { detail: string }>(
        "EXPLAIN QUERY PLAN SELECT id FROM records WHERE collection = 'audit' AND json_extract(data, '$.actorId') = 'u' AND json_extract(data, '$.at') >= '2026'",
      )
      .all();
    expect(plan.map((p) => p.detail).join(' ')).toContain('records_audit_actor_at');
  });
});
