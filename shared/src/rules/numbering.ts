/** Case numbers: `<prefix> <year>-<5-digit serial>`, e.g. `KS 2026-00042`. */
export function formatCaseNumber(prefix: string, year: number, serial: number): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > 99999) throw new RangeError(`serial out of range: ${serial}`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`year out of range: ${year}`);
  return `${prefix} ${year}-${String(serial).padStart(5, '0')}`;
}

/** Documents in a case: `KS 2026-00042-3`. */
export function formatDocumentNumber(caseNumber: string, serial: number): string {
  if (!Number.isInteger(serial) || serial < 1) throw new RangeError(`serial out of range: ${serial}`);
  return `${caseNumber}-${serial}`;
}

/** Free-standing documents use their own series, in the same shape as cases. */
export const formatFreeDocumentNumber = formatCaseNumber;

export interface ParsedNumber {
  prefix: string;
  year: number;
  serial: number;
  documentSerial: number | null;
}

const NUMBER_RE = /^([A-ZÅÄÖ0-9-]+) (\d{4})-(\d{5})(?:-(\d+))?$/;

/** Parses case and document numbers; tolerant of case and surrounding space as users type them. */
export function parseNumber(text: string): ParsedNumber | null {
  const m = NUMBER_RE.exec(text.trim().toUpperCase());
  if (!m) return null;
  return {
    prefix: m[1]!,
    year: Number(m[2]),
    serial: Number(m[3]),
    documentSerial: m[4] === undefined ? null : Number(m[4]),
  };
}

/** Newest-first sort key: RxDB sorts indexes ascending only, so the time is inverted. */
export function newestKey(epochMs: number): string {
  const inverted = 9_999_999_999_999 - Math.max(0, Math.floor(epochMs));
  return String(inverted).padStart(13, '0');
}

/** A short reference shown (with a "provisional" label) until the server assigns the number. */
export function provisionalRef(id: string): string {
  return `${id
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 6)
    .toUpperCase()}`;
}
