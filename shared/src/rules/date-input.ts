import { formatIsoDate } from './dates';

/** Why a typed date is not one; the UI words each in Swedish. */
export type DateInputProblem = 'format' | 'month' | 'day' | 'year';

export type DateInput = { ok: true; date: string } | { ok: false; problem: DateInputProblem };

/** Years a register's dates fall in; anything outside is a typing error (0226, 20266). */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;

/**
 * A date as Swedish registrars type it: `2026-03-05` (ÅÅÅÅ-MM-DD), also `20260305`, `2026-3-5`
 * or with dots or spaces between the parts. Empty text is '' (optional fields decide whether
 * that is allowed). A day that does not exist (2026-02-30) is refused, not rolled over.
 */
export function parseDateInput(text: string): DateInput | { ok: true; date: '' } {
  const s = text.trim();
  if (s === '') return { ok: true, date: '' };
  const m = /^(\d{4})(?:[-. ]?(\d{2})[-. ]?(\d{2})|[-. ](\d{1,2})[-. ](\d{1,2}))$/.exec(s);
  if (!m) return { ok: false, problem: 'format' };
  const y = Number(m[1]);
  const month = Number(m[2] ?? m[4]);
  const day = Number(m[3] ?? m[5]);
  if (y < FIRST_YEAR || y > LAST_YEAR) return { ok: false, problem: 'year' };
  if (month < 1 || month > 12) return { ok: false, problem: 'month' };
  const last = new Date(Date.UTC(y, month, 0)).getUTCDate();
  if (day < 1 || day > last) return { ok: false, problem: 'day' };
  return { ok: true, date: formatIsoDate(y, month, day) };
}
