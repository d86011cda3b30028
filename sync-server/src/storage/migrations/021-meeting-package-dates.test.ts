import { describe, expect, it } from 'vitest';
import { meetingPackageDates } from './021-meeting-package-dates';
import { databaseBefore } from './test-database';

const t = databaseBefore('mig-021', meetingPackageDates);

describe('021 meetings by date', () => {
  it('adds an index the package read can take for its date range (INDEXED BY fails when it cannot)', () => {
    meetingPackageDates.up(t.db);
    meetingPackageDates.up(t.db); // idempotent, like every migration run on an older data folder
    const p = t.db
      .prepare<[], { detail: string }>(
        `EXPLAIN QUERY PLAN SELECT id FROM records INDEXED BY records_meetings_by_date WHERE collection = 'meetings' AND json_extract(data, '$.kind') = 'meeting'
         AND json_extract(data, '$.date') >= '2026-11-23'`,
      )
      .all()
      .map((r) => r.detail)
      .join(' ');
    expect(p).toContain('records_meetings_by_date');
  });
});
