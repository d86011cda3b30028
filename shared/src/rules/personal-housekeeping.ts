/**
 * How long the server keeps the bookkeeping of personal lists. Without limits the notification
 * and applied-op tables only grow: a subscriber to busy cases gets a notification per document.
 * - a notification the user has read is kept 90 days after it was read;
 * - any notification, read or not, is kept a year;
 * - an applied op id is kept a year: a client's queue is sent on reconnect, so only a queue held
 *   offline for longer than that could be applied twice (its ops are puts and removals, which
 *   apply the same state again).
 */
export const READ_NOTIFICATION_DAYS = 90;
export const NOTIFICATION_DAYS = 365;
export const APPLIED_OP_DAYS = 365;

const DAY_MS = 86_400_000;

/** Times (ms) before which rows go. */
export interface HousekeepingCutoffs {
  /** Notifications read before this. */
  readBefore: number;
  /** Notifications made before this, read or not. */
  notifiedBefore: number;
  /** Applied op ids recorded before this. */
  appliedBefore: number;
}

export function housekeepingCutoffs(nowMs: number): HousekeepingCutoffs {
  return {
    readBefore: nowMs - READ_NOTIFICATION_DAYS * DAY_MS,
    notifiedBefore: nowMs - NOTIFICATION_DAYS * DAY_MS,
    appliedBefore: nowMs - APPLIED_OP_DAYS * DAY_MS,
  };
}
