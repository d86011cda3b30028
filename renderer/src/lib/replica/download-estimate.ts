import type { CollectionName } from '../../../../shared/src';

/**
 * Whole percent of the first download done, for its label: at most 99 until it has ended (the
 * expected count is an upper bound, so the last records may never come).
 */
export function downloadPercent(received: number, expected: number): number {
  if (expected <= 0) return 99;
  return Math.min(99, Math.floor((received / expected) * 100));
}

/**
 * The expected size of the first download, for its progress bar. Each collection's first pull
 * asks the server how many records remain after it; a collection then expects what it received
 * so far plus that. The total is known once every collection has answered.
 */
export class DownloadEstimate {
  private readonly receivedBy = new Map<CollectionName, number>();
  private readonly expectedBy = new Map<CollectionName, number>();

  constructor(private readonly collections: readonly CollectionName[]) {}

  /** Whether the next pull of this collection should ask how many records remain. */
  wants(collection: CollectionName): boolean {
    return !this.expectedBy.has(collection);
  }

  received(collection: CollectionName, count: number): void {
    this.receivedBy.set(collection, (this.receivedBy.get(collection) ?? 0) + count);
  }

  /** The server's count of records after the pull just received (call after `received`). */
  remaining(collection: CollectionName, remaining: number): void {
    this.expectedBy.set(collection, (this.receivedBy.get(collection) ?? 0) + remaining);
  }

  /** Records expected in all, or null until every collection has answered. */
  total(): number | null {
    if (this.collections.some((c) => !this.expectedBy.has(c))) return null;
    let sum = 0;
    for (const c of this.collections) sum += Math.max(this.expectedBy.get(c)!, this.receivedBy.get(c) ?? 0);
    return sum;
  }
}
