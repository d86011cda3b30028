import { filter, firstValueFrom, of, timeout, type BehaviorSubject } from 'rxjs';
import { BACKGROUND_COLLECTIONS, COLLECTION_NAMES, type Checkpoint, type CollectionName } from '../../../../shared/src';
import type { DiariumDatabase } from './database';
import { DownloadEstimate } from './download-estimate';
import { ListUsable } from './list-usable';
import type { SyncStatus } from './types';

const SYNC_STATE = 'sync-state';
/** The longest the collections the list does not read wait for it before they pull anyway. */
const BACKGROUND_WAIT_MS = 30_000;

/**
 * The first download after sign-in on this machine: its progress in `status.initialSync` (the
 * total from the servers' `remaining` answers), whether the list is usable yet (the server sends
 * the first screen first: newest own open work and the list's newest rows; usable once stored), and once every collection's first pull has
 * finished, a mark in a local document so the next start shows no download.
 */
export class InitialSync {
  private readonly estimate = new DownloadEstimate(COLLECTION_NAMES);
  private readonly list = new ListUsable(COLLECTION_NAMES.filter((c) => !BACKGROUND_COLLECTIONS.has(c)));

  constructor(private readonly status: BehaviorSubject<SyncStatus>) {}

  /** Where a start finds the first download: done on an earlier start (then the list is usable at once), or not. */
  static async initialState(db: DiariumDatabase): Promise<{ done: boolean; usable: boolean }> {
    const done = (await db.getLocal<{ initialDone: boolean }>(SYNC_STATE))?.get('initialDone') === true;
    return { done, usable: done };
  }

  private get progress(): SyncStatus['initialSync'] {
    return this.status.value.initialSync;
  }

  private set progress(initialSync: SyncStatus['initialSync']) {
    this.status.next({ ...this.status.value, initialSync });
  }

  received(collection: CollectionName, count: number): void {
    this.estimate.received(collection, count);
    if (!this.progress.done)
      this.progress = { ...this.progress, received: this.progress.received + count, expected: this.estimate.total() };
  }

  /** A pull's answer is stored: its checkpoint, and whether it was short (the collection's download ended). */
  stored(collection: CollectionName, checkpoint: Checkpoint, last: boolean): void {
    if (this.progress.usable) return;
    this.list.stored(collection, checkpoint, last);
    if (this.list.usable) this.progress = { ...this.progress, usable: true };
  }

  /**
   * Resolves when `collection` may pull. During the first download the collections the list does
   * not read (the actor register, files, flows) wait until it is usable: the server works through
   * one pull at a time, and theirs would otherwise come before the list's.
   */
  async mayPull(collection: CollectionName): Promise<void> {
    if (this.progress.usable || !BACKGROUND_COLLECTIONS.has(collection)) return;
    const usable = this.status.pipe(
      filter((s) => s.initialSync.usable),
      timeout({ first: BACKGROUND_WAIT_MS, with: () => of(null) }),
    );
    await firstValueFrom(usable);
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
    this.progress = { ...this.progress, done: true, usable: true };
  }
}
