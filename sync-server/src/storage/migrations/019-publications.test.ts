import { describe, expect, it } from 'vitest';
import { initial } from './001-initial';
import { publications } from './019-publications';
import { testDatabase } from './test-database';

const t = testDatabase('mig-019', (db) => initial.up(db));

describe('019 publications', () => {
  it('keeps one live publication per document, any number withdrawn, and a listed flag per register', () => {
    publications.up(t.db);
    publications.up(t.db); // idempotent, like every migration run on an older data folder
    const db = t.db;
    const publish = db.prepare(
      `INSERT INTO publications (id, document_id, register_id, published_by, published_by_name, published_at)
       VALUES (?, 'd1', 'r', 'u', 'Anna Lund', '2026-12-07T10:00:00Z')`,
    );
    publish.run('p1');
    expect(() => publish.run('p2')).toThrow(/UNIQUE/);
    db.prepare(
      "UPDATE publications SET withdrawn_by = 'u', withdrawn_by_name = 'Anna Lund', withdrawn_at = '2026-12-08T10:00:00Z' WHERE id = 'p1'",
    ).run();
    publish.run('p2');
    expect(db.prepare<[], { n: number }>("SELECT count(*) AS n FROM publications WHERE document_id = 'd1'").get()).toEqual({ n: 2 });
    const plan = db
      .prepare<[], { detail: string }>("EXPLAIN QUERY PLAN SELECT id FROM publications WHERE document_id = 'd1' AND withdrawn_at IS NULL")
      .all()
      .map((p) => p.detail)
      .join(' ');
    expect(plan).toContain('publications_live');
    const flag = db.prepare("INSERT INTO register_publication (register_id, listed, changed_by, changed_at) VALUES ('r', ?, 'u', 'x')");
    expect(() => flag.run(2)).toThrow(/CHECK/);
    flag.run(0);
    expect(() => flag.run(1)).toThrow(/UNIQUE|PRIMARY/);
  });
});
