import { describe, expect, it } from 'vitest';
import { liveFileBlobs } from './024-live-file-blobs';
import { databaseBefore, queryPlan } from './test-database';

const t = databaseBefore('mig-024', liveFileBlobs);

const plan = (sql: string) => queryPlan(t.db, sql);

const LIVE_REFS = `SELECT COUNT(*) AS n FROM records WHERE collection = 'files' AND deleted = 0 AND json_extract(data, '$.sha256') = 'ab'`;

describe('024 live file blobs', () => {
  it('counts the live file records naming a blob through the partial index, not a scan of every file', () => {
    expect(plan(LIVE_REFS)).not.toContain('records_live_file_blobs');
    liveFileBlobs.up(t.db);
    liveFileBlobs.up(t.db); // idempotent, like every migration run on an older data folder
    expect(plan(LIVE_REFS)).toContain('SEARCH records USING INDEX records_live_file_blobs (<expr>=?');
  });

  it('keeps only live file records: a stripped tombstone and another collection are not in it', () => {
    liveFileBlobs.up(t.db);
    const put = t.db.prepare('INSERT INTO records (collection, id, register_id, seq, version, deleted, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const sha = 'c'.repeat(64);
    put.run('files', 'f1', 'reg-ks', 1, 1, 0, JSON.stringify({ id: 'f1', sha256: sha }));
    put.run('files', 'f2', 'reg-ks', 2, 1, 1, JSON.stringify({ id: 'f2', sha256: sha }));
    put.run('documents', 'd1', 'reg-ks', 3, 1, 0, JSON.stringify({ id: 'd1', sha256: sha }));
    const n = t.db
      .prepare<[string], { n: number }>(
        `SELECT COUNT(*) AS n FROM records INDEXED BY records_live_file_blobs WHERE collection = 'files' AND deleted = 0 AND json_extract(data, '$.sha256') = ?`,
      )
      .get(sha)!.n;
    expect(n).toBe(1);
  });
});
