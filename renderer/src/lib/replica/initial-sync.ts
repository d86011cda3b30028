import type { BehaviorSubject } from 'rxjs';
import { COLLECTION_NAMES, type CollectionName } from '../../../../shared/src';
import type { DiariumDatabase } from './database';
import { DownloadEstimate } from './download-estimate';
import type { SyncStatus } from './types';

const SYNC_STATE = 'sync-state';

/**
 * The first download after sign-in on this machine: its progress in `status.initialSync` (the
 * total from the servers' `remaining` answers), and once every collection's first pull has
 * finished, a mark in a local document so the next start shows no download.
 */
export class InitialSync {
  private readonly estimate = new DownloadEstimate(COLLECTION_NAMES);

  constructor(private readonly status: BehaviorSubject<SyncStatus>) {}

  static async wasDone(db: DiariumDatabase): Promise<boolean> {
    return (await db.getLocal<{ initialDone: boolean }>(SYNC_STATE))?.get('initialDone') === true;
  }

  private get progress(): SyncStatus['initialSync'] {
    return this.status.value.initialSync;
  }

  private set progress(initialSync: SyncStatus['initialSync']) {
    this.status.next({ ...this.status.value, initialSync });
  }

  received(collection: CollectionName, count: number): void {
    this.estimate.received(collection, count);
    if (!this.progress.done) this.progress = { done: false, received: this.progress.received + count, expected: this.estimate.total() };
  }

  wantsRemaining(collection: CollectionName): boolean {
    return !this.progress.done && this.estimate.wants(collection);
  }

  remaining(collection: CollectionName, remaining: number): void {
    this.estimate.remaining(collection, remaining);
    if (!this.progress.done) this.progress = { ...this.progress, expected: this.estimate.total() };
  }

  /** Resolves when every replication has finished its first pull. */
  async track(db: DiariumDatabase, replications: Iterable<{ awaitInitialReplication(): Promise<void> }>): Promise<void> {
    await Promise.all([...replications].map((s) => s.awaitInitialReplication()));
    await db.upsertLocal(SYNC_STATE, { initialDone: true });
    this.progress = { ...this.progress, done: true };
  }
}
