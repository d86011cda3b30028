import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBCleanupPlugin } from 'rxdb/plugins/cleanup';
import { COLLECTION_NAMES, rxSchemaFor, type CollectionName, type RecordOf } from '../../../../shared/src';
import { createConflictHandler, type ConflictSink } from './conflicts';

addRxPlugin(RxDBLocalDocumentsPlugin);
addRxPlugin(RxDBCleanupPlugin);

export type DiariumCollections = { [K in CollectionName]: RxCollection<RecordOf<K>> };
export type DiariumDatabase = RxDatabase<DiariumCollections>;

/** One local database per user and server, so two users of one machine never share a replica. */
export function databaseName(serverUrl: string, userId: string): string {
  const host = serverUrl.replace(/^https?:\/\//, '').replace(/[^a-z0-9]/gi, '_').toLowerCase();
  return `diarium_${host}_${userId.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`;
}

export async function openDatabase(
  name: string,
  storage: RxStorage<unknown, unknown>,
  conflicts: ConflictSink,
): Promise<DiariumDatabase> {
  const db = await createRxDatabase<DiariumCollections>({
    name,
    storage,
    multiInstance: false,
    localDocuments: true,
    eventReduce: true,
    closeDuplicates: true,
  });
  const defs = Object.fromEntries(
    COLLECTION_NAMES.map((c) => [
      c,
      { schema: rxSchemaFor(c), localDocuments: true, conflictHandler: createConflictHandler(c, conflicts) },
    ]),
  );
  // RxDB's generic schema typing cannot follow a derived schema; the zod types are the source.
  await db.addCollections(defs as never);
  return db;
}
