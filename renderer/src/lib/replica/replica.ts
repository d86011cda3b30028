import type { BehaviorSubject, Observable } from 'rxjs';
import type { CollectionName, FieldConflict, FileRecord } from '../../../../shared/src';
import type { DiariumDatabase } from './database';
import type { PersonalStore } from '../personal/store';
import type { ConflictNotice, PendingUpload, RejectionNotice, Session, SyncStatus } from './types';

/**
 * The signed-in user's local replica and its connection to the sync server. Views read `db`
 * directly (RxDB queries) and change it through the commands of `lib/commands`; everything that
 * crosses the network goes through this object.
 */
export interface Replica {
  readonly session: Session;
  readonly db: DiariumDatabase;
  readonly status: BehaviorSubject<SyncStatus>;
  readonly rejections: BehaviorSubject<RejectionNotice[]>;
  readonly conflicts: BehaviorSubject<ConflictNotice[]>;
  readonly uploads: BehaviorSubject<PendingUpload[]>;
  /** The user's watches, subscriptions, favourites and notifications (queued offline, synced on connect). */
  readonly personal: PersonalStore;
  /** Keep one side of a same-field conflict; 'mine' writes the local value again. */
  resolveConflict(collection: string, id: string, field: string, choice: 'mine' | 'theirs'): Promise<void>;
  dismissRejection(collection: string, id: string): Promise<void>;
  /** Adds same-field conflicts found outside a push (offline changes applied again) to `conflicts`. */
  reportConflicts(collection: CollectionName, id: string, conflicts: FieldConflict[]): void;
  /** Uploads now, or queues the file (kept locally) until the connection returns. */
  uploadFile(documentId: string, file: Blob, name: string): Promise<void>;
  /**
   * Adds a new version of an existing file under an id chosen here, so a flow step can cite it at
   * once: sent now when online, else kept and sent when the connection returns (the step's push
   * waits for it). `refused` when the server would not take it (see `rejections`).
   */
  addVersion(
    documentId: string,
    fileKey: string,
    file: Blob,
    name: string,
  ): Promise<{ id: string; state: 'uploaded' | 'queued' | 'refused' }>;
  /** The file's bytes: from the local cache, else downloaded and cached; `shown`: the record a view has from the server. */
  openFile(fileId: string, shown?: FileRecord): Promise<Blob>;
  /** Whether the file's bytes are in the local (encrypted) cache, so it opens offline. */
  isFileCached(fileId: string): Promise<boolean>;
  /**
   * Removes cached files the user no longer needs here (a closed meeting's package) and keeps
   * prefetch from fetching them again; opening one later downloads it anew.
   */
  releaseFiles(files: readonly { id: string; sha256: string }[]): Promise<void>;
  /** Try to reconnect at once (the OS reports the network is back). */
  reconnect(): void;
  /** Resolves when the first pull of every collection has finished. */
  awaitInitialSync(): Promise<void>;
  /** Records the server revoked or withheld: local copies elsewhere (Yjs documents) must go too. */
  readonly revoked: Observable<{ collection: CollectionName; id: string }>;
  /** Resolves when revoked records and their files have been removed from local storage. */
  awaitPurged(): Promise<void>;
  close(): Promise<void>;
}
