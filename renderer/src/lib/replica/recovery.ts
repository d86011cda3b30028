import {
  RECORD_MIGRATIONS,
  type CollectionName,
  type FieldConflict,
  type RecordMigrationTable,
  type StoredJson,
} from '../../../../shared/src';
import { databaseName } from './database';
import { openReplicaWith, type ReplicaEnvironment } from './open-replica';
import { readRawReplica, removeRawReplica, type RawReplica } from './raw-replica';
import type { Replica } from './replica';
import { ReplicaKeyMismatchError } from './replica-key';
import { pendingInRaw, reapplyPlan, type PlainChange, type RescueFile } from './rescue';
import { decodeValue, encodeValue, isEncoded, replicaKey, sealedStorage } from './sealed-storage';
import { patchRecord, sealRecord, unsealRecord } from './sealing';
import type { Session } from './types';

/** Keeps a rescue file where the user can find it; resolves to where (a path, a file name). */
export type RescueSaver = (file: RescueFile) => Promise<string>;

export interface Rescued {
  file: RescueFile;
  /** Where the changes were saved, to tell the user ('' when there were none to save). */
  savedTo: string;
  /** Why the old replica could not be opened (English, for the log). */
  reason: string;
}

const RXDB_FIELDS = ['_meta', '_rev', '_attachments'] as const;

/** Sealed content stays encrypted in the rescue file too, as it was on disk. */
async function resealed(key: CryptoKey, rec: StoredJson | null): Promise<StoredJson | null> {
  if (!rec) return rec;
  const out: StoredJson = { ...rec };
  for (const f of RXDB_FIELDS) delete out[f];
  if (out.sealed !== undefined && !isEncoded(out.sealed)) out.sealed = await encodeValue(key, out.sealed);
  return out;
}

/**
 * Reads what the user changed offline straight from the storage of a replica RxDB cannot open.
 * Decrypted to compare it with the assumed server state when the key still fits, else as stored.
 */
export async function rescuePending(
  storage: ReplicaEnvironment['storage'],
  session: Session,
  secret: string,
): Promise<{ file: RescueFile; raw: RawReplica }> {
  const name = databaseName(session.serverUrl, session.user.id);
  const key = await replicaKey(secret);
  let raw: RawReplica;
  try {
    raw = await readRawReplica(sealedStorage(storage, secret), name, false);
  } catch {
    raw = await readRawReplica(storage, name);
  }
  const changes = [];
  for (const ch of pendingInRaw(raw))
    changes.push({ ...ch, record: (await resealed(key, ch.record))!, base: await resealed(key, ch.base) });
  return {
    raw,
    file: { format: 'diarium-rescue-1', savedAt: new Date().toISOString(), serverUrl: session.serverUrl, userId: session.user.id, changes },
  };
}

/**
 * Opens the replica; when that fails (a migration throws, the storage is damaged) the offline
 * changes are saved first, then the replica is removed and the register downloaded again. A
 * replica locked with another key is not touched here: the user decides (App.svelte).
 */
export async function openOrRecover(
  session: Session,
  env: ReplicaEnvironment,
  save: RescueSaver,
): Promise<{ replica: Replica; rescued: Rescued | null }> {
  try {
    return { replica: await openReplicaWith(session, env), rescued: null };
  } catch (err) {
    if (err instanceof ReplicaKeyMismatchError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    const { file, raw } = await rescuePending(env.storage, session, env.secret);
    // Nothing is removed unless the changes are safely kept.
    const savedTo = file.changes.length ? await save(file) : '';
    const name = databaseName(session.serverUrl, session.user.id);
    await removeRawReplica(env.storage, name, raw);
    await env.deleteStorage?.(name);
    return { replica: await openReplicaWith(session, env), rescued: { file, savedTo, reason } };
  }
}

export interface ReapplyResult {
  applied: number;
  unchanged: number;
  /** Same-field conflicts, now in the replica's conflict list for the user to resolve. */
  conflicts: number;
  /** Records no longer in the user's replica (removed, or access revoked): kept only in the file. */
  gone: { collection: CollectionName; id: string }[];
  /** Changes that could not be brought to today's schema or written; kept only in the file. */
  failed: { collection: CollectionName; id: string; error: string }[];
}

function migrated(collection: CollectionName, version: number, rec: StoredJson, migrations: RecordMigrationTable): StoredJson {
  let out = rec;
  for (const step of migrations[collection].slice(version)) out = step.up(out);
  return out;
}

/** The record as it was meant: sealed content decrypted and back in place, today's schema. */
async function plain(
  key: CryptoKey,
  collection: CollectionName,
  version: number,
  rec: StoredJson,
  migrations: RecordMigrationTable,
): Promise<StoredJson> {
  const out: StoredJson = { ...rec };
  for (const f of [...RXDB_FIELDS, '_deleted']) delete out[f];
  if (isEncoded(out.sealed)) out.sealed = await decodeValue(key, out.sealed);
  return migrated(collection, version, unsealRecord(out), migrations);
}

/**
 * Applies rescued changes again to a freshly downloaded replica (call after its initial sync):
 * new records are inserted, edits merged like a push conflict; the replica sends them as the
 * user's own edits. Same-field conflicts go to the replica's conflict list.
 */
export async function reapplyRescued(
  replica: Replica,
  file: RescueFile,
  secret: string,
  migrations: RecordMigrationTable = RECORD_MIGRATIONS,
): Promise<ReapplyResult> {
  const key = await replicaKey(secret);
  const result: ReapplyResult = { applied: 0, unchanged: 0, conflicts: 0, gone: [], failed: [] };
  const changes: PlainChange[] = [];
  for (const ch of file.changes) {
    try {
      const record = await plain(key, ch.collection, ch.version, ch.record, migrations);
      const base = ch.base ? await plain(key, ch.collection, ch.version, ch.base, migrations) : null;
      changes.push({ collection: ch.collection, id: ch.id, record, base });
    } catch (err) {
      result.failed.push({ collection: ch.collection, id: ch.id, error: err instanceof Error ? err.message : String(err) });
    }
  }
  const current = new Map<string, StoredJson>();
  for (const ch of changes) {
    const doc = await replica.db[ch.collection].findOne(ch.id).exec();
    if (doc) current.set(`${ch.collection}/${ch.id}`, unsealRecord(doc.toMutableJSON() as StoredJson));
  }
  for (const step of reapplyPlan(changes, (c, id) => current.get(`${c}/${id}`) ?? null)) {
    const { collection, id } = step;
    try {
      if (step.kind === 'insert') {
        await replica.db[collection].insert(sealRecord(collection, step.record) as never);
        result.applied++;
      } else if (step.kind === 'patch') {
        const doc = await replica.db[collection].findOne(id).exec();
        if (Object.keys(step.patch).length && doc) await patchRecord(doc, step.patch);
        if (step.conflicts.length) {
          replica.reportConflicts(collection, id, step.conflicts as FieldConflict[]);
          result.conflicts += step.conflicts.length;
        }
        result.applied++;
      } else if (step.kind === 'gone') result.gone.push({ collection, id });
      else result.unchanged++;
    } catch (err) {
      result.failed.push({ collection, id, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return result;
}
