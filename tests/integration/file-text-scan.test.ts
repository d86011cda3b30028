import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { PullResponse } from '../../shared/src';
import { sampleFile } from '../../shared/src/testing/samples';
import { seedDemo } from '../../sync-server/src/demo/seed';
import { SqliteStorage } from '../../sync-server/src/storage/sqlite.adapter';
import { RawClient, startTestServer } from './harness';

/*
 * The start-up scan for files without indexed text (files/file-text-indexer.ts) goes in steps, one
 * per turn of the event loop: a server whose data folder holds many such files (a register of the
 * release before file text) answers a pull while the scan is still running.
 */
const FILES = 30_000;

it('answers a pull while the start-up scan of files without text runs', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-it-scan-'));
  const storage = new SqliteStorage(dataDir);
  await seedDemo(storage, Date.now(), undefined, dataDir);
  await storage.close();
  // As a data folder of the release before: the files are there, their text is not.
  const db = new Database(path.join(dataDir, 'diarium.sqlite'));
  db.transaction(() => {
    let seq = db.prepare<[], { value: number }>("SELECT value FROM meta WHERE key = 'seq'").get()!.value;
    const put = db.prepare('INSERT INTO records (collection, id, register_id, seq, version, deleted, data) VALUES (?, ?, ?, ?, 1, 0, ?)');
    for (let i = 0; i < FILES; i++) {
      const file = sampleFile({ id: `scan-f${i}`, registerId: 'reg-ks', documentId: `scan-d${i}`, fileKey: `scan-k${i}` });
      put.run('files', file.id, file.registerId, ++seq, JSON.stringify(file));
    }
    db.prepare("UPDATE meta SET value = ? WHERE key = 'seq'").run(seq);
  })();
  const marked = () => db.prepare<[], { n: number }>('SELECT count(*) AS n FROM file_texts').get()!.n;
  expect(marked()).toBe(0);

  const server = await startTestServer({ dataDir });
  try {
    const client = await RawClient.as(server.url, 'registrator');
    const pulled = await client.send<PullResponse>({ t: 'pull', collection: 'cases', checkpoint: null, limit: 100 });
    const markedAtAnswer = marked();
    client.close();
    expect(pulled.documents.length).toBeGreaterThan(0);
    // Answered while the scan had marked only part of the files pending.
    expect(markedAtAnswer).toBeLessThan(FILES);
  } finally {
    db.close();
    await server.stop();
  }
});
