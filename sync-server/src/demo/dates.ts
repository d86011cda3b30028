import { swedishDate } from '../../../shared/src';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * `swedishDate` for generators that date hundreds of thousands of records: shared's version builds
 * an `Intl.DateTimeFormat` per call (~0.1 ms), so this asks it once per UTC day.
 *
 * Swedish time is UTC+1 or UTC+2, so on UTC day D the hours 00–21 UTC are always Swedish day D and
 * 23 UTC is always day D+1; only 22 UTC depends on summer time, and that hour is asked of
 * `swedishDate` (then remembered).
 */
export function swedishDateCache(): (epochMs: number) => string {
  const utcDays = new Map<number, string>();
  const at22 = new Map<number, string>();
  const utcDate = (day: number): string => {
    let s = utcDays.get(day);
    if (s === undefined) {
      s = new Date(day * DAY).toISOString().slice(0, 10);
      utcDays.set(day, s);
    }
    return s;
  };
  return (epochMs) => {
    const day = Math.floor(epochMs / DAY);
    const hour = Math.floor((epochMs - day * DAY) / HOUR);
    if (hour < 22) return utcDate(day);
    if (hour === 23) return utcDate(day + 1);
    let s = at22.get(day);
    if (s === undefined) {
      s = swedishDate(day * DAY + 22 * HOUR);
      at22.set(day, s);
    }
    return s;
  };
}
