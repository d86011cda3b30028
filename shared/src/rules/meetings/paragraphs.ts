import type { MeetingRecord } from '../../model/meeting';

/**
 * The agenda's order and its § numbers. Items carry a free `ordinal` (not an index) so that
 * moving one item changes one record, and two coordinators reordering offline merge; ties (two
 * items dropped on the same spot offline) are broken by id, the same on every device.
 */

type Ordered = Pick<MeetingRecord, 'id' | 'ordinal'>;

/** The agenda order: by ordinal, then by id (code-unit order, not locale: the same everywhere). */
export function orderAgenda<T extends Ordered>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.ordinal - b.ordinal || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The gap left between neighbours, a power of two so that halving stays exact for long. */
export const ORDINAL_STEP = 1024;
/** The bounds of `ordinal` in the record model. */
const ORDINAL_LIMIT = 1e9;

/**
 * An ordinal strictly between two neighbours' (either may be missing: first or last place).
 * Throws a RangeError when none is left (equal neighbours, or halved to the limit of precision):
 * `reorderAgenda` then renumbers.
 */
export function ordinalBetween(prev?: number, next?: number): number {
  let ordinal: number;
  if (prev === undefined && next === undefined) ordinal = ORDINAL_STEP;
  else if (next === undefined) ordinal = prev! + ORDINAL_STEP <= ORDINAL_LIMIT ? prev! + ORDINAL_STEP : (prev! + ORDINAL_LIMIT) / 2;
  else if (prev === undefined) ordinal = next - ORDINAL_STEP >= -ORDINAL_LIMIT ? next - ORDINAL_STEP : (next - ORDINAL_LIMIT) / 2;
  else ordinal = (prev + next) / 2;
  const fits = (prev === undefined || prev < ordinal) && (next === undefined || ordinal < next) && Math.abs(ordinal) <= ORDINAL_LIMIT;
  if (!fits) throw new RangeError(`no ordinal left between ${prev} and ${next}`);
  return ordinal;
}

/**
 * Moves an item to a place on the agenda (0 = first; past the end = last) by keyboard or mouse.
 * Returns the ordinals to write: usually the moved item's alone; every item renumbered
 * (ORDINAL_STEP apart) only when no ordinal is left between the new neighbours. An unknown item
 * or a move to where it already is writes nothing.
 */
export function reorderAgenda(items: readonly Ordered[], itemId: string, toIndex: number): Map<string, number> {
  const ordered = orderAgenda(items);
  const from = ordered.findIndex((i) => i.id === itemId);
  if (from < 0) return new Map();
  const [moved] = ordered.splice(from, 1);
  const to = Math.max(0, Math.min(Math.trunc(toIndex), ordered.length));
  if (to === from) return new Map();
  try {
    return new Map([[itemId, ordinalBetween(ordered[to - 1]?.ordinal, ordered[to]?.ordinal)]]);
  } catch {
    ordered.splice(to, 0, moved!);
    const changes = new Map<string, number>();
    ordered.forEach((item, i) => {
      if (item.ordinal !== (i + 1) * ORDINAL_STEP) changes.set(item.id, (i + 1) * ORDINAL_STEP);
    });
    return changes;
  }
}

/** § numbers continuing from the body's last § of the year, one per item in agenda order. */
export function paragraphNumbers(priorMaxInYear: number, items: readonly Ordered[]): Map<string, number> {
  return new Map(orderAgenda(items).map((item, i) => [item.id, priorMaxInYear + 1 + i]));
}

/**
 * The highest § already fixed in the body's other meetings of the same calendar year dated
 * before the meeting or on the same day (§ numbers run per body and calendar year); 0 when none.
 */
export function priorMaxParagraph(
  allItemsOfBody: readonly Pick<MeetingRecord, 'bodyId' | 'meetingId' | 'paragraph'>[],
  meetingsOfBody: readonly Pick<MeetingRecord, 'id' | 'bodyId' | 'date'>[],
  meeting: Pick<MeetingRecord, 'id' | 'bodyId' | 'date'>,
): number {
  const year = meeting.date.slice(0, 4);
  const earlier = new Set(
    meetingsOfBody
      .filter((m) => m.id !== meeting.id && m.bodyId === meeting.bodyId && m.date !== '')
      .filter((m) => m.date.slice(0, 4) === year && m.date <= meeting.date)
      .map((m) => m.id),
  );
  let max = 0;
  for (const item of allItemsOfBody) {
    if (item.bodyId === meeting.bodyId && earlier.has(item.meetingId)) max = Math.max(max, item.paragraph);
  }
  return max;
}
