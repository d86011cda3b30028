import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBCleanupPlugin } from 'rxdb/plugins/cleanup';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import {
  COLLECTION_NAMES,
  RECORD_MIGRATIONS,
  rxSchemaFor,
  type CollectionName,
  type RecordMigrationTable,
  type RecordOf,
} from '../../../../shared/src';
import { closeSafeCleanup } from './close-safe-cleanup';
import { createConflictHandler, type ConflictSink } from './conflicts';
import { sealedStorage } from './sealed-storage';
import { ReplicaKeyMismatchError } from './replica-key';
import { replicaStrategies } from './replica-migrations';

addRxPlugin(RxDBLocalDocumentsPlugin);
addRxPlugin(RxDBCleanupPlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

export type DiariumCollections = { [K in CollectionName]: RxCollection<RecordOf<K>> };
export type DiariumDatabase = RxDatabase<DiariumCollections>;

/** One local database per user and server, so two users of one machine never share a replica. */
export function databaseName(serverUrl: string, userId: string): string {
  const host = serverUrl
    .replace(/^https?:\/\//, '')
    .replace(/[^a-z0-9]/gi, '_')
    .toLowerCase();
  return `diarium_${host}_${userId.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`;
}

/** Collections whose restricted content is kept encrypted at rest in a client-only `sealed` field. */
const SEALED_COLLECTIONS: readonly CollectionName[] = ['cases', 'documents', 'audit', 'meetings'];

/** The RxDB schema of a collection in the replica: the shared schema, plus the sealed part. */
export function replicaSchemaFor(name: CollectionName, migrations: RecordMigrationTable = RECORD_MIGRATIONS): Record<string, unknown> {
  const schema = { ...rxSchemaFor(name), version: migrations[name].length };
  if (!SEALED_COLLECTIONS.includes(name)) return schema;
  return { ...schema, properties: { ...schema.properties, sealed: { type: 'object' } }, encrypted: ['sealed'] };
}

/**
 * Opens the replica. `secret` encrypts restricted content at rest (`sealed-storage.ts`);
 * it comes from the OS key store on the desktop and is derived from the password in web mode.
 */
export async function openDatabase(
  name: string,
  storage: RxStorage<unknown, unknown>,
  conflicts: ConflictSink,
  secret: string,
  migrations: RecordMigrationTable = RECORD_MIGRATIONS,
): Promise<DiariumDatabase> {
  const db = await createRxDatabase<DiariumCollections>({
    name,
    storage: sealedStorage(closeSafeCleanup(storage), secret) as never,
    password: secret,
    multiInstance: false,
    localDocuments: true,
    eventReduce: true,
    closeDuplicates: true,
  });
  const defs = Object.fromEntries(
    COLLECTION_NAMES.map((c) => [
      c,
      {
        schema: replicaSchemaFor(c, migrations),
        migrationStrategies: replicaStrategies(c, migrations[c]),
        localDocuments: true,
        conflictHandler: createConflictHandler(c, conflicts),
      },
    ]),
  );
  // One call per collection, all settled before a failure closes the database: a collection still
  // being created (or migrated) when it closes would keep writing to storage being removed.
  // RxDB's generic schema typing cannot follow a derived schema; the zod types are the source.
  const added = await Promise.allSettled(COLLECTION_NAMES.map((c) => db.addCollections({ [c]: defs[c] } as never)));
  const failed = added.find((r) => r.status === 'rejected');
  if (failed) {
    await db.close();
    const err: unknown = failed.reason;
    // RxDB checks the key against the one the database was made with when collections are added.
    if ((err as { code?: string }).code === 'DB1') throw new ReplicaKeyMismatchError({ cause: err });
    throw err;
  }
  return db;
}
