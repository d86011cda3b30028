import type { SchemaMigration } from './migration';

/**
 * Meeting records by meeting (an agenda's items and postings) and by body (a body's meetings and
 * items of a year, for the § numbers), so the server reads an agenda without a scan; notice-board
 * postings by their take-down day, for the public board.
 */
export const meetingRelationIndexes: SchemaMigration = {
  description: 'indexes: records by meetingId and by bodyId, postings by take-down day',
  up(db) {
    db.exec(`
      CREATE INDEX IF NOT EXISTS records_by_meeting ON records (collection, json_extract(data, '$.meetingId'));
      CREATE INDEX IF NOT EXISTS records_by_body ON records (collection, json_extract(data, '$.bodyId'));
      CREATE INDEX IF NOT EXISTS records_postings ON records (json_extract(data, '$.takeDownOn'))
        WHERE collection = 'meetings' AND json_extract(data, '$.kind') = 'posting';
    `);
  },
};
