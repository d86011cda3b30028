import type { SchemaMigration } from './migration';

/**
 * The live file records naming a blob, found without reading every file record: a disposal asks
 * for each destroyed file whether another record still names its blob before deleting the bytes
 * (`DisposalReads.liveFileRefs`, which repeats this WHERE verbatim so the partial index applies).
 */
export const liveFileBlobs: SchemaMigration = {
  description: 'files: live file records by blob (sha256)',
  up(db) {
    db.exec(`
      CREATE INDEX IF NOT EXISTS records_live_file_blobs ON records (json_extract(data, '$.sha256'))
        WHERE collection = 'files' AND deleted = 0;
    `);
  },
};
