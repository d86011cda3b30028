import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { COLLECTION_NAMES, migrationStrategiesFor, rxSchemaFor, type CollectionName } from '../../shared/src';

addRxPlugin(RxDBMigrationSchemaPlugin);
import type { WireRecord } from './pull-all';

export type BenchDatabase = RxDatabase<{ [K in CollectionName]: RxCollection<WireRecord> }>;

/**
 * A plain RxDB database with the product's collections and schemas (rxSchemaFor) and the
 * replica's database options, but none of its replication or hooks.
 */
export async function createBenchDatabase(name: string, storage: RxStorage<unknown, unknown>): Promise<BenchDatabase> {
  const db: BenchDatabase = await createRxDatabase({ name, storage, multiInstance: false, eventReduce: true });
  await db.addCollections(
    Object.fromEntries(
      COLLECTION_NAMES.map((c) => [c, { schema: rxSchemaFor(c), migrationStrategies: migrationStrategiesFor(c) }]),
    ) as never,
  );
  return db;
}

/**
 * Inserts the records with `bulkInsert`, `chunk` at a time: the collections side by side, as the
 * replications run, and the chunks of a collection one after the other. Returns the count.
 */
export async function bulkInsertAll(
  db: BenchDatabase,
  records: ReadonlyMap<CollectionName, readonly WireRecord[]>,
  chunk: number,
): Promise<number> {
  const counts = await Promise.all(
    [...records].map(async ([name, docs]) => {
      for (let i = 0; i < docs.length; i += chunk) {
        const { error } = await db[name].bulkInsert(docs.slice(i, i + chunk));
        if (error.length) throw new Error(`bulkInsert into ${name} failed: ${JSON.stringify(error[0]).slice(0, 500)}`);
      }
      return docs.length;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}
