import type { SchemaMigration } from './migration';

/**
 * What may be due for transfer to the e-archive (issue 17), found without reading every case of a
 * register: the closed cases by register and closing date, and the registered free-standing
 * documents by register and registration date (partial indexes: only those rows are in them).
 * `ArchiveDataFolder.closedCases` / `registeredFreeDocuments` repeat these WHERE terms verbatim,
 * which is how SQLite knows it may use a partial index.
 */
export const archiveDueIndexes: SchemaMigration = {
  description: 'archive proposals: closed cases and registered free-standing documents by register and date',
  up(db) {
    db.exec(`
      CREATE INDEX IF NOT EXISTS records_closed_cases ON records (register_id, json_extract(data, '$.closedDate'))
        WHERE collection = 'cases' AND deleted = 0 AND json_extract(data, '$.status') = 'closed';
      CREATE INDEX IF NOT EXISTS records_registered_free_documents ON records (register_id, json_extract(data, '$.registeredDate'))
        WHERE collection = 'documents' AND deleted = 0 AND json_extract(data, '$.caseId') = '' AND json_extract(data, '$.status') = 'registered';
    `);
  },
};
