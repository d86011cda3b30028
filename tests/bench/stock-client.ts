/**
 * Child process: a fresh client that performs the initial sync of every collection through
 * RxDB's stock websocket replication (`replicateWithWebsocketServer`, memory storage), timed as
 * the product's client is. Arguments: the stock server's websocket URL, documents per pull.
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { replicateWithWebsocketServer } from 'rxdb/plugins/replication-websocket';
import { COLLECTION_NAMES } from '../../shared/src';
import { createBenchDatabase } from './bench-db';
import { peakRss, report } from './proc';
import type { SyncResult } from './sync-result';

report(async (): Promise<SyncResult> => {
  const [url, batchSize] = process.argv.slice(2) as [string, string];
  const started = performance.now();
  const db = await createBenchDatabase('stock-client', getRxStorageMemory() as never);
  const states = await Promise.all(
    COLLECTION_NAMES.map((name) =>
      replicateWithWebsocketServer({
        collection: db[name],
        replicationIdentifier: `stock-${name}`,
        url,
        batchSize: Number(batchSize),
        live: true,
      }),
    ),
  );
  await Promise.all(
    states.map(
      (s) =>
        new Promise<void>((resolve, reject) => {
          const sub = s.error$.subscribe((err) => reject(err));
          s.awaitInitialReplication().then(() => {
            sub.unsubscribe();
            resolve();
          }, reject);
        }),
    ),
  );
  const ms = performance.now() - started;
  let stored = 0;
  for (const name of COLLECTION_NAMES) stored += await db[name].count().exec();
  return { ms, received: null, stored, peakRss: peakRss('self') };
});
