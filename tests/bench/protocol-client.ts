/**
 * Child process: the product's client replica (openReplicaWith, RxDB memory storage, `ws`)
 * logs in and performs a full initial sync. Reports the time, the records received and stored,
 * and the process's peak memory. Arguments: server URL, username, password.
 */
import { randomUUID } from 'node:crypto';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import WebSocket from 'ws';
import { COLLECTION_NAMES } from '../../shared/src';
import { login } from '../../renderer/src/lib/replica';
import { MemoryBlobCache } from '../../renderer/src/lib/replica/blob-cache';
import type { WebSocketFactory } from '../../renderer/src/lib/replica/connection';
import { openReplicaWith } from '../../renderer/src/lib/replica/open-replica';
import { peakRss, report } from './proc';
import type { SyncResult } from './sync-result';

report(async (): Promise<SyncResult> => {
  const [url, username, password] = process.argv.slice(2) as [string, string, string];
  const session = await login(url, username, password);
  const started = performance.now();
  const replica = await openReplicaWith(session, {
    storage: getRxStorageMemory() as never,
    WebSocketImpl: WebSocket as unknown as WebSocketFactory,
    fetchImpl: fetch,
    blobCache: new MemoryBlobCache(),
    now: () => Date.now(),
    newId: () => randomUUID(),
    secret: 'bench-replica-secret-0123456789',
  });
  await replica.awaitInitialSync();
  const ms = performance.now() - started;
  let stored = 0;
  for (const name of COLLECTION_NAMES) stored += await replica.db[name].count().exec();
  return { ms, received: replica.status.value.initialSync.received, stored, peakRss: peakRss('self') };
});
