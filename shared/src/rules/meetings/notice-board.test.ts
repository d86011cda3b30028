import { describe, expect, it } from 'vitest';
import { easterSunday } from '../working-days';
import { adjustmentDeadline, adjustmentOverdue, appealPeriod, latestPostingDay, postingState } from './notice-board';

// An oracle written apart from working-days.ts and dates.ts: Gauss's Easter algorithm, the
// holidays from their definitions, day arithmetic on UTC milliseconds.
const DAY = 86_400_000;
const ms = (date: string) => Date.parse(`${date}T00:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const plus = (date: string, days: number) => iso(ms(date) + days * DAY);
const weekday = (date: string) => new Date(ms(date)).getUTCDay();

function gaussEaster(y: number): string {
  const a = y % 19;
  const b = y % 4;
  const c = y % 7;
  const k = Math.floor(y / 100);
  const p = Math.floor((13 + 8 * k) / 25);
  const q = Math.floor(k / 4);
  const M = (15 - p + k - q) % 30;
  const N = (4 + k - q) % 7;
  const d = (19 * a + M) % 30;
  const e = (2 * b + 4 * c + 6 * d + N) % 7;
  if (d === 29 && e === 6) return `${y}-04-19`;
  if (d === 28 && e === 6 && (11 * M + 11) % 30 < 19) return `${y}-04-18`;
  return plus(`${y}-03-22`, d + e);
}

/** The Saturday in the week starting on the date. */
const saturdayFrom = (date: string) => plus(date, (6 - weekday(date) + 7) % 7);

function holidays(y: number): Record<string, string> {
  const easter = gaussEaster(y);
  const midsummerDay = saturdayFrom(`${y}-06-20`);
  return {
    'New Year’s Day': `${y}-01-01`,
    Epiphany: `${y}-01-06`,
    'Good Friday': plus(easter, -2),
    'Easter Sunday': easter,
    'Easter Monday': plus(easter, 1),
    'First of May': `${y}-05-01`,
    'Ascension Day': plus(easter, 39),
    'Whit Sunday': plus(easter, 49),
    'National Day': `${y}-06-06`,
    'Midsummer Eve': plus(midsummerDay, -1),
    'Midsummer Day': midsummerDay,
    'All Saints’ Day': saturdayFrom(`${y}-10-31`),
    'Christmas Eve': `${y}-12-24`,
    'Christmas Day': `${y}-12-25`,
    'Boxing Day': `${y}-12-26`,
    'New Year’s Eve': `${y}-12-31`,
  };
}

const closed = new Set<string>();
for (let y = 2025; y <= 2037; y++) for (const d of Object.values(holidays(y))) closed.add(d);
const open = (date: string) => weekday(date) !== 0 && weekday(date) !== 6 && !closed.has(date);
const firstOpenFrom = (date: string): string => (open(date) ? date : firstOpenFrom(plus(date, 1)));

const YEARS = Array.from({ length: 10 }, (_, i) => 2026 + i);

describe('the oracle', () => {
  it('agrees with the calendar’s Easter, and with a few dates checked by hand', () => {
    for (const y of YEARS) expect(gaussEaster(y), String(y)).toBe(easterSunday(y));
    expect(gaussEaster(2026)).toBe('2026-04-05');
    expect(gaussEaster(2030)).toBe('2030-04-21');
    expect(gaussEaster(2035)).toBe('2035-03-25');
  });
});

describe('appealPeriod', () => {
  const cases = YEARS.flatMap((y) => Object.entries(holidays(y)).map(([name, day]) => ({ y, name, day })));

  it.each(cases)('$y $name ($day): a last day on it moves to the next working day', ({ day }) => {
    const postedOn = plus(day, -21);
    const expected = firstOpenFrom(day);
    expect(expected > day).toBe(true);
    expect(appealPeriod(postedOn)).toEqual({ lastAppealDay: expected, takeDownOn: plus(expected, 1) });
  });

  it.each(YEARS)('%i: every posting day of the year, weekends included', (y) => {
    for (let posted = `${y}-01-01`; posted <= `${y}-12-31`; posted = plus(posted, 1)) {
      const expected = firstOpenFrom(plus(posted, 21));
      expect(appealPeriod(posted), posted).toEqual({ lastAppealDay: expected, takeDownOn: plus(expected, 1) });
    }
  });

  it.each([
    // posted, last day of appeal: checked against a calendar
    ['2026-02-02', '2026-02-23'], // Monday to Monday, three weeks, nothing moves
    ['2026-02-07', '2026-03-02'], // a Saturday → Monday
    ['2026-02-08', '2026-03-02'], // a Sunday → Monday
    ['2026-12-03', '2026-12-28'], // Christmas Eve (Thu), Christmas, weekend
    ['2027-03-05', '2027-03-30'], // Good Friday 2027, Easter weekend, Easter Monday
    ['2026-05-29', '2026-06-22'], // Midsummer Eve 2026, Midsummer weekend
    ['2026-04-23', '2026-05-15'], // Ascension Day 2026 (Thu) → Friday
    ['2030-12-10', '2031-01-02'], // New Year's Eve (Tue) and Day
    ['2026-05-16', '2026-06-08'], // National Day on a Saturday
    ['2027-12-16', '2028-01-07'], // Epiphany (Thu) → Friday
    ['2033-06-03', '2033-06-27'], // Midsummer Eve 2033
  ])('spot check: posted %s → last day %s', (posted, last) => {
    expect(appealPeriod(posted).lastAppealDay).toBe(last);
  });
});

describe('adjustment and posting deadlines', () => {
  it('posts no later than the second day after adjustment, across months and years', () => {
    expect(latestPostingDay('2026-03-12')).toBe('2026-03-14');
    expect(latestPostingDay('2026-02-27')).toBe('2026-03-01');
    expect(latestPostingDay('2026-12-30')).toBe('2027-01-01');
  });

  it('adjusts within fourteen days of the meeting; overdue from the fifteenth', () => {
    expect(adjustmentDeadline('2026-03-10')).toBe('2026-03-24');
    expect(adjustmentOverdue('2026-03-10', '2026-03-10')).toBe(false);
    expect(adjustmentOverdue('2026-03-10', '2026-03-24')).toBe(false);
    expect(adjustmentOverdue('2026-03-10', '2026-03-25')).toBe(true);
    expect(adjustmentOverdue('2026-12-22', '2027-01-05')).toBe(false);
    expect(adjustmentOverdue('2026-12-22', '2027-01-06')).toBe(true);
  });
});

describe('postingState', () => {
  const posting = { postedOn: '2026-03-12', takeDownOn: '2026-04-03' };
  it.each([
    ['2026-03-11', 'upcoming'],
    ['2026-03-12', 'current'],
    ['2026-04-02', 'current'],
    ['2026-04-03', 'taken_down'],
    ['2027-04-03', 'taken_down'],
    ['2027-04-04', 'expired'],
  ] as const)('on %s it is %s', (today, state) => {
    expect(postingState(posting, today)).toBe(state);
  });

  it('is upcoming until posted, and current while it has no take-down day', () => {
    expect(postingState({ postedOn: '', takeDownOn: '' }, '2030-01-01')).toBe('upcoming');
    expect(postingState({ postedOn: '2026-01-01', takeDownOn: '' }, '2030-01-01')).toBe('current');
  });

  it('counts the year of a take-down on 29 February to 28 February', () => {
    const leap = { postedOn: '2028-02-08', takeDownOn: '2028-02-29' };
    expect(postingState(leap, '2029-02-28')).toBe('taken_down');
    expect(postingState(leap, '2029-03-01')).toBe('expired');
  });

  it('agrees with appealPeriod: current through the last day of appeal, taken down the day after', () => {
    const { lastAppealDay, takeDownOn } = appealPeriod('2026-12-03');
    const p = { postedOn: '2026-12-03', takeDownOn };
    expect(postingState(p, lastAppealDay)).toBe('current');
    expect(postingState(p, takeDownOn)).toBe('taken_down');
  });
});
