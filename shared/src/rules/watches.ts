import { isValidIsoDate } from './dates';

/**
 * Watches (bevakningar): a user's reminder on a case or document with a due date. The same rule
 * decides on the server (when a watch fires a notification) and in the client (the queue of due
 * and overdue watches, offline too). Dates are Swedish calendar dates (`swedishDate`).
 */

/** The longest note a watch keeps. */
export const MAX_WATCH_NOTE = 1000;

/** Years a due date may fall in: anything else is a typing error. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;

/** A due date the register accepts: a real `YYYY-MM-DD` day within the register's years. */
export function validDueDate(date: string): boolean {
  if (!isValidIsoDate(date)) return false;
  const year = Number(date.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

/** What the rule reads of a watch. */
export interface WatchDue {
  dueDate: string;
  /** When it was marked done (ms or an ISO string), or null. */
  doneAt: number | string | null;
}

/** done: marked done; overdue: due before today; due: due today; upcoming: later. */
export type WatchState = 'done' | 'overdue' | 'due' | 'upcoming';

export function watchState(watch: WatchDue, today: string): WatchState {
  if (watch.doneAt !== null) return 'done';
  if (watch.dueDate < today) return 'overdue';
  if (watch.dueDate === today) return 'due';
  return 'upcoming';
}

/** Due now: today or earlier and not done (what the queue shows and the server notifies once). */
export function isDue(watch: WatchDue, today: string): boolean {
  const state = watchState(watch, today);
  return state === 'due' || state === 'overdue';
}

/** The queue: due and overdue watches, the oldest due date first (ties in the order given). */
export function dueQueue<W extends WatchDue>(watches: readonly W[], today: string): W[] {
  return watches
    .map((w, i) => ({ w, i }))
    .filter(({ w }) => isDue(w, today))
    .sort((a, b) => (a.w.dueDate < b.w.dueDate ? -1 : a.w.dueDate > b.w.dueDate ? 1 : a.i - b.i))
    .map(({ w }) => w);
}

/** How many days a watch is overdue (0 when due today or later). */
export function daysOverdue(dueDate: string, today: string): number {
  const day = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.max(0, Math.round((day(today) - day(dueDate)) / 86_400_000));
}
