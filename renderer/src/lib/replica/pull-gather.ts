import {
  FIRST_SCREEN,
  TIERED_COLLECTIONS,
  pastFirstScreen,
  type Checkpoint,
  type CollectionName,
  type PullResponse,
} from '../../../../shared/src';

/** The largest batch handed to RxDB: one write of this many records at most. */
export const PULL_BATCH = 2000;
/**
 * What the first request of a first download's screen asks for: a screenful of own units and the
 * list's rows, and one more, so an answer holding only the screen's cases (one record a unit) goes on
 * past it and its cursor says the screen is done.
 */
export const SCREEN_PULL = FIRST_SCREEN.ownUnits + FIRST_SCREEN.listRows + 1;
/**
 * RxDB's `pull.batchSize`: it takes a batch shorter than this for the end of what there is. The
 * handler hands over up to PULL_BATCH records, and the first screen as a batch of its own (at least
 * this many unless the download ended), so RxDB writes the screen alone and then pulls on.
 */
export const PULL_END_BELOW = SCREEN_PULL;

export type PullAnswer = Pick<PullResponse, 'documents' | 'checkpoint' | 'more'>;

export interface Gathered<D> {
  documents: D[];
  checkpoint: Checkpoint;
  /** The server reached the end of what there is (no `more`, an answer short of what was asked). */
  last: boolean;
}

/** Whether a pull of `collection` from `checkpoint` starts in (or resumes) its first download's first screen. */
export function inFirstScreen(collection: CollectionName, checkpoint: Checkpoint | null | undefined): boolean {
  if (!TIERED_COLLECTIONS.has(collection)) return false;
  return !checkpoint || (checkpoint.first !== undefined && !pastFirstScreen(checkpoint.first));
}

/**
 * One batch for RxDB, from the server's answers to `ask` (checkpoint, limit). From the first screen
 * it asks little, more each time while the cursor is still in the screen, and hands over as soon as
 * the cursor has passed it: the list's first rows are written on their own, not after a 2,000-record
 * write. Otherwise it pulls on (a step the server cut short, `more`) until PULL_BATCH records.
 * A batch shorter than PULL_END_BELOW is only ever the end.
 */
export async function gatherPull<D>(
  from: Checkpoint | null | undefined,
  screen: boolean,
  ask: (checkpoint: Checkpoint | null, limit: number) => Promise<Omit<PullAnswer, 'documents'> & { documents: D[] }>,
): Promise<Gathered<D>> {
  let limit = screen ? SCREEN_PULL : PULL_BATCH;
  let res = await ask(from ?? null, limit);
  const all = [...res.documents];
  for (;;) {
    if (!res.more && res.documents.length < limit) return { documents: all, checkpoint: res.checkpoint, last: true };
    if (all.length >= PULL_BATCH) break;
    const inScreen = screen && !pastFirstScreen(res.checkpoint.first);
    if (screen && !inScreen && all.length >= PULL_END_BELOW) break;
    limit = inScreen ? Math.min(2 * limit, PULL_BATCH - all.length) : Math.max(1, (screen ? PULL_END_BELOW : PULL_BATCH) - all.length);
    res = await ask(res.checkpoint, limit);
    all.push(...res.documents);
  }
  return { documents: all, checkpoint: res.checkpoint, last: false };
}
