/**
 * Suggestions for masking (maskningsförslag): pure detectors over a string for the kinds of data a
 * masked copy usually hides. Every match carries a Swedish reason the UI shows next to it. Numbers
 * with a check digit (personnummer, samordningsnummer, bankgiro, plusgiro, IBAN) are only suggested
 * when the check digit holds, so dates, amounts and case numbers ("KS 2026-00042") are not.
 * Also the term search every masking by term uses: case-, whitespace-, soft-hyphen- and
 * hyphenation-insensitive, mapping each hit back to the original string.
 */

export const SENSITIVE_KINDS = [
  'personal-identity-number',
  'coordination-number',
  'phone',
  'email',
  'street-address',
  'postcode',
  'bank-account',
  'bankgiro',
  'plusgiro',
  'iban',
  'party-name',
  'shielded-value',
] as const;
export type SensitiveKind = (typeof SENSITIVE_KINDS)[number];

export interface SensitiveMatch {
  readonly kind: SensitiveKind;
  /** UTF-16 offsets into the searched string; `text` is `input.slice(start, end)`. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Swedish: why this is suggested. */
  readonly reason: string;
}

/** A value the caller knows is sensitive (a party's name, a shielded metadata value). */
export interface KnownSensitiveValue {
  readonly text: string;
  readonly kind: 'party-name' | 'shielded-value';
  readonly reason: string;
}

export const SENSITIVE_REASONS = {
  'personal-identity-number': 'Personnummer (kontrollsiffra stämmer)',
  'coordination-number': 'Samordningsnummer (kontrollsiffra stämmer)',
  phone: 'Telefonnummer',
  email: 'E-postadress',
  'street-address': 'Gatu- eller postboxadress',
  postcode: 'Postnummer och ort',
  'bank-account': 'Bankkontonummer (clearingnummer och kontonummer)',
  bankgiro: 'Bankgironummer (kontrollsiffra stämmer)',
  plusgiro: 'Plusgironummer (kontrollsiffra stämmer)',
  iban: 'IBAN-kontonummer (kontrollsumma stämmer)',
} as const satisfies Partial<Record<SensitiveKind, string>>;

// ---------------------------------------------------------------- normalisation and term search

/** A normalised string and, per normalised UTF-16 unit, the offset of its source character. */
export interface NormalizedText {
  readonly text: string;
  readonly sourceStart: readonly number[];
  readonly sourceEnd: readonly number[];
}

const IGNORABLE = /[\s\u00AD\u200B-\u200D\u2060\uFEFF]/u;
const HYPHENS = new Set(['-', '\u2010', '\u2011']);
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** True when the hyphen at `i` ends a line (only spaces between it and the break): a hyphenation. */
function isHyphenation(s: string, i: number): boolean {
  for (let j = i + 1; j < s.length; j++) {
    const ch = s[j]!;
    if (LINE_BREAK.test(ch)) return true;
    if (!/[ \t\u00A0]/.test(ch)) return false;
  }
  return false;
}

/**
 * Folds a string for term search: compatibility forms (ligatures "ﬁ" → "fi", full-width digits),
 * lower case, and drops whitespace, soft hyphens, zero-width characters and line-end hyphenation,
 * keeping where each remaining unit came from.
 */
export function normalizeWithMap(s: string): NormalizedText {
  let text = '';
  const sourceStart: number[] = [];
  const sourceEnd: number[] = [];
  for (let i = 0; i < s.length;) {
    const cp = s.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const next = i + ch.length;
    if (!IGNORABLE.test(ch) && !(HYPHENS.has(ch) && isHyphenation(s, i))) {
      const folded = ch.normalize('NFKC').toLowerCase();
      for (let k = 0; k < folded.length; k++) {
        if (IGNORABLE.test(folded[k]!)) continue;
        text += folded[k];
        sourceStart.push(i);
        sourceEnd.push(next);
      }
    }
    i = next;
  }
  return { text, sourceStart, sourceEnd };
}

/** The search form of a string: see `normalizeWithMap`. */
export function normalizeForSearch(s: string): string {
  return normalizeWithMap(s).text;
}

/** Every occurrence of `term` in `haystack` (search-normalised), as offsets into `haystack`. */
export function findTermOccurrences(haystack: string, term: string): { start: number; end: number }[] {
  const needle = normalizeForSearch(term);
  if (!needle) return [];
  const n = normalizeWithMap(haystack);
  const out: { start: number; end: number }[] = [];
  for (let at = n.text.indexOf(needle); at >= 0; at = n.text.indexOf(needle, at + 1)) {
    out.push({ start: n.sourceStart[at]!, end: n.sourceEnd[at + needle.length - 1]! });
  }
  return mergeRanges(out);
}

