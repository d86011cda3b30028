import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initial } from './001-initial';
import { actorRegisterAccessIndexes } from './007-actor-register-access-indexes';

let dir: string;
let db: Database.Database;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'diarium-mig-007-'));
  db = new Database(path.join(dir, 'diarium.sqlite'));
  initial.up(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const indexes = () => db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name").all().map((r) => r.name);

describe('007 actor register access indexes', () => {
  it('adds the three indexes, idempotently, and the planner uses the responsible-officer one', () => {
    actorRegisterAccessIndexes.up(db);
    actorRegisterAccessIndexes.up(db);
    expect(indexes()).toEqual(expect.arrayContaining(['records_audit_target_seq', 'records_by_responsible', 'records_changed_seq']));
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM records WHERE collection = 'cases' AND json_extract(data, '$.responsibleUserId') = 'u1'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('records_by_responsible');
  });
});
