import { pastFirstScreen, type Checkpoint, type CollectionName } from '../../../../shared/src';

/**
 * Whether the register list is usable during the first download: every collection has either
 * stored the first screen, newest own open work and the list's newest rows (its checkpoint's
 * `first` cursor is past it), or — one the server does not send in tiers — has stored the end of
 * its first download (a short batch).
 */
export class ListUsable {
  private readonly ready = new Set<CollectionName>();
  private readonly tiered = new Set<CollectionName>();

  constructor(private readonly collections: readonly CollectionName[]) {}

  /** A pull's answer for `collection` is stored: its checkpoint, and whether it was the last (short). */
  stored(collection: CollectionName, checkpoint: Checkpoint, last: boolean): void {
    if (checkpoint.first) this.tiered.add(collection);
    const past = checkpoint.first ? pastFirstScreen(checkpoint.first) : this.tiered.has(collection);
    if (past || last) this.ready.add(collection);
  }

  get usable(): boolean {
    return this.collections.every((c) => this.ready.has(c));
  }
}