function mergeRanges(ranges: { start: number; end: number }[]): { start: number; end: number }[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const out: { start: number; end: number }[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

// ---------------------------------------------------------------- check digits

/** Luhn (mod 10) over a digit string, check digit last. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** ISO 13616 mod-97 check over an IBAN without spaces. */
export function ibanValid(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const v = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of v) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** 'personal' for a personnummer, 'coordination' (day + 60) for a samordningsnummer, else null. */
export function identityNumberKind(century: string | undefined, yymmdd: string, last4: string): 'personal' | 'coordination' | null {
  if (!luhnValid(yymmdd + last4)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const mm = Number(yymmdd.slice(2, 4));
  const rawDay = Number(yymmdd.slice(4, 6));
  const coordination = rawDay > 60;
  const day = coordination ? rawDay - 60 : rawDay;
  const years = century !== undefined ? [Number(century) * 100 + yy] : [1900 + yy, 2000 + yy];
  if (century !== undefined && (Number(century) < 18 || Number(century) > 20)) return null;
  if (!years.some((y) => validDate(y, mm, day))) return null;
  return coordination ? 'coordination' : 'personal';
}

// ---------------------------------------------------------------- detectors

type Candidate = Omit<SensitiveMatch, 'text'>;

function* matchAll(re: RegExp, s: string): Generator<RegExpExecArray> {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  for (let m = g.exec(s); m; m = g.exec(s)) {
    yield m;
    if (m[0].length === 0) g.lastIndex++;
  }
}

// Letters may touch the number ("pnr8112189876", "ABC8112189876"): only digits around it make it part of a longer number.
const IDENTITY = /(?<![\p{N}])(?:(\d{2})(\d{6})|(\d{6}))([-+]?)(\d{4})(?![\p{N}]|-\d)/u;

function identityNumbers(s: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of matchAll(IDENTITY, s)) {
    const kind = identityNumberKind(m[1], (m[2] ?? m[3])!, m[5]!);
    if (!kind) continue;
    const k = kind === 'personal' ? 'personal-identity-number' : 'coordination-number';
    out.push({ kind: k, start: m.index, end: m.index + m[0].length, reason: SENSITIVE_REASONS[k] });
  }
  return out;
}

/**
 * A run of digit groups separated by single spaces or hyphens, starting at a Swedish trunk prefix
 * (0, +46, 0046, optionally "(0)"); its digit count decides, trailing groups dropped when the run
 * swallowed a following number. A run that continues an earlier number is not a phone number.
 */
const PHONE = /(?<![\p{L}\p{N}+\-/.,])(?<!\p{N}[ -])(\+46|0046|0(?=[1-9]))[ -]?(?:\(0\)[ -]?)?(\d+(?:[ -]\d+)*)/u;

function phones(s: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of matchAll(PHONE, s)) {
    const international = m[1] !== '0';
    // The national significant number (without the trunk 0) has 7–9 digits.
    const [min, max] = [7, 9];
    const groups = [...matchAll(/\d+/, m[2]!)];
    const groupsStart = m.index + m[0].length - m[2]!.length;
    let digits = 0;
    let end = -1;
    for (const g of groups) {
      if (digits + g[0].length > max) break;
      digits += g[0].length;
      if (digits >= min) end = groupsStart + g.index + g[0].length;
    }
    if (end < 0) continue;
    if (international && m[2]!.startsWith('0')) continue;
    out.push({ kind: 'phone', start: m.index, end, reason: SENSITIVE_REASONS.phone });
  }
  return out;
}

const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;

function emails(s: string): Candidate[] {
  return [...matchAll(EMAIL, s)].map((m) => ({
    kind: 'email' as const,
    start: m.index,
    end: m.index + m[0].length,
    reason: SENSITIVE_REASONS.email,
  }));
}

const STREET_SUFFIXES = [
  'gatan',
  'gata',
  'vägen',
  'väg',
  'gränden',
  'gränd',
  'torget',
  'torg',
  'platsen',
  'plats',
  'plan',
  'stigen',
  'stig',
  'allén',
  'allé',
  'backen',
  'backe',
  'leden',
  'kajen',
  'esplanaden',
  'promenaden',
  'stråket',
  'slingan',
  'ringen',
  'gången',
  'hagen',
  'udden',
  'liden',
  'höjden',
  'parken',
  'bryggan',
  'kroken',
  'vägen',
].join('|');
const CAP = '[\\p{Lu}][\\p{L}]*';
const STREET = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(?:${CAP} ){0,3}[\\p{Lu}][\\p{L}]*?(?:${STREET_SUFFIXES})|(?:${CAP} ){1,3}(?:${STREET_SUFFIXES}))` +
    ` \\d{1,4}(?: ?[A-Ha-h](?![\\p{L}\\p{N}]))?(?:-\\d{1,4})?(?![\\p{L}\\p{N}])` +
    `|(?<![\\p{L}\\p{N}])(?:Box|Postbox) \\d{1,6}(?![\\p{L}\\p{N}])`,
  'u',
);
const POSTCODE = /(?<![\p{L}\p{N}\-.,])(?:SE-? ?)?[1-9]\d{2} ?\d{2} +\p{Lu}[\p{L}-]+(?: \p{Lu}[\p{L}-]+)?/u;

function addresses(s: string): Candidate[] {
  return [
    ...[...matchAll(STREET, s)].map((m) => ({
      kind: 'street-address' as const,
      start: m.index,
      end: m.index + m[0].length,
      reason: SENSITIVE_REASONS['street-address'],
    })),
    ...[...matchAll(POSTCODE, s)].map((m) => ({
      kind: 'postcode' as const,
      start: m.index,
      end: m.index + m[0].length,
      reason: SENSITIVE_REASONS.postcode,
    })),
  ];
}

/**
 * Clearing number (4 digits in the banks' range 1100–9969, Swedbank with a fifth "-d") and an
 * account of 7–10 digits. Banks' account check digits differ per bank and are not checked, so a
 * clearing number followed only by a space needs the word "konto" or "clearing" shortly before
 * (tables of 4-digit numbers are not accounts).
 */
const BANK_ACCOUNT = /(?<![\p{L}\p{N}\-+])([1-9]\d{3})(?:-\d)?(, ?|-| )(\d+(?:[ -]\d+)*)/u;
const BANK_CONTEXT = /(?:konto|clearing)[^\n]{0,40}$/iu;

function bankAccounts(s: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of matchAll(BANK_ACCOUNT, s)) {
    const clearing = Number(m[1]);
    if (clearing < 1100 || clearing > 9969) continue;
    if (m[2] === ' ' && !BANK_CONTEXT.test(s.slice(Math.max(0, m.index - 60), m.index))) continue;
    const digits = m[3]!.replace(/\D/g, '').length;
    if (digits < 7 || digits > 10) continue;
    out.push({ kind: 'bank-account', start: m.index, end: m.index + m[0].length, reason: SENSITIVE_REASONS['bank-account'] });
  }
  return out;
}

const BANKGIRO = /(?<![\p{L}\p{N}\-+])(\d{3,4})-(\d{4})(?![\p{N}]|-\d)/u;
const PLUSGIRO = /(?<![\p{L}\p{N}\-+])(\d{1,2}(?: \d{2}){1,3}|\d{4,7})-(\d)(?![\p{N}]|-\d)/u;

function giros(s: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of matchAll(BANKGIRO, s)) {
    if (luhnValid(m[1]! + m[2]!))
      out.push({ kind: 'bankgiro', start: m.index, end: m.index + m[0].length, reason: SENSITIVE_REASONS.bankgiro });
  }
  for (const m of matchAll(PLUSGIRO, s)) {
    const digits = m[1]!.replace(/ /g, '') + m[2]!;
    if (digits.length >= 5 && luhnValid(digits))
      out.push({ kind: 'plusgiro', start: m.index, end: m.index + m[0].length, reason: SENSITIVE_REASONS.plusgiro });
  }
  return out;
}

/** IBAN lengths of the countries a Swedish authority meets most; others try every valid length. */
const IBAN_LENGTHS: Record<string, number> = {
  SE: 24,
  NO: 15,
  DK: 18,
  FI: 18,
  DE: 22,
  GB: 22,
  FR: 27,
  ES: 24,
  NL: 18,
  PL: 28,
  EE: 20,
  IS: 26,
};
const IBAN_START = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?= ?[A-Z0-9])/u;

function ibans(s: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of matchAll(IBAN_START, s)) {
    // Collect up to 34 alphanumerics, allowing single spaces between them, with their end offsets.
    let compact = '';
    const ends: number[] = [];
    for (let i = m.index; i < s.length && compact.length < 34; i++) {
      const ch = s[i]!;
      if (/[A-Z0-9]/.test(ch)) {
        compact += ch;
        ends.push(i + 1);
      } else if (!(ch === ' ' && /[A-Z0-9]/.test(s[i + 1] ?? '') && /[A-Z0-9]/.test(s[i - 1] ?? ''))) break;
    }
    const known = IBAN_LENGTHS[compact.slice(0, 2)];
    const lengths = known ? [known] : Array.from({ length: 20 }, (_, k) => 34 - k);
    for (const len of lengths) {
      if (compact.length < len) continue;
      const end = ends[len - 1]!;
      if (/[\p{L}\p{N}]/u.test(s[end] ?? '')) continue;
      if (ibanValid(compact.slice(0, len))) {
        out.push({ kind: 'iban', start: m.index, end, reason: SENSITIVE_REASONS.iban });
        break;
      }
    }
  }
  return out;
}

/** Detector order is priority: where two detections overlap, the earlier kind wins. */
const DETECTORS: ((s: string) => Candidate[])[] = [identityNumbers, ibans, emails, bankAccounts, phones, giros, addresses];

/**
 * Every suggestion in `text`, sorted by position. Detections do not overlap one another; each
 * caller-supplied value is found wherever it occurs (search-normalised) and always kept.
 */
export function findSensitiveData(text: string, known: readonly KnownSensitiveValue[] = []): SensitiveMatch[] {
  const accepted: Candidate[] = [];
  for (const detect of DETECTORS) {
    for (const c of detect(text)) {
      if (!accepted.some((a) => c.start < a.end && a.start < c.end)) accepted.push(c);
    }
  }
  for (const v of known) {
    for (const r of findTermOccurrences(text, v.text)) accepted.push({ kind: v.kind, start: r.start, end: r.end, reason: v.reason });
  }
  return accepted.sort((a, b) => a.start - b.start || a.end - b.end).map((c) => ({ ...c, text: text.slice(c.start, c.end) }));
}
