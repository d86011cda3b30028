import { BehaviorSubject, Subject } from 'rxjs';
import { removeRxDatabase, type RxStorage } from 'rxdb';
import type { CollectionName, RecordMigrationTable } from '../../../../shared/src';
import type { BlobCache } from './blob-cache';
import { SyncConnection, type SyncConnectionOptions, type WebSocketFactory } from './connection';
import { databaseName, openDatabase } from './database';
import { FileDownloads } from './file-downloads';
import { InitialSync } from './initial-sync';
import { AFTER_THE_LIST } from './list-usable';
import { Notices } from './notices';
import { PendingChanges } from './pending-changes';
import { BATCHES_IN_MEMORY, PullBudget } from './pull-budget';
import { RevocationPurge } from './purge';
import { ReleasedFiles } from './released-files';
import type { Replica } from './replica';
import { startReplications } from './replication';
import type { Session, SyncStatus } from './types';
import { UploadQueue } from './upload-queue';
import { PersonalStore } from '../personal/store';
import { SealedLocal } from '../reader/sealed-local';
import { fetchSender, type UploadSender } from './upload-sender';

export interface ReplicaEnvironment {
  storage: RxStorage<unknown, unknown>;
  WebSocketImpl: WebSocketFactory;
  fetchImpl: typeof fetch;
  /** Sends uploads; with fetch (no progress) unless given (the browser's XMLHttpRequest). */
  uploadSender?: UploadSender;
  blobCache: BlobCache;
  now: () => number;
  newId: () => string;
  /** Encrypts restricted content at rest: from the OS key store (desktop) or derived at sign-in. */
  secret: string;
  /** Deletes what the storage leaves behind of a removed database (IndexedDB databases). */
  deleteStorage?: (databaseName: string) => Promise<void>;
  /** The record migrations the replica is brought up to (tests inject steps of their own). */
  migrations?: RecordMigrationTable;
  /** Heartbeat timing of the sync socket; the product's defaults unless a test shortens them. */
  heartbeat?: SyncConnectionOptions['heartbeat'];
}

/**
 * Opens the user's local replica (usable at once, offline too) and starts replicating it. This
 * only wires the parts together: notices (rejections, conflicts), pending changes, the upload
 * queue, file downloads and prefetch, the purge of revoked records, and the first download.
 */
