import { addDays, parseIsoDate } from './dates';

// The Swedish working-day calendar: due dates and time limits count only the days offices are open.

/** Easter Sunday (Gregorian computus, Meeus/Jones/Butcher) as `YYYY-MM-DD`. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function dayOfWeek(date: string): number {
  const { y, m, d } = parseIsoDate(date);
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return t.getUTCDay();
}

/** The Saturday in [from, from+6] (midsommardagen, alla helgons dag). */
function saturdayFrom(from: string): string {
  let day = from;
  while (dayOfWeek(day) !== 6) day = addDays(day, 1);
  return day;
}

/**
 * Days on which a Swedish authority's offices are closed besides weekends: the public holidays
 * (lag 1989:253 om allmänna helgdagar) and midsummer, Christmas and New Year's Eve, which lag
 * 1930:173 treats like holidays for time limits.
 */
export function swedishNonWorkingDays(year: number): Set<string> {
  const y = String(year).padStart(4, '0');
  const easter = easterSunday(year);
  const midsummer = saturdayFrom(`${y}-06-20`);
  return new Set([
    `${y}-01-01`, // nyårsdagen
    `${y}-01-06`, // trettondedag jul
    addDays(easter, -2), // långfredagen
    easter, // påskdagen
    addDays(easter, 1), // annandag påsk
    `${y}-05-01`, // första maj
    addDays(easter, 39), // Kristi himmelsfärdsdag
    addDays(easter, 49), // pingstdagen
    `${y}-06-06`, // nationaldagen
    addDays(midsummer, -1), // midsommarafton
    midsummer, // midsommardagen
    saturdayFrom(`${y}-10-31`), // alla helgons dag
    `${y}-12-24`, // julafton
    `${y}-12-25`, // juldagen
    `${y}-12-26`, // annandag jul
    `${y}-12-31`, // nyårsafton
  ]);
}

export function isWorkingDay(date: string): boolean {
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6 && !swedishNonWorkingDays(parseIsoDate(date).y).has(date);
}

export function nextWorkingDay(date: string): string {
  let day = addDays(date, 1);
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}
