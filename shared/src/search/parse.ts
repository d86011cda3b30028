import { CASE_STATUSES } from '../model/case';
import { DIRECTIONS, DOCUMENT_STATUSES } from '../model/document';
import { normaliseCaseNumberQuery } from './case-number';
import { parseDateBounds } from './dates';
import { MAX_QUERY_LENGTH, MAX_TERMS, type ParseResult, type SearchErrorCode, type SearchField, type Term, type TextField } from './query';
import { foldText, tokenize } from './tokens';

/**
 * The Swedish field names a user types before `:` (and spellings without å/ä/ö, as people type
 * them on foreign keyboards). English names are not accepted except `number`, which reads the same.
 */
export const FIELD_NAMES: Readonly<Record<string, SearchField>> = {
  nummer: 'number',
  number: 'number',
  rubrik: 'title',
  titel: 'title',
  beskrivning: 'description',
  avsändare: 'sender',
  avsandare: 'sender',
  mottagare: 'recipient',
  handläggare: 'officer',
  handlaggare: 'officer',
  process: 'process',
  handlingstyp: 'documentType',
  status: 'status',
  riktning: 'direction',
  datum: 'date',
};

const OPEN = ['draft', 'registered_unchecked', 'registered'];

/** Status words (Swedish labels in both genders, and the stored values) → stored values. */
const STATUS_VALUES: Readonly<Record<string, readonly string[]>> = {
  ...Object.fromEntries([...new Set([...CASE_STATUSES, ...DOCUMENT_STATUSES])].map((s) => [s, [s]])),
  utkast: ['draft'],
  'ej kvalitetssäkrad': ['registered_unchecked'],
  'ej kvalitetssäkrat': ['registered_unchecked'],
  okontrollerad: ['registered_unchecked'],
  okontrollerat: ['registered_unchecked'],
  registrerad: ['registered'],
  registrerat: ['registered'],
  öppen: OPEN,
  öppet: OPEN,
  pågående: OPEN,
  avslutad: ['closed'],
  avslutat: ['closed'],
  makulerad: ['annulled'],
  makulerat: ['annulled'],
  gallrad: ['disposed'],
  gallrat: ['disposed'],
  arkiverad: ['archived'],
  arkiverat: ['archived'],
};

const DIRECTION_VALUES: Readonly<Record<string, readonly string[]>> = {
  ...Object.fromEntries(DIRECTIONS.map((d) => [d, [d]])),
  inkommen: ['incoming'],
  inkommande: ['incoming'],
  in: ['incoming'],
  utgående: ['outgoing'],
  utgaende: ['outgoing'],
  ut: ['outgoing'],
  upprättad: ['created'],
  upprattad: ['created'],
  upprättat: ['created'],
};

/** One term as typed, before its value is read. `at` is its offset in the cleaned text. */
interface RawTerm {
  negated: boolean;
  field: string | null;
  value: string;
  quoted: boolean;
  at: number;
}

class QueryError extends Error {
  constructor(
    readonly code: SearchErrorCode,
    readonly at?: number,
  ) {
    super(code);
  }
}

/** Line breaks and tabs become spaces; other control and format characters (zero-width, bidi) go. */
function clean(text: string): string {
  return text.replace(/[\t\n\v\f\r\u0085\u2028\u2029]/g, ' ').replace(/[\p{Cc}\p{Cf}]/gu, '');
}

const SPACE = /\s/;

function fieldOf(name: string): SearchField | undefined {
  const key = foldText(name);
  return Object.hasOwn(FIELD_NAMES, key) ? FIELD_NAMES[key] : undefined;
}
const FIELD_PREFIX = /(\p{L}+):/uy;

function lex(s: string): RawTerm[] {
  const terms: RawTerm[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && SPACE.test(s[i]!)) i++;
    if (i >= s.length) break;
    const at = i;
    let negated = false;
    if (s[i] === '-' && i + 1 < s.length && !SPACE.test(s[i + 1]!)) {
      negated = true;
      i++;
    }
    let field: string | null = null;
    FIELD_PREFIX.lastIndex = i;
    const f = FIELD_PREFIX.exec(s);
    if (f) {
      const end = FIELD_PREFIX.lastIndex;
      if (end < s.length && !SPACE.test(s[end]!)) {
        field = f[1]!;
        i = end;
      } else if (fieldOf(f[1]!)) {
        throw new QueryError('empty_value', at);
      }
      // else "Re: bygglov": a word ending in a colon is plain text.
    }
    let value: string;
    let quoted = false;
    if (s[i] === '"') {
      const close = s.indexOf('"', i + 1);
      if (close < 0) throw new QueryError('unbalanced_quote', i);
      value = s.slice(i + 1, close);
      quoted = true;
      i = close + 1;
    } else {
      const start = i;
      while (i < s.length && !SPACE.test(s[i]!) && s[i] !== '"') i++;
      value = s.slice(start, i);
    }
    terms.push({ negated, field, value, quoted, at });
    if (terms.length > MAX_TERMS) throw new QueryError('too_many_terms', at);
  }
  return terms;
}

