import { filter, firstValueFrom, of, timeout, type BehaviorSubject } from 'rxjs';
import { COLLECTION_NAMES, type Checkpoint, type CollectionName } from '../../../../shared/src';
import type { DiariumDatabase } from './database';
import { DownloadEstimate } from './download-estimate';
import { AFTER_THE_LIST, ListUsable, waitsForList } from './list-usable';
import type { SyncStatus } from './types';

const SYNC_STATE = 'sync-state';
/** The longest a pull held back for the list (`waitsForList`) waits before it goes anyway. */
const BACKGROUND_WAIT_MS = 30_000;

/**
 * The first download after sign-in on this machine: its progress in `status.initialSync` (the
 * total from the servers' `remaining` answers), whether the list is usable yet (the server sends
 * the first screen first: newest own open work and the list's newest rows; usable once stored), and once every collection's first pull has
 * finished, a mark in a local document so the next start shows no download.
 */
export class InitialSync {
  private readonly estimate = new DownloadEstimate(COLLECTION_NAMES);
  private readonly list = new ListUsable(COLLECTION_NAMES.filter((c) => !AFTER_THE_LIST.has(c)));

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
    if (!this.progress.done) this.progress = { ...this.progress, received: this.progress.received + count, ...this.expected() };
  }

  /** The expected total for the progress: null until known; `expectedLoose` while it counts the register, not the window. */
  private expected(): Pick<SyncStatus['initialSync'], 'expected' | 'expectedLoose'> {
    const total = this.estimate.total();
    return { expected: total?.records ?? null, expectedLoose: total?.loose ?? false };
  }

  /** A pull's answer is stored: its checkpoint, and whether it was the last (the collection's download ended). */
  stored(collection: CollectionName, checkpoint: Checkpoint, last: boolean): void {
    if (last && !this.progress.done) {
      this.estimate.ended(collection);
      this.progress = { ...this.progress, ...this.expected() };
    }
    if (this.progress.usable) return;
    this.list.stored(collection, checkpoint, last);
    if (this.list.usable) this.progress = { ...this.progress, usable: true };
  }

  /**
   * Resolves when `collection` may pull from `checkpoint`. During the first download the collections
   * the list does not read (the actor register, files, flows, parties), and cases or documents once their
   * first screen is in, wait until the list is usable (`waitsForList`): the server works through one
   * pull at a time, and theirs would otherwise come before the rest of the first screen.
   */
  async mayPull(collection: CollectionName, checkpoint: Checkpoint | undefined): Promise<void> {
    // Before the list is usable no batch waits to be written when a pull starts, so its checkpoint
    // is stored: a download resumed after a restart may be past its first screen already.
    if (checkpoint && !this.progress.usable) this.stored(collection, checkpoint, false);
    if (this.progress.usable || !waitsForList(collection, checkpoint)) return;
    const usable = this.status.pipe(
      filter((s) => s.initialSync.usable),
      timeout({ first: BACKGROUND_WAIT_MS, with: () => of(null) }),
    );
    await firstValueFrom(usable);
  }

  wantsRemaining(collection: CollectionName, from: Checkpoint | undefined): boolean {
    return !this.progress.done && this.estimate.wants(collection, from);
  }

  remaining(collection: CollectionName, remaining: number, answered: number, checkpoint: Checkpoint): void {
    this.estimate.remaining(collection, remaining, answered, checkpoint);
    if (!this.progress.done) this.progress = { ...this.progress, ...this.expected() };
  }

  /** Resolves when every replication has finished its first pull. */
  async track(db: DiariumDatabase, replications: Iterable<{ awaitInitialReplication(): Promise<void> }>): Promise<void> {
    await Promise.all([...replications].map((s) => s.awaitInitialReplication()));
    await db.upsertLocal(SYNC_STATE, { initialDone: true });
    this.progress = { ...this.progress, done: true, usable: true };
  }
}
