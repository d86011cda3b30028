import type { FirstCursor } from '../protocol/messages';

/**
 * The first download of a windowed collection, in phases (issue 15), each a walk in the list's
 * order (`newestKey`, id) except the last:
 * - tier 1, the first screen: the user's newest own open work (a screenful) and the list's newest
 *   rows, merged into one walk; the list is usable once it is in;
 * - tier 0, the rest of the own open work, walked again from the start;
 * - tier 2, the rest of the window: the list walked again from the start, own open work left out;
 * - tier 3, the units whose head record changed after the download began (by sequence number: a
 *   unit that changes again only moves forward, so none is passed over).
 * Tiers 0 and 2 start over rather than after the first screen: its bounds are counted again at
 * each step and may move while the download runs, and what is sent twice is harmless while what
 * is skipped would be lost. The cursor names the last unit sent; the server resumes after it.
 * (Tier numbers keep the meaning a stored cursor of the earlier order had, so one resumes.)
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

/** What the first screen holds: a screenful of the user's newest own open units, and the list's newest rows (its first page). */
export interface FirstScreen {
  ownUnits: number;
  listRows: number;
}
export const FIRST_SCREEN: FirstScreen = { ownUnits: 50, listRows: 100 };

export const FIRST_DOWNLOAD_START: FirstCursor = { tier: 1, key: '', id: '' };
const OWN_REST_START: FirstCursor = { tier: 0, key: '', id: '' };
const LIST_REST_START: FirstCursor = { tier: 2, key: '', id: '' };
const CHANGED_START: FirstCursor = { tier: 3, key: '0', id: '' };

export type FirstDownloadPhase = 'screen' | 'own' | 'list' | 'changed';

const PHASE_OF_TIER: readonly FirstDownloadPhase[] = ['own', 'screen', 'list', 'changed'];

export function phaseOf(cursor: FirstCursor): FirstDownloadPhase {
  return PHASE_OF_TIER[cursor.tier]!;
}

/** Where the next phase starts once this cursor's phase has no unit left; null after the last. */
export function nextPhaseStart(cursor: FirstCursor): FirstCursor | null {
  switch (phaseOf(cursor)) {
    case 'screen':
      return OWN_REST_START;
    case 'own':
      return LIST_REST_START;
    case 'list':
      return CHANGED_START;
    case 'changed':
      return null;
  }
}

/** The cursor after a unit (`key` its `newestKey`, or for tier 3 its head record's sequence number). */
export function cursorAfter(phase: FirstDownloadPhase, key: string, id: string): FirstCursor {
  return { tier: PHASE_OF_TIER.indexOf(phase), key, id };
}

/** The sequence number a tier-3 cursor stands at (0 for anything that is not one: a forged key starts the tier over). */
export function changedAfter(cursor: FirstCursor): number {
  return cursor.tier === 3 && /^\d{1,15}$/.test(cursor.key) ? Number(cursor.key) : 0;
}

/** Whether a collection's download has passed the first screen (or ended). */
export function pastFirstScreen(first: FirstCursor | undefined): boolean {
  return first === undefined || phaseOf(first) !== 'screen';
}

/** A unit in a walk: its id and its place in the list's order. */
export interface WalkUnit {
  unit: string;
  key: string;
}

const before = (a: WalkUnit, b: WalkUnit) => a.key < b.key || (a.key === b.key && a.unit < b.unit);

/**
 * Where a part of the first screen ends: its last unit's place in the list's order. A bound by key
 * alone would let every unit sharing the last key in (rows stamped in the same millisecond), so the
 * screen's list part would hold more than its rows; with the id it holds exactly them.
 */
export interface ScreenBound {
  key: string;
  id: string;
}

/** The bound of a part made of these units (in the list's order), at most `n` of them: its `n`th unit, or its last; null when empty. */
export function boundOf(units: readonly WalkUnit[], n: number): ScreenBound | null {
  const last = units[Math.min(n, units.length) - 1];
  return last ? { key: last.key, id: last.unit } : null;
}

/** Whether a unit comes after a cursor's place in the list's order. */
export function isAfter(u: WalkUnit, at: ScreenBound): boolean {
  return u.key > at.key || (u.key === at.key && u.unit > at.id);
}

/** Whether a unit lies within a part's bound (at or before it in the list's order). */
export function withinBound(u: WalkUnit, bound: ScreenBound): boolean {
  return u.key < bound.key || (u.key === bound.key && u.unit <= bound.id);
}

/**
 * The first screen's next units: the own open units and the list's newest units (each sorted in
 * the list's order, each already bounded) merged in that order, a unit in both taken once, at most
 * `limit` of them.
 */
export function mergeScreen(own: readonly WalkUnit[], list: readonly WalkUnit[], limit: number): WalkUnit[] {
  const out: WalkUnit[] = [];
  let i = 0;
  let j = 0;
  while (out.length < limit && (i < own.length || j < list.length)) {
    const a = own[i];
    const b = list[j];
    const next = a && (!b || before(a, b) || a.unit === b.unit) ? a : b!;
    if (a && next.unit === a.unit) i++;
    if (b && next.unit === b.unit) j++;
    out.push(next);
  }
  return out;
}