const BARE_NUMBER = /^\d{4}-\d{1,5}(?:-\d{1,4})?$/;
const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A word that reads as a register prefix when a number follows it ("ks 2026-42"). */
const PREFIX_WORD = /^\p{L}{1,5}$/u;

function textTerm(raw: RawTerm, field: TextField | null): Term | null {
  const tokens = tokenize(raw.value);
  if (tokens.length === 0) return null;
  return { kind: 'text', field, tokens, prefix: !raw.quoted, negated: raw.negated };
}

function enumTerm(raw: RawTerm, kind: 'status' | 'direction'): Term {
  const table = kind === 'status' ? STATUS_VALUES : DIRECTION_VALUES;
  const key = foldText(raw.value).trim().replace(/\s+/g, ' ');
  const values = Object.hasOwn(table, key) ? table[key] : undefined;
  if (!values) throw new QueryError('unknown_value', raw.at);
  return { kind, values, negated: raw.negated };
}

function fieldTerm(raw: RawTerm, field: SearchField): Term | null {
  switch (field) {
    case 'number': {
      const n = normaliseCaseNumberQuery(raw.value);
      if (!n) throw new QueryError('bad_number', raw.at);
      return { kind: 'number', ...n, negated: raw.negated };
    }
    case 'date': {
      const b = parseDateBounds(raw.value.trim());
      if (!b) throw new QueryError('bad_date', raw.at);
      return { kind: 'date', ...b, negated: raw.negated };
    }
    case 'status':
    case 'direction':
      return enumTerm(raw, field);
    default:
      return textTerm(raw, field);
  }
}

/** An unfielded, unquoted word: a date, a number, or text. */
function bareTerm(raw: RawTerm): Term | null {
  if (BARE_DATE.test(raw.value)) {
    const b = parseDateBounds(raw.value);
    if (b) return { kind: 'date', ...b, negated: raw.negated };
  }
  const n = normaliseCaseNumberQuery(raw.value);
  if (n) return { kind: 'number', ...n, negated: raw.negated };
  return textTerm(raw, null);
}

/** "ks 2026-42": a short word followed by a bare number is the number's register prefix. */
function prefixedNumber(raw: RawTerm, next: RawTerm | undefined): Term | null {
  if (next === undefined || raw.negated || next.field !== null || next.quoted || next.negated) return null;
  if (!PREFIX_WORD.test(raw.value) || !BARE_NUMBER.test(next.value) || BARE_DATE.test(next.value)) return null;
  const n = normaliseCaseNumberQuery(`${raw.value} ${next.value}`);
  return n ? { kind: 'number', ...n, negated: false } : null;
}

function interpret(raws: RawTerm[]): Term[] {
  const terms: Term[] = [];
  for (let k = 0; k < raws.length; k++) {
    const raw = raws[k]!;
    let term: Term | null;
    if (raw.field !== null) {
      const field = fieldOf(raw.field);
      if (!field) throw new QueryError('unknown_field', raw.at);
      // `nummer:KS 2026-42`: the prefix was typed with its space.
      const joined = field === 'number' && !raw.quoted ? prefixedNumber({ ...raw, negated: false }, raws[k + 1]) : null;
      if (joined) {
        term = { ...joined, negated: raw.negated };
        k++;
      } else {
        term = fieldTerm(raw, field);
      }
    } else if (raw.quoted) {
      term = textTerm(raw, null);
    } else {
      term = prefixedNumber(raw, raws[k + 1]);
      if (term) k++;
      else term = bareTerm(raw);
    }
    if (term) terms.push(term);
  }
  return terms;
}

/**
 * Parses a search query: words (prefix matched), "quoted phrases", field:value with the Swedish
 * field names in FIELD_NAMES, `datum:` ranges, `-term` to exclude, case numbers in any common
 * spelling. FTS5 syntax (`NEAR(`, `AND`, `OR`, `^`, `*`, `col:`) has no meaning here: it is
 * plain text, whose punctuation is dropped like any other. Never throws.
 */
export function parseQuery(text: string): ParseResult {
  if (text.length > MAX_QUERY_LENGTH) return { ok: false, error: 'too_long', at: MAX_QUERY_LENGTH };
  try {
    const raws = lex(clean(text));
    const terms = interpret(raws);
    if (terms.length === 0) return { ok: false, error: 'empty' };
    if (terms.every((t) => t.negated)) return { ok: false, error: 'only_exclusions' };
    return { ok: true, query: { terms } };
  } catch (e) {
    if (e instanceof QueryError) return e.at === undefined ? { ok: false, error: e.code } : { ok: false, error: e.code, at: e.at };
    throw e;
  }
}
