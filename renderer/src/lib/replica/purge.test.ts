import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleFile } from '../../../../shared/src/testing/samples';
import { MemoryBlobCache } from './blob-cache';
import { openDatabase, type DiariumDatabase } from './database';
import { RevocationPurge } from './purge';
import { ReleasedFiles } from './released-files';

const sink = { report: () => undefined, isRejected: () => false };

describe('RevocationPurge', () => {
  let db: DiariumDatabase | null = null;
  afterEach(async () => {
    await db?.remove();
    db = null;
  });

  it("removes a revoked file's cached bytes even when RxDB stores the tombstone after the purge's first run", async () => {
    db = await openDatabase(`purge${Date.now()}`, getRxStorageMemory() as never, sink, 'purge-secret-0123456789abcdef');
    const file = sampleFile({ id: 'file-1', sha256: 'a'.repeat(64) });
    await db.files.insert(file as never);
    const cache = new MemoryBlobCache();
    await cache.put(file.sha256, new Blob(['hemligt']));
    const purge = new RevocationPurge(db, cache, new ReleasedFiles(db));

    // The tombstone arrived (the purge is scheduled) but is not stored yet when the first run looks.
    purge.schedule('files', [file.id]);
    await new Promise((r) => setTimeout(r, 400));
    expect(await cache.has(file.sha256)).toBe(true);
    await (await db.files.findOne(file.id).exec())!.remove();
    await purge.settled();

    expect(await cache.has(file.sha256)).toBe(false);
    await purge.stop();
  });
});
