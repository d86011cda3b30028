import type { Checkpoint } from '../../../../shared/src';

/** A checkpoint compared by its fields, whatever their order or an `undefined` one (RxDB stores a merged copy). */
export function checkpointKey(cp: Checkpoint): string {
  return JSON.stringify(cp, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}

interface Handed {
  key: string;
  checkpoint: Checkpoint;
  last: boolean;
  /** No records: RxDB writes nothing for it, not even its checkpoint. */
  empty: boolean;
  /** Gives the batch's place in the replica's PullBudget back. */
  release: () => void;
}

export interface StoredPullsOptions {
  /** Batches handed to RxDB and not yet stored before the next pull waits (asked before each pull). */
  ahead: () => number;
  pollMs: number;
  /** The longest a pull waits for the store (a write that failed never stores its checkpoint). */
  maxWaitMs: number;
}

const DEFAULTS: StoredPullsOptions = { ahead: () => 1, pollMs: 20, maxWaitMs: 15_000 };

/**
 * The pulled batches of one collection from RxDB's hands to its store. RxDB's downstream asks for
 * the next batch without waiting for the last to be written, so on a first download the batches
 * pile up in memory faster than IndexedDB takes them (and are written as one huge merged write).
 * Here a pull waits while `ahead` batches are still unwritten, and `stored` reports each batch
 * once it is on disk, as RxDB records it: the checkpoint it stores after a batch's records, which
 * is the checkpoint the handler returned merged into the one it was called with.
 */
export class StoredPulls {
  private readonly handed: Handed[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly waiters: (() => void)[] = [];
  private readonly opts: StoredPullsOptions;
  private ahead = 0;

  constructor(
    /** The checkpoint RxDB stored last (undefined before the first, or while the replication is not running). */
    private readonly storedCheckpoint: () => Checkpoint | undefined,
    private readonly stored: (checkpoint: Checkpoint, last: boolean) => void,
    opts: Partial<StoredPullsOptions> = {},
  ) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  /**
   * The handler returns `checkpoint` and `records` records for a pull from `from`; `last` when the
   * batch was short; `release` is called once it is stored (or forgotten).
   */
  handedOver(
    from: Checkpoint | null | undefined,
    checkpoint: Checkpoint,
    records: number,
    last: boolean,
    release: () => void = () => undefined,
  ): void {
    this.handed.push({ key: checkpointKey({ ...(from ?? {}), ...checkpoint }), checkpoint, last, empty: records === 0, release });
    this.check();
    if (this.handed.length > 0) this.watch();
  }

  /** Resolves once at most `ahead` handed batches wait to be stored (or after the longest wait). */
  async room(): Promise<void> {
    this.ahead = this.opts.ahead();
    this.check();
    if (this.handed.length <= this.ahead) return;
    const released = await new Promise<boolean>((resolve) => {
      const timeout = setTimeout(() => resolve(false), this.opts.maxWaitMs);
      this.waiters.push(() => {
        clearTimeout(timeout);
        resolve(true);
      });
    });
    // Never stored (its write failed): forgotten, so the pulls after it do not wait for it too.
    if (!released) for (const h of this.handed.splice(0, this.handed.length - this.ahead)) h.release();
  }

  /** Stops watching (the replication ends); a waiting pull goes on. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const h of this.handed.splice(0)) h.release();
    this.release();
  }

  private watch(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.check();
      if (this.handed.length > 0) this.watch();
    }, this.opts.pollMs);
  }

  private check(): void {
    const current = this.storedCheckpoint();
    const at = current === undefined ? -1 : this.handed.findIndex((h) => h.key === checkpointKey(current));
    // RxDB merges batches that wait for the store into one write: all up to this one are stored.
    this.report(this.handed.splice(0, at + 1));
    // An empty batch is stored as soon as every batch before it is.
    let empty = 0;
    while (empty < this.handed.length && this.handed[empty]!.empty) empty++;
    this.report(this.handed.splice(0, empty));
    if (this.handed.length <= this.ahead) this.release();
  }

  private report(batches: readonly Handed[]): void {
    for (const h of batches) {
      h.release();
      this.stored(h.checkpoint, h.last);
    }
  }

  private release(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
