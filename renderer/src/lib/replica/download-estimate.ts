import type { Checkpoint, CollectionName } from '../../../../shared/src';

/**
 * Whole percent of the first download done, for its label: at most 99 until it has ended (the
 * expected count is an upper bound, so the last records may never come).
 */
export function downloadPercent(received: number, expected: number): number {
  if (expected <= 0) return 99;
  return Math.min(99, Math.floor((received / expected) * 100));
}

/** The first download's expected size: records in all, and whether it is only a loose bound (see `DownloadEstimate`). */
export interface ExpectedTotal {
  records: number;
  loose: boolean;
}

/**
 * The expected size of the first download, for its progress bar. Each collection's first pull after
 * its first screen asks the server how many records remain after it; a collection then expects
 * what it received so far plus that. In the tiers of a first download (the checkpoint's `first`)
 * the server counts the whole window, less the answer (the tiers start over): the collection then
 * expects that answer plus the count. Before a fresh user's window is evaluated (tiers without `w`)
 * the count is of the whole register, so the bound is loose: it is asked once more as soon as the
 * window is evaluated. The total is known once every collection has answered.
 */
export class DownloadEstimate {
  private readonly receivedBy = new Map<CollectionName, number>();
  private readonly expectedBy = new Map<CollectionName, number>();
  private readonly loose = new Set<CollectionName>();

  constructor(private readonly collections: readonly CollectionName[]) {}

  /** Whether the next pull of this collection, from `from`, should ask how many records remain. */
  wants(collection: CollectionName, from: Checkpoint | null | undefined): boolean {
    if (!this.expectedBy.has(collection)) return true;
    return this.loose.has(collection) && from?.first !== undefined && from.w !== undefined;
  }

  received(collection: CollectionName, count: number): void {
    this.receivedBy.set(collection, (this.receivedBy.get(collection) ?? 0) + count);
  }

  /**
   * The server's count of records after the answer just received (call after `received`), with
   * that answer's record count and checkpoint.
   */
  remaining(collection: CollectionName, remaining: number, answered: number, checkpoint: Checkpoint): void {
    const inTiers = checkpoint.first !== undefined;
    this.expectedBy.set(collection, (inTiers ? answered : (this.receivedBy.get(collection) ?? 0)) + remaining);
    if (inTiers && checkpoint.w === undefined) this.loose.add(collection);
    else this.loose.delete(collection);
  }

  /** The collection's download reached its end (a short answer is stored): not asked yet, nothing more is expected. */
  ended(collection: CollectionName): void {
    if (!this.expectedBy.has(collection)) this.expectedBy.set(collection, this.receivedBy.get(collection) ?? 0);
  }

  /** Records expected in all, or null until every collection has answered. */
  total(): ExpectedTotal | null {
    if (this.collections.some((c) => !this.expectedBy.has(c))) return null;
    let records = 0;
    for (const c of this.collections) records += Math.max(this.expectedBy.get(c)!, this.receivedBy.get(c) ?? 0);
    return { records, loose: this.loose.size > 0 };
  }
}
