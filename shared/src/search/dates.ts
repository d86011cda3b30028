/** Date bounds for `datum:` values: YYYY, YYYY-MM or YYYY-MM-DD, as ranges and comparisons. */

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

interface Span {
  first: string;
  last: string;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first and last day a year, month or day covers; null when it is no real date. */
export function dateSpan(text: string): Span | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1000) return null;
  if (m[2] === undefined) return { first: iso(year, 1, 1), last: iso(year, 12, 31) };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  if (m[3] === undefined) return { first: iso(year, month, 1), last: iso(year, month, daysIn(year, month)) };
  const day = Number(m[3]);
  if (day < 1 || day > daysIn(year, month)) return null;
  const d = iso(year, month, day);
  return { first: d, last: d };
}

function shift(isoDate: string, days: number): string {
  const t = new Date(`${isoDate}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

export interface DateBounds {
  from: string | null;
  to: string | null;
}

/** `2026-01-01..2026-03-31`, `2026..`, `..2026-03`, `>=2026-01-01`, `<2026`, `2026-03` → inclusive bounds. */
export function parseDateBounds(value: string): DateBounds | null {
  const range = /^([^.]*)\.\.([^.]*)$/.exec(value);
  if (range) {
    const from = range[1] === '' ? null : dateSpan(range[1]!);
    const to = range[2] === '' ? null : dateSpan(range[2]!);
    if (from === null && to === null) return null;
    if ((range[1] !== '' && !from) || (range[2] !== '' && !to)) return null;
    const bounds = { from: from?.first ?? null, to: to?.last ?? null };
    return bounds.from !== null && bounds.to !== null && bounds.from > bounds.to ? null : bounds;
  }
  const cmp = /^(>=|<=|>|<)(.+)$/.exec(value);
  if (cmp) {
    const span = dateSpan(cmp[2]!);
    if (!span) return null;
    switch (cmp[1]) {
      case '>=':
        return { from: span.first, to: null };
      case '>':
        return { from: shift(span.last, 1), to: null };
      case '<=':
        return { from: null, to: span.last };
      default:
        return { from: null, to: shift(span.first, -1) };
    }
  }
  const span = dateSpan(value);
  return span ? { from: span.first, to: span.last } : null;
}
