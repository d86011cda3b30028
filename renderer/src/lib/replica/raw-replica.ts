import {
  getChangedDocumentsSince,
  INTERNAL_CONTEXT_COLLECTION,
  INTERNAL_STORAGE_NAME,
  INTERNAL_STORE_SCHEMA,
  randomToken,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstance,
} from 'rxdb';
import { getCollectionLocalInstanceName, RX_LOCAL_DOCUMENT_SCHEMA } from 'rxdb/plugins/local-documents';

/**
 * A replica read below RxDB's collections, straight from its storage: every storage instance
 * (RxDB's internal store with the schema versions, each collection's rows, its replication
 * metadata with the assumed master states and checkpoints, and the local documents) with its
 * rows exactly as stored. What `exportJSON` would lose (metadata, revisions, sealed ciphertext)
 * is kept, so the rows can be written into a fresh storage and opened as if nothing happened.
 */
export interface RawInstance {
  collectionName: string;
  schema: RxJsonSchema<Record<string, unknown>>;
  rows: Record<string, unknown>[];
}

export interface RawReplica {
  format: 'diarium-raw-replica-1';
  instances: RawInstance[];
}

type AnyInstance = RxStorageInstance<Record<string, unknown>, unknown, unknown>;

interface CollectionDoc {
  context: string;
  _deleted: boolean;
  data: {
    name: string;
    schema: RxJsonSchema<Record<string, unknown>>;
    connectedStorages?: { collectionName: string; schema: RxJsonSchema<Record<string, unknown>> }[];
  };
}

/** The schema a storage instance is created with: `encrypted` is handled by a wrapper (sealed-storage.ts), never by the storage. */
function storedSchema(schema: RxJsonSchema<Record<string, unknown>>): RxJsonSchema<Record<string, unknown>> {
  const { encrypted: _encrypted, ...rest } = schema as RxJsonSchema<Record<string, unknown>> & { encrypted?: string[] };
  return rest as RxJsonSchema<Record<string, unknown>>;
}

async function open(
  storage: RxStorage<unknown, unknown>,
  databaseName: string,
  collectionName: string,
  schema: RxJsonSchema<Record<string, unknown>>,
): Promise<AnyInstance> {
  return (await storage.createStorageInstance({
    databaseInstanceToken: randomToken(10),
    databaseName,
    collectionName,
    schema: schema as never,
    options: {},
    multiInstance: false,
    devMode: false,
  })) as unknown as AnyInstance;
}

async function allRows(instance: AnyInstance): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  let checkpoint: unknown = undefined;
  for (;;) {
    const page = await getChangedDocumentsSince(instance as never, 500, checkpoint as never);
    rows.push(...(page.documents as Record<string, unknown>[]));
    if (page.documents.length < 500) return rows;
    checkpoint = page.checkpoint;
  }
}

/** Every storage instance a database is made of, as RxDB's internal store records them. */
function instancesOf(internalRows: Record<string, unknown>[]): Omit<RawInstance, 'rows'>[] {
  const out: Omit<RawInstance, 'rows'>[] = [
    { collectionName: INTERNAL_STORAGE_NAME, schema: INTERNAL_STORE_SCHEMA as never },
    // The database's own local documents (notices, pending keys, sync state).
    { collectionName: getCollectionLocalInstanceName(''), schema: RX_LOCAL_DOCUMENT_SCHEMA as never },
  ];
  for (const row of internalRows as unknown as CollectionDoc[]) {
    if (row.context !== INTERNAL_CONTEXT_COLLECTION || row._deleted) continue;
    out.push({ collectionName: row.data.name, schema: row.data.schema });
    out.push({ collectionName: getCollectionLocalInstanceName(row.data.name), schema: RX_LOCAL_DOCUMENT_SCHEMA as never });
    for (const c of row.data.connectedStorages ?? []) out.push({ collectionName: c.collectionName, schema: c.schema });
  }
  return out;
}

/**
 * Reads a replica's whole storage. With the plain storage the rows come as stored (sealed content
 * encrypted); with the sealed wrapper (`sealedStorage`) they come decrypted.
 */
export async function readRawReplica(storage: RxStorage<unknown, unknown>, databaseName: string, plain = true): Promise<RawReplica> {
  const schemaFor = (s: RxJsonSchema<Record<string, unknown>>) => (plain ? storedSchema(s) : s);
  const internal = await open(storage, databaseName, INTERNAL_STORAGE_NAME, INTERNAL_STORE_SCHEMA as never);
  const internalRows = await allRows(internal);
  await internal.close();
  const instances: RawInstance[] = [];
  for (const inst of instancesOf(internalRows)) {
    const instance = await open(storage, databaseName, inst.collectionName, schemaFor(inst.schema));
    instances.push({ collectionName: inst.collectionName, schema: inst.schema, rows: await allRows(instance) });
    await instance.close();
  }
  return { format: 'diarium-raw-replica-1', instances };
}

/** Writes a raw replica into a storage that does not hold this database yet, rows as they were. */
export async function writeRawReplica(storage: RxStorage<unknown, unknown>, databaseName: string, raw: RawReplica): Promise<void> {
  if (raw.format !== 'diarium-raw-replica-1') throw new Error(`unknown raw replica format ${String(raw.format)}`);
  for (const inst of raw.instances) {
    const instance = await open(storage, databaseName, inst.collectionName, storedSchema(inst.schema));
    if (inst.rows.length) {
      const res = await instance.bulkWrite(
        inst.rows.map((document) => ({ document }) as never),
        'raw-replica-import',
      );
      if (res.error.length)
        throw new Error(`${inst.collectionName}: ${res.error.length} row(s) not written (${JSON.stringify(res.error[0])})`);
    }
    await instance.close();
  }
}

/** Removes every storage instance of a replica read before, without opening it with RxDB. */
export async function removeRawReplica(storage: RxStorage<unknown, unknown>, databaseName: string, raw: RawReplica): Promise<void> {
  for (const inst of raw.instances) {
    const instance = await open(storage, databaseName, inst.collectionName, storedSchema(inst.schema));
    await instance.remove();
  }
}
