import { BACKGROUND_COLLECTIONS, pastFirstScreen, type Checkpoint, type CollectionName } from '../../../../shared/src';

/**
 * The collections the register list does not read, pulled once it is usable: the windowed ones
 * (`BACKGROUND_COLLECTIONS`) and the parties (the party picker reads them, the list does not; their
 * projection held the server for 3.4 s of the first 4 at 100,000 cases, before the first screen).
 */
export const AFTER_THE_LIST: ReadonlySet<CollectionName> = new Set([...BACKGROUND_COLLECTIONS, 'parties']);

/**
 * Whether a pull of `collection` from `checkpoint` waits until the list is usable: the collections
 * the list does not read, and a tiered collection already past its first screen, so the server
 * answers the first screens of the others first (it works through one pull at a time).
 */
export function waitsForList(collection: CollectionName, checkpoint: Checkpoint | null | undefined): boolean {
  return AFTER_THE_LIST.has(collection) || (checkpoint?.first !== undefined && pastFirstScreen(checkpoint.first));
}

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
