import type { FirstCursor } from '../protocol/messages';

/**
 * The first download of a windowed collection, in tiers (issue 15): the user's own open work,
 * then the register list newest first — its newest rows (tier 1) and the rest of the window
 * (tier 2) are one walk by (`newestKey`, id) — then the units whose head record changed after the
 * download began (tier 3, by sequence number: a unit that changes again only moves forward, so
 * none is passed over). The cursor names the last unit sent; the server resumes after it.
 */

import type { CollectionName } from '../collections';

/**
 * The collections whose first download goes in tiers: what the register list shows. The others
 * (files, flows, the actor register) follow the change sequence as before: walking every window
 * unit for their few records cost more than it gave (measured), and the list does not wait for them.
 */
export const TIERED_COLLECTIONS: ReadonlySet<CollectionName> = new Set(['cases', 'documents']);
/** Windowed collections the list does not read: the download of the rest goes on after the list is usable. */
export const BACKGROUND_COLLECTIONS: ReadonlySet<CollectionName> = new Set(['files', 'flows', 'audit']);

/** Rows of the list that make it usable: its newest rows, as the list's first page shows them. */
export const NEWEST_LIST_ROWS = 100;

export const FIRST_DOWNLOAD_START: FirstCursor = { tier: 0, key: '', id: '' };
const LIST_START: FirstCursor = { tier: 1, key: '', id: '' };
const CHANGED_START: FirstCursor = { tier: 3, key: '0', id: '' };

export type FirstDownloadPhase = 'own' | 'list' | 'changed';

export function phaseOf(cursor: FirstCursor): FirstDownloadPhase {
  return cursor.tier === 0 ? 'own' : cursor.tier === 3 ? 'changed' : 'list';
}

/** Where the next phase starts once this cursor's phase has no unit left; null after the last. */
export function nextPhaseStart(cursor: FirstCursor): FirstCursor | null {
  const phase = phaseOf(cursor);
  return phase === 'own' ? LIST_START : phase === 'list' ? CHANGED_START : null;
}

/**
 * The cursor after a unit of the list walk: tier 1 while its key is at or before the newest
 * rows' last key (`cutoff`, inverted time: ascending is newest first), else 2.
 */
export function listCursor(key: string, id: string, cutoff: string | null): FirstCursor {
  return { tier: cutoff !== null && key <= cutoff ? 1 : 2, key, id };
}

export function ownCursor(key: string, id: string): FirstCursor {
  return { tier: 0, key, id };
}

export function changedCursor(seq: number, id: string): FirstCursor {
  return { tier: 3, key: String(seq), id };
}

/** The sequence number a tier-3 cursor stands at (0 for anything that is not one: a forged key starts the tier over). */
export function changedAfter(cursor: FirstCursor): number {
  return cursor.tier === 3 && /^\d{1,15}$/.test(cursor.key) ? Number(cursor.key) : 0;
}

/** Whether a collection's download has passed its own open work and the list's newest rows (or ended). */
export function pastNewestRows(first: FirstCursor | undefined): boolean {
  return first === undefined || first.tier >= 2;
}
