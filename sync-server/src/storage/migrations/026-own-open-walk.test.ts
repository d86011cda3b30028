import { describe, expect, it } from 'vitest';
import { ownOpenWalk } from './026-own-open-walk';
import { databaseBefore, queryPlan } from './test-database';

const t = databaseBefore('mig-026', ownOpenWalk);

const plan = (sql: string) => queryPlan(t.db, sql);

/** The own-work walk's record side as `SqliteWorkingSets.ownWalk` writes it. */
const OPEN_OWN = `o.collection IN ('cases', 'documents') AND o.deleted = 0
  AND ((o.collection = 'cases' AND json_extract(o.data, '$.status') IN ('registered_unchecked', 'registered'))
    OR (o.collection = 'documents' AND json_extract(o.data, '$.status') IN ('draft', 'registered_unchecked')))
  AND json_extract(o.data, '$.responsibleUserId') = 'u'`;
const KEY = "json_extract(o.data, '$.newestKey')";
const WALK = `SELECT o.id FROM records o WHERE ${OPEN_OWN} AND (${KEY} > 'k' OR (${KEY} = 'k' AND o.id > 'i'))
  ORDER BY ${KEY}, o.id LIMIT 50`;

describe('026 own open walk', () => {
  it("walks the officer's open records through the partial index in the list's order (no sort), in place of 018's index", () => {
    expect(plan(WALK)).not.toContain('records_own_open_walk');
    ownOpenWalk.up(t.db);
    ownOpenWalk.up(t.db); // idempotent, like every migration run on an older data folder
    const p = plan(WALK);
    expect(p).toContain('SEARCH o USING INDEX records_own_open_walk (<expr>=?');
    expect(p).not.toContain('TEMP B-TREE');
    const indexes = t.db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index'").all();
    expect(indexes.map((i) => i.name)).not.toContain('records_own_walk');
  });

  it('holds only live open cases and documents: closed, deleted and other collections are left out', () => {
    ownOpenWalk.up(t.db);
    const put = t.db.prepare('INSERT INTO records (collection, id, register_id, seq, version, deleted, data) VALUES (?, ?, ?, ?, 1, ?, ?)');
    let seq = 0;
    const rec = (collection: string, id: string, status: string, deleted = 0) =>
      put.run(collection, id, 'reg-ks', ++seq, deleted, JSON.stringify({ id, status, responsibleUserId: 'u', newestKey: id }));
    rec('cases', 'c-open', 'registered');
    rec('cases', 'c-unchecked', 'registered_unchecked');
    rec('cases', 'c-closed', 'closed');
    rec('cases', 'c-deleted', 'registered', 1);
    rec('documents', 'd-draft', 'draft');
    rec('documents', 'd-registered', 'registered');
    rec('requests', 'q-draft', 'draft');
    // The index's own entries (dbstat: its cells), not a query that filters again: only the open, live ones.
    const entries = () =>
      t.db.prepare<[], { n: number }>("SELECT SUM(ncell) AS n FROM dbstat WHERE name = 'records_own_open_walk'").get()!.n;
    expect(entries()).toBe(3);
    t.db.prepare("UPDATE records SET data = json_set(data, '$.status', 'closed') WHERE id = 'c-open'").run();
    expect(entries()).toBe(2); // a case that closes leaves the walk
    const ids = t.db
      .prepare<[], { id: string }>(`SELECT o.id FROM records o INDEXED BY records_own_open_walk WHERE ${OPEN_OWN} ORDER BY ${KEY}, o.id`)
      .all()
      .map((r) => r.id);
    expect(ids).toEqual(['c-unchecked', 'd-draft']);
  });
});
