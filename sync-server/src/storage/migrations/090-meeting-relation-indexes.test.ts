import { describe, expect, it } from 'vitest';
import { initial } from './001-initial';
import { meetingRelationIndexes } from './090-meeting-relation-indexes';
import { testDatabase } from './test-database';

const t = testDatabase('mig-090', (db) => initial.up(db));

const plan = (field: string) =>
  (
    t.db
      .prepare(`EXPLAIN QUERY PLAN SELECT id FROM records WHERE collection = 'meetings' AND json_extract(data, '$.${field}') = 'x'`)
      .all() as { detail: string }[]
  )
    .map((p) => p.detail)
    .join(' ');

describe('090 meeting relation indexes', () => {
  it('adds the three indexes, idempotently, and the planner uses them', () => {
    meetingRelationIndexes.up(t.db);
    meetingRelationIndexes.up(t.db);
    expect(plan('meetingId')).toContain('records_by_meeting');
    expect(plan('bodyId')).toContain('records_by_body');
    const postings = t.db
      .prepare(
        // INDEXED BY fails unless the partial index can answer the query the notice board makes.
        `EXPLAIN QUERY PLAN SELECT id FROM records INDEXED BY records_postings WHERE collection = 'meetings' AND json_extract(data, '$.kind') = 'posting'
         AND json_extract(data, '$.takeDownOn') >= '2027-01-01'`,
      )
      .all() as { detail: string }[];
    expect(postings.map((p) => p.detail).join(' ')).toContain('records_postings');
  });
});
