import type { SchemaMigration } from './migration';

/**
 * The first download's own-work walk (issue 15) through the officer's OPEN, live cases and
 * documents only. Through `records_own_walk` (migration 018, dropped here: nothing else reads it)
 * a walk step read every record the officer is responsible for from its cursor on, closed ones
 * included, to keep the open ones: the step that ends the walk read all of them, 0.5–0.8 s on the
 * server's event loop at 20k cases. The statuses are those of `OPEN_CASE_STATUSES` and
 * `OPEN_DOCUMENT_STATUSES`; `SqliteWorkingSets.ownWalk` repeats this WHERE verbatim (and names the
 * index, so a drift between the two fails loudly instead of scanning).
 */
export const ownOpenWalk: SchemaMigration = {
  description: "first download: the officer's open cases and documents by (newestKey, id)",
  up(db) {
    db.exec(`
      CREATE INDEX IF NOT EXISTS records_own_open_walk
        ON records (json_extract(data, '$.responsibleUserId'), json_extract(data, '$.newestKey'), id)
        WHERE collection IN ('cases', 'documents') AND deleted = 0
          AND ((collection = 'cases' AND json_extract(data, '$.status') IN ('registered_unchecked', 'registered'))
            OR (collection = 'documents' AND json_extract(data, '$.status') IN ('draft', 'registered_unchecked')));
      DROP INDEX IF EXISTS records_own_walk;
    `);
  },
};
