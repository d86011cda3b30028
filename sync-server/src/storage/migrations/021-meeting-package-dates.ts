import type { SchemaMigration } from './migration';

/**
 * The working set's meeting packages (issue 15): each window evaluation asks for the meetings
 * dated from a fortnight ago on. Without an index that read every meeting record (items and
 * postings too) and parsed it; this one holds meetings by date.
 */
export const meetingPackageDates: SchemaMigration = {
  description: 'working set: meetings by date (their packages are a window reason)',
  up(db) {
    db.exec(`
      CREATE INDEX IF NOT EXISTS records_meetings_by_date ON records (json_extract(data, '$.date'))
        WHERE collection = 'meetings' AND json_extract(data, '$.kind') = 'meeting';
    `);
  },
};
