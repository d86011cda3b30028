import { describe, expect, it } from 'vitest';
import { searchAccessRestricted } from './031-search-access-restricted';
import { databaseBefore, queryPlan } from './test-database';

const t = databaseBefore('mig-031', searchAccessRestricted);

describe('031 search access restricted', () => {
  it('indexes the restricted rows of an existing store, and only those, for the candidate windows to look up', () => {
    const put = t.db.prepare('INSERT INTO search_access (rowid, case_id, own_restricted, restricted) VALUES (?, ?, ?, ?)');
    put.run(1, '', 0, 0);
    put.run(2, '', 1, 1);
    put.run(3, 'c2', 0, 1); // a document restricted through its case
    put.run(4, 'c1', 0, 0);
    searchAccessRestricted.up(t.db);
    searchAccessRestricted.up(t.db); // idempotent, like every migration run on an older data folder
    const restricted = t.db
      .prepare<[], number>('SELECT rowid FROM search_access INDEXED BY search_access_restricted WHERE restricted = 1 ORDER BY rowid')
      .pluck()
      .all();
    expect(restricted).toEqual([2, 3]);
    expect(
      queryPlan(
        t.db,
        `SELECT r.rowid, a.rowid IS NULL FROM search_records r
         LEFT JOIN search_access a INDEXED BY search_access_restricted ON a.rowid = r.rowid AND a.restricted = 1`,
      ),
    ).toContain('USING COVERING INDEX search_access_restricted');
  });
});
