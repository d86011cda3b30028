import type { CollectionName } from '../../../../shared/src';
import type { BlobCache } from './blob-cache';
import type { DiariumDatabase } from './database';
import type { ReleasedFiles } from './released-files';

/** How many runs a revoked record that RxDB has not stored yet waits for (a run every ~200 ms). */
const RUNS_WAITED = 100;

/**
 * Revoked records are removed from storage for good (RxDB keeps deleted documents until a
 * cleanup), then cached files no longer referenced by any file record are deleted. Revocations
 * arrive page by page, so the work is gathered for a moment and done one run at a time.
 * A revocation is scheduled when its batch arrives, before RxDB has stored it: a record still
 * live at the run is looked at again in the next one, or its cached file would stay (seen under
 * load: the file record was written after the run had found it live).
 */
export class RevocationPurge {
  /** Per collection, the revoked ids waiting for a run (empty: a run of the collection without ids). */
  private readonly queue = new Map<CollectionName, Set<string>>();
  /** Runs each still-live revoked record has waited, by `collection/id`. */
  private readonly waited = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopping: () => void = () => undefined;
  private readonly stopped = new Promise<void>((resolve) => (this.stopping = resolve));
  private halted = false;

  constructor(
    private readonly db: DiariumDatabase,
    private readonly blobCache: BlobCache,
    private readonly released: ReleasedFiles,
  ) {}

  /**
   * Files the user no longer needs on this device (a closed meeting's package) leave the cache
   * the same way, in turn with revocations, and are not prefetched again.
   */
  release(files: readonly { id: string; sha256: string }[]): Promise<void> {
    const run = this.running.then(async () => {
      await this.released.add(files.map((f) => f.id));
      await this.blobCache.remove(files.map((f) => f.sha256));
    });
    this.running = run.catch(() => undefined);
    return run;
  }

  schedule(name: CollectionName, ids: readonly string[] = []): void {
    if (this.halted) return;
    const queued = this.queue.get(name) ?? new Set<string>();
    for (const id of ids) queued.add(id);
    this.queue.set(name, queued);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.running.then(() => this.purge()).catch(() => undefined);
    }, 200);
  }

  private async purge(): Promise<void> {
    const work = new Map(this.queue);
    this.queue.clear();
    const names = [...work.keys()];
    const notYetStored = await this.stillLive(work);
    // Cached files first: a revoked file record is already out of `find()`, so this needs no cleanup.
    if (names.includes('files')) {
      const live = new Set((await this.db.files.find().exec()).map((f) => f.sha256));
      const stale = (await this.blobCache.keys()).filter((sha) => !live.has(sha));
      if (stale.length) await this.blobCache.remove(stale);
    }
    // RxDB's cleanup first waits until every replication of the collection is in sync (so a local
    // deletion is sent before it is purged). Offline, or with the account deactivated, that is never:
    // closing the replica must not wait for it. The stripped tombstones left go at the next cleanup.
    for (const name of names) {
      const cleanup = this.db[name].cleanup(0).catch(() => undefined);
      await Promise.race([cleanup, this.stopped]);
    }
    for (const [name, ids] of notYetStored) this.schedule(name, ids);
  }

  /** The revoked records RxDB still holds live, each until it has waited RUNS_WAITED runs. */
  private async stillLive(work: ReadonlyMap<CollectionName, ReadonlySet<string>>): Promise<Map<CollectionName, string[]>> {
    const out = new Map<CollectionName, string[]>();
    for (const [name, ids] of work) {
      if (ids.size === 0) continue;
      const live = await this.db[name].findByIds([...ids]).exec();
      for (const id of ids) {
        const key = `${name}/${id}`;
        const runs = (this.waited.get(key) ?? 0) + 1;
        if (!live.has(id) || runs > RUNS_WAITED) {
          this.waited.delete(key);
          continue;
        }
        this.waited.set(key, runs);
        out.set(name, [...(out.get(name) ?? []), id]);
      }
    }
    return out;
  }

  /** Resolves when everything scheduled has been removed. */
  async settled(): Promise<void> {
    while (this.timer || this.queue.size) {
      await new Promise((r) => setTimeout(r, 50));
      await this.running;
    }
    await this.running;
  }

  /** Stops waiting for more; a run under way finishes first, except for a cleanup still waiting for the network. */
  async stop(): Promise<void> {
    this.halted = true;
    if (this.timer) clearTimeout(this.timer);
    this.stopping();
    await this.running;
  }
}
