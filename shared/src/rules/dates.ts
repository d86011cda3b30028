/** Pure calendar arithmetic on `YYYY-MM-DD` strings (no time zones involved). */

export function parseIsoDate(date: string): { y: number; m: number; d: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

export function formatIsoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A UTC midnight; unlike Date.UTC, years 0–99 are not taken as 1900–1999. */
function utcDay(y: number, monthIndex: number, d: number): Date {
  const t = new Date(0);
  t.setUTCFullYear(y, monthIndex, d);
  return t;
}

function daysInMonth(y: number, m: number): number {
  return utcDay(y, m, 0).getUTCDate();
}

/** Adds whole years; 29 February falls back to 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const { y, m, d } = parseIsoDate(date);
  const ny = y + years;
  return formatIsoDate(ny, m, Math.min(d, daysInMonth(ny, m)));
}

/** Adds whole months (negative to go back); a day past the new month's end is clamped to it (31 March − 1 month = 28/29 February). */
export function addMonths(date: string, months: number): string {
  const { y, m, d } = parseIsoDate(date);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  return formatIsoDate(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function addDays(date: string, days: number): string {
  const { y, m, d } = parseIsoDate(date);
  const t = utcDay(y, m - 1, d + days);
  return formatIsoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** The calendar date of an instant in Sweden (Europe/Stockholm), as the register records it. */
const STOCKHOLM_DATE = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function swedishDate(epochMs: number): string {
  // The formatter is built once: constructing one per call costs ~0.15 ms.
  const parts = STOCKHOLM_DATE.formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return formatIsoDate(get('year'), get('month'), get('day'));
}

export function isValidIsoDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}
