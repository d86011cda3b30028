import { BehaviorSubject, Subject } from 'rxjs';
import { removeRxDatabase, type RxStorage } from 'rxdb';
import {
  API,
  COLLECTION_NAMES,
  COLLECTIONS,
  type CollectionName,
  type FieldConflict,
  type FileRecord,
  type Rejection,
} from '../../../../shared/src';
import type { BlobCache } from './blob-cache';
import { SyncConnection, type WebSocketFactory } from './connection';
import { databaseName, openDatabase, type MigrationTable } from './database';
import { DownloadEstimate } from './download-estimate';
import type { Replica } from './replica';
import { startReplications } from './replication';
import type { ConflictNotice, PendingUpload, RejectionNotice, Session, SyncStatus } from './types';
import { patchRecord } from './sealing';

export interface ReplicaEnvironment {
  storage: RxStorage<unknown, unknown>;
  WebSocketImpl: WebSocketFactory;
  fetchImpl: typeof fetch;
  blobCache: BlobCache;
  now: () => number;
  newId: () => string;
  /** Encrypts restricted content at rest: from the OS key store (desktop) or derived at sign-in. */
  secret: string;
  /** Deletes what the storage leaves behind of a removed database (IndexedDB databases). */
  deleteStorage?: (databaseName: string) => Promise<void>;
  /** The record migrations the replica is brought up to (tests inject steps of their own). */
  migrations?: MigrationTable;
}

const NOTICES = 'notices';
const SYNC_STATE = 'sync-state';
const PENDING = 'pending-changes';

interface NoticesDoc {
  rejections: RejectionNotice[];
  conflicts: ConflictNotice[];
}

function key(collection: string, id: string): string {
  return `${collection}/${id}`;
}

/**
 * Opens the user's local replica (usable at once, offline too) and starts replicating it.
 * Rejections and conflicts are kept in RxDB local documents, so they survive a restart.
 */
