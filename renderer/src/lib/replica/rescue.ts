import { INTERNAL_CONTEXT_COLLECTION } from 'rxdb';
import {
  COLLECTIONS,
  isCollectionName,
  mergeFields,
  SERVER_OWNED_FIELDS,
  type CollectionName,
  type FieldConflict,
  type StoredJson,
} from '../../../../shared/src';
import { comparable } from './conflicts';
import type { RawReplica } from './raw-replica';

/**
 * Offline changes saved from a replica that could not be opened, to be applied again to a fresh
 * replica. Pure: which raw rows are pending, and what applying them again means.
 */
export interface RescuedChange {
  collection: CollectionName;
  id: string;
  /** The schema version the record was stored under. */
  version: number;
  /** The record as the user left it, in stored form (restricted content in `sealed`, encrypted). */
  record: StoredJson;
  /** What the replica took to be the server's state; null when the server never had the record. */
  base: StoredJson | null;
}

export interface RescueFile {
  format: 'diarium-rescue-1';
  savedAt: string;
  serverUrl: string;
  userId: string;
  changes: RescuedChange[];
}

interface CollectionDoc {
  context: string;
  _deleted: boolean;
  data: { name: string; schema: { version: number }; connectedStorages?: { collectionName: string }[] };
}

interface MetaRow {
  isCheckpoint: string;
  itemId: string;
  docData?: StoredJson;
}

/**
 * The rows the user changed locally that the server has not acknowledged: RxDB's replication
 * keeps, per record, the state it assumes the server has (the meta instance's `docData`); a
 * record that differs from it, or has none, is pending. When a migration stopped half-way the
 * same record may be in two versions: the oldest, complete one counts.
 */
export function pendingInRaw(raw: RawReplica): RescuedChange[] {
  const byName = new Map(raw.instances.map((i) => [`${i.collectionName}@${i.schema.version}`, i]));
  const internal = raw.instances.find((i) => i.collectionName === '_rxdb_internal');
  const collections = ((internal?.rows ?? []) as unknown as CollectionDoc[])
    .filter(
      (r) =>
        r.context === INTERNAL_CONTEXT_COLLECTION &&
        !r._deleted &&
        isCollectionName(r.data.name) &&
        COLLECTIONS[r.data.name].clientWritable,
    )
    .sort((a, b) => a.data.schema.version - b.data.schema.version);
  const seen = new Set<string>();
  const out: RescuedChange[] = [];
  for (const c of collections) {
    const collection = c.data.name as CollectionName;
    const version = c.data.schema.version;
    const rows = byName.get(`${collection}@${version}`)?.rows ?? [];
    const bases = new Map<string, StoredJson>();
    for (const m of c.data.connectedStorages ?? []) {
      for (const row of (byName.get(`${m.collectionName}@${version}`)?.rows ?? []) as unknown as MetaRow[]) {
        if (row.isCheckpoint === '0' && row.docData) bases.set(row.itemId, row.docData);
      }
    }
    for (const record of rows) {
      const id = String(record.id);
      if (seen.has(`${collection}/${id}`)) continue;
      seen.add(`${collection}/${id}`);
      const base = bases.get(id) ?? null;
      if (base && comparable(base) === comparable(record)) continue;
      out.push({ collection, id, version, record, base });
    }
  }
  return out;
}

/** Records before the records that refer to them (a document names its case). */
const ORDER: readonly CollectionName[] = ['parties', 'cases', 'documents', 'flows', 'requests'];

export type ReapplyStep =
  | { kind: 'insert'; collection: CollectionName; id: string; record: StoredJson }
  | { kind: 'patch'; collection: CollectionName; id: string; patch: StoredJson; conflicts: FieldConflict[] }
  /** Nothing left to do: the server has the change already. */
  | { kind: 'unchanged'; collection: CollectionName; id: string }
  /** The record is no longer in the user's replica (removed, or access revoked): not applied. */
  | { kind: 'gone'; collection: CollectionName; id: string };

/** A rescued change in plain form (unsealed, current schema, no RxDB fields). */
export interface PlainChange {
  collection: CollectionName;
  id: string;
  record: StoredJson;
  base: StoredJson | null;
}

/**
 * What applying rescued changes again means, against the freshly downloaded records: a record the
 * server never had is inserted; an edited one is merged field by field like a push conflict
 * (shared `mergeFields`: fields the user changed win unless the server changed them too, which
 * is a conflict for the user to resolve).
 */
export function reapplyPlan(
  changes: readonly PlainChange[],
  current: (collection: CollectionName, id: string) => StoredJson | null,
): ReapplyStep[] {
  const sorted = [...changes].sort((a, b) => ORDER.indexOf(a.collection) - ORDER.indexOf(b.collection));
  return sorted.map((ch): ReapplyStep => {
    const { collection, id } = ch;
    const now = current(collection, id);
    if (!now) return ch.base ? { kind: 'gone', collection, id } : { kind: 'insert', collection, id, record: ch.record };
    const ignored = [...SERVER_OWNED_FIELDS[collection], '_deleted', '_meta', '_rev', '_attachments'];
    const { merged, conflicts } = mergeFields(ch.base ?? now, ch.record, now, ignored);
    const patch: StoredJson = {};
    for (const [k, v] of Object.entries(merged)) if (comparable({ v }) !== comparable({ v: now[k] })) patch[k] = v;
    if (Object.keys(patch).length === 0 && conflicts.length === 0) return { kind: 'unchanged', collection, id };
    return { kind: 'patch', collection, id, patch, conflicts };
  });
}
