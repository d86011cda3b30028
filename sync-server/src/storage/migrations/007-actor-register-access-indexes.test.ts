import { describe, expect, it } from 'vitest';
import { initial } from './001-initial';
import { actorRegisterAccessIndexes } from './007-actor-register-access-indexes';
import { testDatabase } from './test-database';

const t = testDatabase('mig-007', (db) => initial.up(db));

const indexes = () =>
  t.db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all()
    .map((r) => r.name);

describe('007 actor register access indexes', () => {
  it('adds the three indexes, idempotently, and the planner uses the responsible-officer one', () => {
    actorRegisterAccessIndexes.up(t.db);
    actorRegisterAccessIndexes.up(t.db);
    expect(indexes()).toEqual(expect.arrayContaining(['records_audit_target_seq', 'records_by_responsible', 'records_changed_seq']));
    const plan = t.db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM records WHERE collection = 'cases' AND json_extract(data, '$.responsibleUserId') = 'u1'")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('records_by_responsible');
  });
});