export async function openReplicaWith(session: Session, env: ReplicaEnvironment): Promise<Replica> {
  const rejectedIds = new Set<string>();
  const conflicts = new BehaviorSubject<ConflictNotice[]>([]);
  const rejections = new BehaviorSubject<RejectionNotice[]>([]);
  let persist: (() => Promise<void>) | null = null;

  const conflictSink = {
    report(collection: CollectionName, id: string, fieldConflicts: FieldConflict[]) {
      const rest = conflicts.value.filter((c) => key(c.collection, c.id) !== key(collection, id));
      conflicts.next([...rest, { collection, id, conflicts: fieldConflicts, at: new Date(env.now()).toISOString() }]);
      void persist?.();
    },
    isRejected: (collection: CollectionName, id: string) => rejectedIds.has(key(collection, id)),
  };
  const db = await openDatabase(databaseName(session.serverUrl, session.user.id), env.storage, conflictSink, env.secret, env.migrations);

  const saved = await db.getLocal<NoticesDoc>(NOTICES);
  if (saved) {
    rejections.next(saved.get('rejections') ?? []);
    conflicts.next(saved.get('conflicts') ?? []);
    for (const r of rejections.value) rejectedIds.add(key(r.collection, r.id));
  }
  persist = async () => {
    await db.upsertLocal<NoticesDoc>(NOTICES, { rejections: rejections.value, conflicts: conflicts.value });
  };
  const syncState = await db.getLocal<{ initialDone: boolean }>(SYNC_STATE);
  // Local edits not yet accepted by the server. Replication writes bypass collection hooks, so
  // the hooks below see only the user's own writes.
  const savedPending = await db.getLocal<{ keys: string[] }>(PENDING);
  const pending = new Set<string>(savedPending?.get('keys') ?? []);
  const persistPending = () => db.upsertLocal(PENDING, { keys: [...pending] }).catch(() => undefined);
  const queued = await env.blobCache.uploads();
  const uploads = new BehaviorSubject<PendingUpload[]>(queued.map(({ key: k, documentId, name, size }) => ({ key: k, documentId, name, size })));
  const status = new BehaviorSubject<SyncStatus>({
    online: false,
    // Changes left unsent when the app last closed count from the start, before any push.
    pendingChanges: pending.size,
    pendingUploads: uploads.value.length,
    initialSync: { done: syncState?.get('initialDone') === true, received: 0, expected: null },
    lastError: null,
  });
  const patchStatus = (p: Partial<SyncStatus>) => status.next({ ...status.value, ...p });
  const markPending = (collection: CollectionName, ids: string[], isPending: boolean) => {
    for (const id of ids) {
      if (isPending) pending.add(key(collection, id));
      else pending.delete(key(collection, id));
    }
    patchStatus({ pendingChanges: pending.size });
    void persistPending();
  };
  for (const name of COLLECTION_NAMES) {
    if (!COLLECTIONS[name].clientWritable) continue;
    db[name].postInsert((data) => markPending(name, [data.id], true), false);
    db[name].postSave((data) => markPending(name, [data.id], true), false);
  }

  const revoked = new Subject<{ collection: CollectionName; id: string }>();
  // What the user may no longer read leaves the notices too: they keep attempted and conflicting values.
  const forgetNotices = (collection: CollectionName, ids: readonly string[]) => {
    const drop = new Set(ids.map((id) => key(collection, id)));
    const keptRejections = rejections.value.filter((r) => !drop.has(key(r.collection, r.id)));
    const keptConflicts = conflicts.value.filter((c) => !drop.has(key(c.collection, c.id)));
    if (keptRejections.length === rejections.value.length && keptConflicts.length === conflicts.value.length) return;
    for (const k of drop) rejectedIds.delete(k);
    rejections.next(keptRejections);
    conflicts.next(keptConflicts);
    void persist?.();
  };
  // Revoked records are removed from storage for good (RxDB keeps deleted documents until a
  // cleanup), then cached files no longer referenced by any file record are deleted.
  const purgeQueue = new Set<CollectionName>();
  let purgeTimer: ReturnType<typeof setTimeout> | null = null;
  let purging: Promise<void> = Promise.resolve();
  const purge = async () => {
    const names = [...purgeQueue];
    purgeQueue.clear();
    for (const name of names) await db[name].cleanup(0);
    if (names.includes('files')) {
      const live = new Set((await db.files.find().exec()).map((f) => f.sha256));
      const stale = (await env.blobCache.keys()).filter((sha) => !live.has(sha));
      if (stale.length) await env.blobCache.remove(stale);
    }
  };
  const schedulePurge = (name: CollectionName) => {
    purgeQueue.add(name);
    if (purgeTimer) clearTimeout(purgeTimer);
    purgeTimer = setTimeout(() => {
      purgeTimer = null;
      purging = purging.then(purge).catch(() => undefined);
    }, 200);
  };

  const conn = new SyncConnection(session.serverUrl, session.token, env.WebSocketImpl, env.fetchImpl);
  conn.state.subscribe((s) => {
    patchStatus({ online: s.online, lastError: s.unauthorized ? 'unauthorized' : s.error, ...(s.versionMismatch ? { versionMismatch: s.versionMismatch } : {}) });
    if (s.deactivated) void removeEverything();
  });
  // Loss of all access (the account deactivated): nothing of the register may stay on this machine.
  let removing: Promise<void> | null = null;
  const removeEverything = () =>
    (removing ??= (async () => {
      await replica.close();
      await removeRxDatabase(db.name, db.storage, false, env.secret);
      await env.deleteStorage?.(db.name);
      await env.blobCache.clear();
      patchStatus({ accessLost: true, online: false });
    })());

  const estimate = new DownloadEstimate(COLLECTION_NAMES);
  const states = startReplications(db, conn, `diarium-${session.user.id}`, {
    pendingChanged: markPending,
    rejected(collection, r: Rejection, attempted) {
      rejectedIds.add(key(collection, r.id));
      markPending(collection, [r.id], false);
      const rest = rejections.value.filter((x) => key(x.collection, x.id) !== key(collection, r.id));
      // An edit refused because the record is restricted is not kept: it holds content of it.
      const kept = r.code === 'restricted' ? {} : attempted;
      rejections.next([...rest, { collection, id: r.id, code: r.code, fields: r.fields, attempted: kept, at: new Date(env.now()).toISOString() }]);
      void persist?.();
    },
    accepted(collection, ids) {
      let changed = false;
      for (const id of ids) changed = rejectedIds.delete(key(collection, id)) || changed;
      if (changed) {
        rejections.next(rejections.value.filter((x) => rejectedIds.has(key(x.collection, x.id))));
        void persist?.();
      }
    },
    received(collection, count) {
      estimate.received(collection, count);
      if (!status.value.initialSync.done) patchStatus({ initialSync: { done: false, received: status.value.initialSync.received + count, expected: estimate.total() } });
    },
    wantsRemaining: (collection) => !status.value.initialSync.done && estimate.wants(collection),
    remaining(collection, remaining) {
      estimate.remaining(collection, remaining);
      if (!status.value.initialSync.done) patchStatus({ initialSync: { ...status.value.initialSync, expected: estimate.total() } });
    },
    isRejected: (collection, id) => rejectedIds.has(key(collection, id)),
    isUploadQueued: (fileId) => uploads.value.some((u) => u.key === fileId),
    revoked(collection, gone, withheld) {
      forgetNotices(collection, [...gone, ...withheld]);
      for (const id of [...gone, ...withheld]) revoked.next({ collection, id });
      if (gone.length) schedulePurge(collection);
      if (collection === 'documents' && withheld.length) schedulePurge('files');
    },
  });

  const initialSync = Promise.all([...states.values()].map((s) => s.awaitInitialReplication())).then(async () => {
    await db.upsertLocal(SYNC_STATE, { initialDone: true });
    patchStatus({ initialSync: { ...status.value.initialSync, done: true } });
  });
  initialSync.catch(() => undefined);

  const authHeaders = { authorization: `Bearer ${session.token}` };
  let uploading = false;
  const refreshUploads = async () => {
    const list = await env.blobCache.uploads();
    uploads.next(list.map(({ key: k, documentId, name, size }) => ({ key: k, documentId, name, size })));
    patchStatus({ pendingUploads: list.length });
  };
  // Sends queued files once their document is on the server; keeps them while offline.
  const processUploads = async () => {
    if (uploading || !conn.online) return;
    uploading = true;
    try {
      for (const u of await env.blobCache.uploads()) {
        const doc = await db.documents.findOne(u.documentId).exec();
        if (!doc || doc.documentNumber === '') continue;
        const params = new URLSearchParams({ documentId: u.documentId, name: u.name, ...(u.fileKey ? { fileKey: u.fileKey, id: u.key } : {}) });
        let res: Response;
        try {
          res = await env.fetchImpl(`${session.serverUrl}${API.files}?${params}`, { method: 'POST', headers: authHeaders, body: u.blob });
        } catch {
          break;
        }
        const refusal = res.status === 201 ? null : ((await res.json().catch(() => ({}))) as { error?: string }).error;
        if (res.status === 201) {
          const rec = (await res.json()) as FileRecord;
          await env.blobCache.put(rec.sha256, u.blob);
          await env.blobCache.removeUpload(u.key);
        } else if (refusal === 'duplicate_id') {
          // Sent before, but the answer was lost: the server has it.
          await env.blobCache.removeUpload(u.key);
        } else if (res.status === 403 || res.status === 409 || res.status === 413 || res.status === 415) {
          const code = refusal === 'untrusted_signature' ? 'untrusted_signature' : res.status === 403 ? 'forbidden' : res.status === 409 ? 'signed_file_frozen' : res.status === 413 ? 'file_too_large' : 'file_type_unsupported';
          rejections.next([...rejections.value, { collection: 'files', id: u.key, code, fields: ['name'], attempted: { name: u.name, documentId: u.documentId }, at: new Date(env.now()).toISOString() }]);
          await persist?.();
          await env.blobCache.removeUpload(u.key);
        }
      }
    } finally {
      uploading = false;
      await refreshUploads();
    }
  };
  // Files of the records the user holds are fetched ahead, newest first, so they open offline;
  // prefetching stops at 80 % of the cache so it never evicts what the user opened.
  let prefetching = false;
  const download = async (rec: FileRecord): Promise<Blob> => {
    const res = await env.fetchImpl(`${session.serverUrl}${API.files}/${encodeURIComponent(rec.id)}`, { headers: authHeaders });
    if (!res.ok) throw new Error(`download failed: ${res.status}`);
    const blob = new Blob([await res.arrayBuffer()], { type: rec.mediaType });
    await env.blobCache.put(rec.sha256, blob);
    return blob;
  };
  const prefetchFiles = async () => {
    if (prefetching || !conn.online) return;
    prefetching = true;
    try {
      const files = (await db.files.find().exec()).sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt));
      for (const f of files) {
        if (!conn.online) break;
        if (await env.blobCache.has(f.sha256)) continue;
        const { bytes, capacity } = await env.blobCache.usage();
        if (bytes + f.size > capacity * 0.8) break;
        await download(f.toMutableJSON() as FileRecord).catch(() => undefined);
      }
    } finally {
      prefetching = false;
    }
  };
  let prefetchTimer: ReturnType<typeof setTimeout> | null = null;
  const schedulePrefetch = () => {
    if (prefetchTimer) clearTimeout(prefetchTimer);
    prefetchTimer = setTimeout(() => void prefetchFiles(), 500);
  };
  db.files.$.subscribe(schedulePrefetch);
  conn.opened.subscribe(() => {
    void processUploads();
    schedulePrefetch();
  });
  db.documents.$.subscribe(() => {
    if (uploads.value.length) void processUploads();
  });
  conn.start();

  const replica: Replica = {
    session,
    db,
    status,
    rejections,
    conflicts,
    uploads,
    async resolveConflict(collection, id, field, choice) {
      const notice = conflicts.value.find((c) => c.collection === collection && c.id === id);
      const conflict = notice?.conflicts.find((c) => c.field === field);
      if (!notice || !conflict) return;
      if (choice === 'mine') {
        const doc = await db[collection as CollectionName].findOne(id).exec();
        if (doc) await patchRecord(doc, { [field]: conflict.mine });
      }
      const left = notice.conflicts.filter((c) => c.field !== field);
      const others = conflicts.value.filter((c) => c !== notice);
      conflicts.next(left.length ? [...others, { ...notice, conflicts: left }] : others);
      await persist?.();
    },
    reportConflicts: conflictSink.report,
    async dismissRejection(collection, id) {
      rejectedIds.delete(key(collection, id));
      rejections.next(rejections.value.filter((r) => key(r.collection, r.id) !== key(collection, id)));
      await persist?.();
    },
    async uploadFile(documentId, blob, name) {
      await env.blobCache.queueUpload({ key: env.newId(), documentId, name, blob, size: blob.size, queuedAt: env.now() });
      await refreshUploads();
      await processUploads();
    },
    async addVersion(documentId, fileKey, blob, name) {
      const id = env.newId();
      await env.blobCache.queueUpload({ key: id, documentId, fileKey, name, blob, size: blob.size, queuedAt: env.now() });
      await refreshUploads();
      await processUploads();
      if (rejections.value.some((r) => r.collection === 'files' && r.id === id)) return { id, state: 'refused' };
      return { id, state: uploads.value.some((u) => u.key === id) ? 'queued' : 'uploaded' };
    },
    async openFile(fileId) {
      const rec = await db.files.findOne(fileId).exec();
      if (!rec) throw new Error(`unknown file ${fileId}`);
      const cached = await env.blobCache.get(rec.sha256);
      return cached ?? download(rec.toMutableJSON() as FileRecord);
    },
    awaitInitialSync: () => initialSync,
    revoked: revoked.asObservable(),
    async awaitPurged() {
      while (purgeTimer || purgeQueue.size) {
        await new Promise((r) => setTimeout(r, 50));
        await purging;
      }
      await purging;
    },
    reconnect: () => conn.nudge(),
    async close() {
      if (prefetchTimer) clearTimeout(prefetchTimer);
      if (purgeTimer) clearTimeout(purgeTimer);
      await purging;
      conn.stop();
      await Promise.all([...states.values()].map((s) => s.cancel()));
      await db.close();
    },
  };
  return replica;
}
