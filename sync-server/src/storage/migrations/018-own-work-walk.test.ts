import { describe, expect, it } from 'vitest';
import { ownWorkWalk } from './018-own-work-walk';
import { databaseBefore, queryPlan } from './test-database';

const t = databaseBefore('mig-018', ownWorkWalk);

const plan = (sql: string) => queryPlan(t.db, sql);

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
