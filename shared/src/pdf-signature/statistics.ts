/** Signature counts for reports: per calendar month (Swedish time) and per signer. */

export interface SignatureRecord {
  /** Who signed, as shown (e.g. the certificate's common name). */
  readonly signer: string;
  /** When, as an ISO 8601 instant. */
  readonly signedAt: string;
}

export interface SignatureStatistics {
  /** `YYYY-MM` in Europe/Stockholm, ascending. */
  readonly perMonth: readonly { readonly month: string; readonly count: number }[];
  /** Most signatures first; ties in Swedish alphabetical order. */
  readonly perSigner: readonly { readonly signer: string; readonly count: number }[];
}

const STOCKHOLM_MONTH = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit' });
const SWEDISH = new Intl.Collator('sv');

function stockholmMonth(instant: string): string {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) throw new RangeError(`not an ISO instant: ${instant}`);
  const parts = STOCKHOLM_MONTH.formatToParts(t);
  return `${parts.find((p) => p.type === 'year')?.value}-${parts.find((p) => p.type === 'month')?.value}`;
}

function tally(keys: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

export function signatureStatistics(records: readonly SignatureRecord[]): SignatureStatistics {
  const months = tally(records.map((r) => stockholmMonth(r.signedAt)));
  const signers = tally(records.map((r) => r.signer));
  return {
    perMonth: [...months].map(([month, count]) => ({ month, count })).sort((a, b) => a.month.localeCompare(b.month)),
    perSigner: [...signers]
      .map(([signer, count]) => ({ signer, count }))
      .sort((a, b) => b.count - a.count || SWEDISH.compare(a.signer, b.signer)),
  };
}
