import { Worker } from 'node:worker_threads';
import type { CollectionName, FieldConflict, User } from '../../shared/src';
import { CLOSE_TIMEOUT_MS } from './harness';
import type { ConflictNotice, RejectionNotice, Session, SyncStatus } from '../../renderer/src/lib/replica/types';

type Doc = Record<string, unknown> & { id: string };

/** The test's handle on a client replica running in its own worker thread (client-worker.ts). */
export class RemoteClient {
  private seq = 0;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(
    private readonly worker: Worker,
    readonly session: Session,
  ) {
    worker.on('message', (msg: { id?: number; result?: unknown; error?: string }) => {
      if (msg.id === undefined) return;
      const w = this.waiting.get(msg.id);
      if (!w) return;
      this.waiting.delete(msg.id);
      if (msg.error) w.reject(new Error(msg.error));
      else w.resolve(msg.result);
    });
  }

  static async start(url: string, username: string): Promise<RemoteClient> {
    const worker = new Worker(new URL('./client-worker.mjs', import.meta.url), { workerData: { url, username } });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', (m: { ready: boolean; error?: string }) => (m.ready ? resolve() : reject(new Error(m.error))));
      worker.once('error', reject);
    });
    const probe = new RemoteClient(worker, null as never);
    const session = (await probe.call('session')) as Session;
    worker.removeAllListeners('message');
    return new RemoteClient(worker, session);
  }

  get user(): User {
    return this.session.user;
  }

  private call(method: string, ...args: unknown[]): Promise<unknown> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, method, args });
    });
  }

  awaitInitialSync = () => this.call('awaitInitialSync') as Promise<void>;
  insert = (collection: CollectionName, doc: object) => this.call('insert', collection, doc) as Promise<void>;
  patch = (collection: CollectionName, id: string, patch: Record<string, unknown>) =>
    this.call('patch', collection, id, patch) as Promise<void>;
  find = <T = Doc>(collection: CollectionName, selector: Record<string, unknown> = {}) =>
    this.call('find', collection, selector) as Promise<T[]>;
  findOne = <T = Doc>(collection: CollectionName, id: string) => this.call('findOne', collection, id) as Promise<T | null>;
  count = (collection: CollectionName) => this.call('count', collection) as Promise<number>;
  status = () => this.call('status') as Promise<SyncStatus>;
  rejections = () => this.call('rejections') as Promise<RejectionNotice[]>;
  conflicts = () => this.call('conflicts') as Promise<(ConflictNotice & { conflicts: FieldConflict[] })[]>;
  resolveConflict = (collection: string, id: string, field: string, choice: 'mine' | 'theirs') =>
    this.call('resolveConflict', collection, id, field, choice) as Promise<void>;
  netDown = () => this.call('netDown') as Promise<void>;
  netUp = () => this.call('netUp') as Promise<void>;
  uploadFile = (documentId: string, bytes: Uint8Array, name: string) => this.call('uploadFile', documentId, bytes, name) as Promise<void>;
  openFile = (fileId: string) => this.call('openFile', fileId) as Promise<Uint8Array>;
  addVersion = (documentId: string, fileKey: string, bytes: Uint8Array, name: string) =>
    this.call('addVersion', documentId, fileKey, bytes, name) as Promise<{ id: string; state: 'uploaded' | 'queued' | 'refused' }>;
  /** Epoch milliseconds (performance clock) at which the record's field became set locally. */
  waitFor = (collection: CollectionName, id: string, field: string, timeoutMs = 30_000) =>
    this.call('waitFor', collection, id, field, timeoutMs) as Promise<number>;
  waitForWhere = (collection: CollectionName, field: string, value: string, timeoutMs = 30_000) =>
    this.call('waitForWhere', collection, field, value, timeoutMs) as Promise<void>;

  /**
   * Closes the replica in its thread, bounded: the worker closes it within CLOSE_TIMEOUT_MS or
   * reports it hung; a worker that answers nothing is ended all the same. The thread always ends,
   * and a close that failed fails the caller.
   */
  async close(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const silent = new Promise<never>(
      (_, reject) =>
        (timer = setTimeout(
          () => reject(new Error(`the client worker did not answer close within ${CLOSE_TIMEOUT_MS + 5_000} ms`)),
          CLOSE_TIMEOUT_MS + 5_000,
        )),
    );
    try {
      await Promise.race([this.call('close'), silent]);
    } finally {
      clearTimeout(timer);
      await this.worker.terminate();
    }
  }
}
