import { pastNewestRows, type Checkpoint, type CollectionName } from '../../../../shared/src';

/**
 * Whether the register list is usable during the first download: every collection has either
 * passed the tiers of own open work and the list's newest rows (its checkpoint's `first` cursor),
 * or — one the server does not send in tiers — has had its first download end (a short batch).
 */
export class ListUsable {
  private readonly ready = new Set<CollectionName>();
  private readonly tiered = new Set<CollectionName>();

  constructor(private readonly collections: readonly CollectionName[]) {}

  /** A pull's answer for `collection` was taken: its checkpoint, and whether it was the last (short). */
  pulled(collection: CollectionName, checkpoint: Checkpoint, last: boolean): void {
    if (checkpoint.first) this.tiered.add(collection);
    const past = checkpoint.first ? pastNewestRows(checkpoint.first) : this.tiered.has(collection);
    if (past || last) this.ready.add(collection);
  }

  get usable(): boolean {
    return this.collections.every((c) => this.ready.has(c));
  }
}
