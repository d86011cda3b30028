/**
 * `npx tsx tests/bench/disposal-blob-refs.ts [--files N] [--lookups K]`: the question a disposal asks
 * for each destroyed file before deleting its bytes: how many live file records still name this blob
 * (`DisposalReads.liveFileRefs`), over N file records (default 200 000), K blobs (default 500).
 * Old (before migration 024: every file record read per question) and new (the partial index
 * `records_live_file_blobs`) in the same process, on the same data; prints the totals and the ratio.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { liveFileBlobs } from '../../sync-server/src/storage/migrations/024-live-file-blobs';
import { disposalReads } from '../../sync-server/src/storage/disposal.sqlite';
import { SqliteStorage } from '../../sync-server/src/storage/sqlite.adapter';

const { values } = parseArgs({ options: { files: { type: 'string', default: '200000' }, lookups: { type: 'string', default: '500' } } });
const FILES = Number(values.files);
const LOOKUPS = Number(values.lookups);
const shaOf = (i: number) => i.toString(16).padStart(64, '0');

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'diarium-bench-blob-refs-'));
try {
  await new SqliteStorage(dataDir).close();
  const db = new Database(path.join(dataDir, 'diarium.sqlite'));
  try {
    const t0 = performance.now();
    const insert = db.prepare(
      'INSERT INTO records (collection, id, register_id, seq, version, deleted, data) VALUES (?, ?, ?, ?, 1, ?, ?)',
    );
    db.transaction(() => {
      for (let i = 0; i < FILES; i++) {
        const data = {
          id: `f-${i}`,
          registerId: 'reg-ks',
          documentId: `d-${i >> 1}`,
          name: `bilaga-${i}.pdf`,
          sha256: shaOf(i % (FILES - 100)),
        };
        insert.run('files', data.id, data.registerId, i + 1000, i % 50 === 0 ? 1 : 0, JSON.stringify(data));
      }
    })();
    db.exec('ANALYZE');
    console.error(`loaded ${FILES} file records in ${Math.round(performance.now() - t0)} ms`);
    const shas = Array.from({ length: LOOKUPS }, (_, k) => shaOf((k * 397) % FILES));
    const old = db.prepare<[string], { n: number }>(
      "SELECT COUNT(*) AS n FROM records WHERE collection = 'files' AND deleted = 0 AND json_extract(data, '$.sha256') = ?",
    );
    const reads = disposalReads(db);
    const time = async (ask: (sha: string) => Promise<number> | number) => {
      const start = performance.now();
      let total = 0;
      for (const sha of shas) total += await ask(sha);
      return { ms: performance.now() - start, total };
    };
    db.exec('DROP INDEX records_live_file_blobs');
    const before = await time((sha) => old.get(sha)!.n);
    liveFileBlobs.up(db);
    const after = await time((sha) => reads.liveFileRefs(sha));
    if (before.total !== after.total) throw new Error(`different answers: ${before.total} vs ${after.total}`);
    console.log(
      `liveFileRefs over ${FILES} file records, ${LOOKUPS} blobs: before 024 ${before.ms.toFixed(0)} ms (${(before.ms / LOOKUPS).toFixed(2)} ms each), ` +
        `with the index ${after.ms.toFixed(1)} ms (${((after.ms / LOOKUPS) * 1000).toFixed(0)} µs each): ${(before.ms / after.ms).toFixed(0)}× faster`,
    );
  } finally {
    db.close();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
