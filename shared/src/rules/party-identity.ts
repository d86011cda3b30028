import type { Party, PartyKind } from '../model/party';
import { normalizeIdentityNumber } from './meetings/identity-number';
import { luhnValid } from './sensitive-data';

/**
 * The address book's identity numbers: a person's personnummer or samordningsnummer, an
 * organisation's organisationsnummer. Both are Luhn-checked; stored normalised (YYYYMMDD-NNNN and
 * NNNNNN-NNNN) so the same party is found however it was typed.
 */
export type PartyIdNumberResult = { ok: true; value: string } | { ok: false; error: 'personnummer_invalid' | 'orgnr_invalid' };

/** NNNNNN-NNNN, Luhn valid, the third digit 2 or more (a personnummer's month never is: that is how the two are told apart). */
export function normalizeOrganisationNumber(raw: string): string | null {
  const m = /^(?:16)?(\d{6})-?(\d{4})$/.exec(raw.replace(/\s+/g, ''));
  if (!m) return null;
  const digits = m[1]! + m[2]!;
  if (Number(digits[2]) < 2 || !luhnValid(digits)) return null;
  return `${m[1]}-${m[2]}`;
}

/** An identity number as typed for a party of `kind`; empty stays empty (it is optional). */
export function parsePartyIdNumber(kind: PartyKind, raw: string, today: string): PartyIdNumberResult {
  const text = raw.trim();
  if (text === '') return { ok: true, value: '' };
  if (kind === 'organisation') {
    const org = normalizeOrganisationNumber(text);
    // A sole trader's organisation number is their personnummer.
    const value = org ?? normalizeIdentityNumber(text, today);
    return value ? { ok: true, value } : { ok: false, error: 'orgnr_invalid' };
  }
  const value = normalizeIdentityNumber(text, today);
  return value ? { ok: true, value } : { ok: false, error: 'personnummer_invalid' };
}

const collator = new Intl.Collator('sv', { sensitivity: 'base' });

function startsWithWord(text: string, prefix: string): boolean {
  return text.split(/[\s,.()-]+/).some((w) => w.length >= prefix.length && collator.compare(w.slice(0, prefix.length), prefix) === 0);
}

/**
 * How well a party answers what the registrar typed (a name, an organisation number or
 * personnummer, an e-mail address): 0 no match, higher better. Digits are compared without
 * separators; names word by word, ignoring case and accents as Swedish sorting does (å, ä and ö
 * stay letters of their own).
 */
export function partyMatch(party: Pick<Party, 'name' | 'idNumber' | 'email'>, typed: string): number {
  const q = typed.trim();
  if (q === '') return 1;
  const digits = q.replace(/[\s+-]/g, '');
  if (/^\d{4,}$/.test(digits)) {
    const id = party.idNumber.replace(/[\s+-]/g, '');
    return id.includes(digits) || (digits.length === 10 && id.endsWith(digits)) ? 3 : 0;
  }
  if (q.includes('@')) return party.email.toLowerCase().startsWith(q.toLowerCase()) ? 3 : 0;
  const words = q.split(/\s+/);
  if (collator.compare(party.name.slice(0, q.length), q) === 0) return 3;
  return words.every((w) => startsWithWord(party.name, w)) ? 2 : 0;
}

/** The parties that match, best first, then by name in Swedish order; at most `limit`. */
export function matchParties<P extends Pick<Party, 'id' | 'name' | 'idNumber' | 'email'>>(
  parties: readonly P[],
  typed: string,
  limit = 20,
): P[] {
  const sv = new Intl.Collator('sv');
  return parties
    .map((p) => ({ p, score: partyMatch(p, typed) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || sv.compare(a.p.name, b.p.name) || (a.p.id < b.p.id ? -1 : 1))
    .slice(0, limit)
    .map((x) => x.p);
}
