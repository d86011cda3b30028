import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../shared/src';
import { login } from '../../renderer/src/lib/replica';
import { MemoryBlobCache } from '../../renderer/src/lib/replica/blob-cache';
import { deleteReplicaDatabases } from '../../renderer/src/lib/replica/idb-removal';
import { openReplicaWith } from '../../renderer/src/lib/replica/open-replica';
import type { Replica } from '../../renderer/src/lib/replica/replica';
import { PASSWORD, SwitchableNetwork, closeReplica, startTestServer, testEnvironment, type TestServer } from './harness';

let server: TestServer;
let replica: Replica | null = null;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  if (replica) await closeReplica(replica);
  await server.stop();
});

/** Every row of RxDB's replication meta stores on the (fake) IndexedDB disk: one database per store. */
async function metaRows(): Promise<{ itemId: string; isCheckpoint: string }[]> {
  const names = (await indexedDB.databases()).map((d) => d.name!).filter((n) => n.includes('--rx-replication-meta-'));
  const rows: { itemId: string; isCheckpoint: string }[] = [];
  for (const name of names) {
    const idb = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = await new Promise<{ itemId: string; isCheckpoint: string }[]>((resolve, reject) => {
      const req = idb.transaction('docs', 'readonly').objectStore('docs').getAll();
      req.onsuccess = () => resolve(req.result as never);
      req.onerror = () => reject(req.error);
    });
    idb.close();
    rows.push(...all);
  }
  return rows;
}

/**
 * Issue 15: a collection only the server writes is replicated pull-only, so RxDB keeps no copy of
 * what the server holds of each of its records (a second write per record in the download); the
 * collections the client writes keep it, as their pushes are compared against it.
 */
describe('pull-only replication of server-only collections', () => {
  it('stores no server state per record for them, and does for the writable ones', async () => {
    expect(COLLECTIONS.users.clientWritable).toBe(false);
    expect(COLLECTIONS.cases.clientWritable).toBe(true);
    const session = await login(server.url, 'registrator', PASSWORD);
    const env = testEnvironment(new SwitchableNetwork(), new MemoryBlobCache(), {
      storage: getRxStorageDexie({ indexedDB, IDBKeyRange }) as never,
      deleteStorage: (name) => deleteReplicaDatabases(indexedDB, name),
    });
    replica = await openReplicaWith(session, env);
    await replica.awaitInitialSync();
    const users = (await replica.db.users.find().exec()).map((d) => String(d.primary));
    const cases = (await replica.db.cases.find().exec()).map((d) => String(d.primary));
    expect(users.length).toBeGreaterThan(0);
    expect(cases.length).toBeGreaterThan(0);

    const perRecord = new Set((await metaRows()).filter((r) => r.isCheckpoint === '0').map((r) => r.itemId));
    expect(users.filter((id) => perRecord.has(id))).toEqual([]);
    expect(cases.filter((id) => !perRecord.has(id))).toEqual([]);
  });
});
