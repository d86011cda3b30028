import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WINDOW_MONTHS } from '../../shared/src';
import { WORKING_SET_API } from '../../shared/src/protocol/working-set';
import { login } from '../../renderer/src/lib/replica';
import { MemoryBlobCache } from '../../renderer/src/lib/replica/blob-cache';
import { deleteReplicaDatabases } from '../../renderer/src/lib/replica/idb-removal';
import { openReplicaWith } from '../../renderer/src/lib/replica/open-replica';
import type { Replica } from '../../renderer/src/lib/replica/replica';
import { loadBenchData } from '../bench/data';
import { PASSWORD, SwitchableNetwork, closeReplica, eventually, startTestServer, testEnvironment, type TestServer } from './harness';

// A full collection on demand, to see what stays reachable once the download is in.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

// Enough for several pull batches of documents in a ten-year window.
const CASES = 2000;

let server: TestServer;
let replica: Replica | null = null;

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-it-memory-'));
  // Half the older cases left open (the generator's share before session 14): a window of many batches.
  await loadBenchData(dataDir, { seed: 5, nowMs: Date.now(), cases: CASES, documentsPerCase: 3, foreignShare: 0.1, closedShare: 0.45 });
  server = await startTestServer({ dataDir });
}, 120_000);
afterAll(async () => {
  if (replica) await closeReplica(replica);
  await server.stop();
});

/**
 * Issue 15: the renderer held every record of the first download (RxDB 17 keeps each change bulk
 * it turns into `collection.$` events in a module-level Map, and the replica watched `$`). The
 * records pulled into a replica on the product's storage (Dexie over IndexedDB) must be let go
 * once they are written.
 */
describe('replica memory', () => {
  it('keeps no pulled record in memory once the first download is written', async () => {
    const session = await login(server.url, 'registrator', PASSWORD);
    const setting = await fetch(`${server.url}${WORKING_SET_API.root}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ months: WINDOW_MONTHS.max }),
    });
    expect(setting.status).toBe(200);
    const env = testEnvironment(new SwitchableNetwork(), new MemoryBlobCache(), {
      storage: getRxStorageDexie({ indexedDB, IDBKeyRange }) as never,
      deleteStorage: (name) => deleteReplicaDatabases(indexedDB, name),
    });
    replica = await openReplicaWith(session, env);
    // Per collection, the records of each written batch (RxDB's change bulks), held weakly.
    const bulks = { cases: [] as WeakRef<object>[][], documents: [] as WeakRef<object>[][] };
    for (const name of ['cases', 'documents'] as const)
      replica.db[name].eventBulks$.subscribe((bulk) => {
        bulks[name].push(bulk.events.flatMap((ev) => (ev.documentData ? [new WeakRef(ev.documentData)] : [])));
      });
    await replica.awaitInitialSync();

    // RxDB's change event buffer keeps the last hundred events of a collection, or the whole last
    // bulk when it is bigger: every batch before the last two must be collectable.
    const older = [...bulks.cases.slice(0, -2), ...bulks.documents.slice(0, -2)].flat();
    expect(older.length).toBeGreaterThan(1000);
    const alive = () => older.filter((r) => r.deref() !== undefined).length;
    await eventually(
      async () => {
        await new Promise((r) => setTimeout(r, 100));
        gc();
        return alive() === 0;
      },
      20_000,
      `pulled records to be released (of ${older.length})`,
    );
    expect(alive()).toBe(0);
  });
});
