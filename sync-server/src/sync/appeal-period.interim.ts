import { addDays } from '../../../shared/src';
import { isWorkingDay } from '../../../shared/src/rules/working-days';

/*
 * Stand-in until shared/src/rules/meetings/notice-board.ts (branch meeting-rules) is merged, with
 * the same names and results; removed then.
 */

/** Three weeks from the posting day, moved to the next working day (lag 1930:173); down the day after. */
export function appealPeriod(postedOn: string): { lastAppealDay: string; takeDownOn: string } {
  let lastAppealDay = addDays(postedOn, 21);
  while (!isWorkingDay(lastAppealDay)) lastAppealDay = addDays(lastAppealDay, 1);
  return { lastAppealDay, takeDownOn: addDays(lastAppealDay, 1) };
}

/** KL 8 kap. 12 §: posted no later than the second day after adjustment. */
export function latestPostingDay(adjustedOn: string): string {
  return addDays(adjustedOn, 2);
}
