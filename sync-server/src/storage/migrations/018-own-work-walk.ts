import type { SchemaMigration } from './migration';

/**
 * The first download walks the user's own open work newest first, a batch at a time (issue 15).
 * Through `records_by_responsible` every step read and sorted all of the officer's records; this
 * index holds them in the list's order (`newestKey`, id), so a step reads from its cursor on.
 */
export const ownWorkWalk: SchemaMigration = {
  description: "first download: the officer's cases and documents by (newestKey, id)",
  up(db) {
    db.exec(`
      CREATE INDEX IF NOT EXISTS records_own_walk ON records (json_extract(data, '$.responsibleUserId'), json_extract(data, '$.newestKey'), id)
        WHERE collection IN ('cases', 'documents');
    `);
  },
};
