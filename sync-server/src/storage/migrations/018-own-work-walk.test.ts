import { describe, expect, it } from 'vitest';
import { SCHEMA_MIGRATIONS } from './index';
import { ownWorkWalk } from './018-own-work-walk';
import { testDatabase } from './test-database';

const before = SCHEMA_MIGRATIONS.slice(0, SCHEMA_MIGRATIONS.indexOf(ownWorkWalk));
const t = testDatabase('mig-018', (db) => before.forEach((m) => m.up(db)));

const plan = (sql: string) =>
  t.db
    .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all()
    .map((p) => p.detail)
    .join(' ');

describe('018 own work walk', () => {
  it("adds the officer's walk index, read in order from a cursor (no sort)", () => {
    ownWorkWalk.up(t.db);
    ownWorkWalk.up(t.db); // idempotent, like every migration run on an older data folder
    const p = plan(
      `SELECT id FROM records WHERE collection IN ('cases', 'documents') AND json_extract(data, '$.responsibleUserId') = 'u'
       AND json_extract(data, '$.newestKey') > 'k' ORDER BY json_extract(data, '$.newestKey'), id LIMIT 10`,
    );
    expect(p).toContain('records_own_walk');
    expect(p).not.toContain('TEMP B-TREE');
  });
});