export async function openReplicaWith(session: Session, env: ReplicaEnvironment): Promise<Replica> {
  const notices = new Notices(env.now);
  const conflictSink = { report: notices.reportConflicts.bind(notices), isRejected: notices.isRejected.bind(notices) };
  const db = await openDatabase(databaseName(session.serverUrl, session.user.id), env.storage, conflictSink, env.secret, env.migrations);
  await notices.load(db);

  const status = new BehaviorSubject<SyncStatus>({
    online: false,
    pendingChanges: 0,
    pendingUploads: 0,
    initialSync: { ...(await InitialSync.initialState(db)), received: 0, expected: null },
    lastError: null,
  });
  const patchStatus = (p: Partial<SyncStatus>) => status.next({ ...status.value, ...p });
  const pending = await PendingChanges.load(db, (size) => patchStatus({ pendingChanges: size }));
  pending.watchLocalWrites();

  const conn = new SyncConnection(session.serverUrl, session.token, env.WebSocketImpl, env.fetchImpl, { heartbeat: env.heartbeat });
  const isOnline = () => conn.online;
  const uploads = await UploadQueue.load({
    session,
    db,
    blobCache: env.blobCache,
    send: env.uploadSender ?? fetchSender(env.fetchImpl),
    notices,
    isOnline,
    onCount: (n) => patchStatus({ pendingUploads: n }),
    now: env.now,
    newId: env.newId,
  });
  const released = new ReleasedFiles(db);
  const files = new FileDownloads({ session, db, blobCache: env.blobCache, fetchImpl: env.fetchImpl, isOnline, released });
  const purge = new RevocationPurge(db, env.blobCache, released);
  const revoked = new Subject<{ collection: CollectionName; id: string }>();

  conn.state.subscribe((s) => {
    patchStatus({
      online: s.online,
      lastError: s.unauthorized ? 'unauthorized' : s.error,
      ...(s.versionMismatch ? { versionMismatch: s.versionMismatch } : {}),
    });
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

  const firstDownload = new InitialSync(status);
  // Unbounded until the list is usable: only the list's collections pull then, one batch each.
  const budget = new PullBudget(() => (status.value.initialSync.usable ? BATCHES_IN_MEMORY : Infinity));
  const states = startReplications(db, conn, `diarium-${session.user.id}`, {
    pendingChanged: (collection, ids, isPending) => pending.mark(collection, ids, isPending),
    rejected(collection, r, attempted) {
      pending.mark(collection, [r.id], false);
      notices.rejected(collection, r, attempted);
    },
    accepted: (collection, ids) => notices.accepted(collection, ids),
    received: (collection, count) => firstDownload.received(collection, count),
    pullsAhead: () => (status.value.initialSync.usable ? 1 : 0),
    takePull: (collection) => budget.take(!AFTER_THE_LIST.has(collection)),
    mayPull: (collection, checkpoint) => firstDownload.mayPull(collection, checkpoint),
    wantsRemaining: (collection, from) => firstDownload.wantsRemaining(collection, from),
    remaining: (collection, remaining, answered, checkpoint) => firstDownload.remaining(collection, remaining, answered, checkpoint),
    stored: (collection, checkpoint, last) => firstDownload.stored(collection, checkpoint, last),
    isRejected: (collection, id) => notices.isRejected(collection, id),
    isUploadQueued: (fileId) => uploads.isQueued(fileId),
    revoked(collection, gone, withheld) {
      notices.forget(collection, [...gone, ...withheld]);
      for (const id of [...gone, ...withheld]) revoked.next({ collection, id });
      if (gone.length) purge.schedule(collection, gone);
      if (collection === 'documents' && withheld.length) purge.schedule('files');
    },
  });
  const initialSync = firstDownload.track(db, states.values());
  initialSync.catch(() => undefined);

  // Watches, subscriptions, favourites, notifications: queued here, sent on connect, refreshed when the server says so.
  const personal = new PersonalStore({
    session,
    local: new SealedLocal(db),
    fetchImpl: env.fetchImpl,
    now: env.now,
    newId: env.newId,
    isOnline,
  });
  conn.personal.subscribe(() => void personal.sync());

  // Change bulks, not `collection.$`: RxDB 17 keeps every bulk it turns into `$` events in a
  // module-level Map for good (EVENT_BULK_CACHE), so watching `$` held every downloaded record.
  db.files.eventBulks$.subscribe(() => files.schedulePrefetch());
  conn.opened.subscribe(() => {
    void uploads.process();
    files.schedulePrefetch();
    void personal.sync();
  });
  db.documents.eventBulks$.subscribe(() => {
    if (uploads.uploads.value.length) void uploads.process();
  });
  conn.start();

  const replica: Replica = {
    session,
    db,
    status,
    rejections: notices.rejections,
    conflicts: notices.conflicts,
    uploads: uploads.uploads,
    personal,
    resolveConflict: (collection, id, field, choice) => notices.resolveConflict(collection, id, field, choice),
    reportConflicts: conflictSink.report,
    dismissRejection: (collection, id) => notices.dismissRejection(collection, id),
    uploadFile: (documentId, blob, name) => uploads.add(documentId, blob, name),
    addVersion: (documentId, fileKey, blob, name) => uploads.addVersion(documentId, fileKey, blob, name),
    openFile: (fileId, shown) => files.open(fileId, shown),
    isFileCached: (fileId) => files.isCached(fileId),
    releaseFiles: (released) => purge.release(released),
    awaitInitialSync: () => initialSync,
    revoked: revoked.asObservable(),
    awaitPurged: () => purge.settled(),
    reconnect: () => conn.nudge(),
    async close() {
      files.stop();
      await purge.stop();
      conn.stop();
      await personal.stop();
      await Promise.all([...states.values()].map((s) => s.cancel()));
      await db.close();
    },
  };
  return replica;
}
