import type { MeetingRecord } from '../../model/meeting';
import { addDays, addYears } from '../dates';
import { isWorkingDay, nextWorkingDay } from '../working-days';

/**
 * Dates of the official notice board (anslagstavla, KL 2017:725 8 kap.) and of adjusting minutes.
 * All dates are calendar dates, YYYY-MM-DD; "today" is passed in.
 */

export interface AppealPeriod {
  /** The last day to appeal (laglighetsprövning, KL 13 kap.). */
  lastAppealDay: string;
  /** The first day the notice is no longer on the board. */
  takeDownOn: string;
}

/**
 * Three weeks from the posting day; a last day on a Saturday, Sunday, public holiday, midsummer,
 * Christmas or New Year's Eve moves to the next working day (lag 1930:173). The notice stays up
 * through the last day and comes down the day after.
 */
export function appealPeriod(postedOn: string): AppealPeriod {
  const threeWeeks = addDays(postedOn, 21);
  const lastAppealDay = isWorkingDay(threeWeeks) ? threeWeeks : nextWorkingDay(threeWeeks);
  return { lastAppealDay, takeDownOn: addDays(lastAppealDay, 1) };
}

/** The notice of adjusted minutes goes up no later than the second day after adjustment (KL 8 kap. 12 §). */
export function latestPostingDay(adjustedOn: string): string {
  return addDays(adjustedOn, 2);
}

/** The last day to adjust the minutes: fourteen days after the meeting (KL 5 kap. 69 §, 6 kap. for nämnder). */
export function adjustmentDeadline(meetingDate: string): string {
  return addDays(meetingDate, 14);
}

/** Past the deadline for adjusting the minutes (pass only meetings whose minutes are not adjusted). */
export function adjustmentOverdue(meetingDate: string, today: string): boolean {
  return today > adjustmentDeadline(meetingDate);
}

/**
 * Where a posting stands on a day: not yet posted, on the board, taken down (shown as such for a
 * year), or expired (taken down more than a year ago: no longer shown). A posting without a
 * take-down day stays current.
 */
export type PostingState = 'upcoming' | 'current' | 'taken_down' | 'expired';

export function postingState(posting: Pick<MeetingRecord, 'postedOn' | 'takeDownOn'>, today: string): PostingState {
  if (posting.postedOn === '' || today < posting.postedOn) return 'upcoming';
  if (posting.takeDownOn === '' || today < posting.takeDownOn) return 'current';
  return today <= addYears(posting.takeDownOn, 1) ? 'taken_down' : 'expired';
}
