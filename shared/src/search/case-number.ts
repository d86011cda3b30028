/** A case or document number as a user may type it. */
export interface CaseNumberQuery {
  prefix: string | null;
  year: number;
  serial: number;
  documentSerial: number | null;
}

// Prefix (optional, may touch the year), 4-digit year, serial with or without leading zeros,
// optional document serial. Spaces around the hyphens are forgiven.
const NUMBER = /^(?:([A-ZÅÄÖ][A-ZÅÄÖ0-9-]{0,11}?)-? *)?(\d{4}) *- *0*(\d{1,5}) *(?:- *0*(\d{1,4}))?$/;

/**
 * "ks 2026-42", "KS2026-00042", "2026-42", "KS 2026-00042-3" → their parts; null when the text is
 * not a number. Forgives case, spaces, a missing prefix and leading zeros.
 */
export function normaliseCaseNumberQuery(text: string): CaseNumberQuery | null {
  const m = NUMBER.exec(text.normalize('NFC').trim().toUpperCase().replace(/\s+/g, ' '));
  if (!m) return null;
  const serial = Number(m[3]);
  const documentSerial = m[4] === undefined ? null : Number(m[4]);
  if (serial < 1 || documentSerial === 0) return null;
  return { prefix: m[1] ?? null, year: Number(m[2]), serial, documentSerial };
}

/**
 * Whether a stored number (`KS 2026-00042`, `KS 2026-00042-3`, `KSH 2026-00012`) is the one asked
 * for. Without a document serial the case's documents match too: they carry its number.
 */
export function caseNumberMatches(q: CaseNumberQuery, storedNumber: string): boolean {
  const n = normaliseCaseNumberQuery(storedNumber);
  if (!n || n.year !== q.year || n.serial !== q.serial) return false;
  if (q.prefix !== null && n.prefix !== q.prefix) return false;
  return q.documentSerial === null || n.documentSerial === q.documentSerial;
}
