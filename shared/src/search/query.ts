/**
 * The search query's syntax tree. The grammar (parse.ts) turns what a user types into this;
 * everything downstream (the server's FTS5 parameters, the client's offline matcher) reads only
 * this tree, never the typed text.
 */

/** Free-text fields a `field:value` term may name (English identifiers; the Swedish names are in parse.ts). */
export const TEXT_FIELDS = ['title', 'description', 'sender', 'recipient', 'officer', 'process', 'documentType'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export type SearchField = TextField | 'number' | 'status' | 'direction' | 'date';

/**
 * Words and phrases as unicode61 tokens (case folded, å/ä/ö kept). A term matches a run of
 * consecutive tokens in one field; with `prefix`, the run's last token only has to start with
 * the last query token (words are prefix matched: "bygglov" finds "bygglovsansökan"; quoted
 * phrases are not).
 */
export interface TextTerm {
  kind: 'text';
  /** null: any text field, the number and other free text of the record. */
  field: TextField | null;
  tokens: readonly string[];
  prefix: boolean;
  negated: boolean;
}

/** A case or document number, normalised (see normaliseCaseNumberQuery). */
export interface NumberTerm {
  kind: 'number';
  /** Upper-case register prefix (`KS`), or null when the user left it out. */
  prefix: string | null;
  year: number;
  serial: number;
  /** A document's serial inside its case; null matches the case and all its documents. */
  documentSerial: number | null;
  negated: boolean;
}

/** Any of the record's dates (registered, received, dispatched, created, closed) inside [from, to]. */
export interface DateTerm {
  kind: 'date';
  /** Inclusive YYYY-MM-DD bounds; null is open. */
  from: string | null;
  to: string | null;
  negated: boolean;
}

/** `status:` and `riktning:` resolve to the stored enum values they name. */
export interface EnumTerm {
  kind: 'status' | 'direction';
  values: readonly string[];
  negated: boolean;
}

export type Term = TextTerm | NumberTerm | DateTerm | EnumTerm;

export interface Query {
  /** All non-negated terms must match; no negated term may. At least one term is not negated. */
  terms: readonly Term[];
}

export const SEARCH_ERROR_CODES = [
  /** More than MAX_QUERY_LENGTH characters typed. */
  'too_long',
  /** More than MAX_TERMS terms. */
  'too_many_terms',
  /** Nothing searchable (empty, only punctuation such as `*`). */
  'empty',
  /** Only `-exclusions`: that would list the whole register. */
  'only_exclusions',
  /** A `"` without its closing `"`. */
  'unbalanced_quote',
  /** `name:` where name is not a search field. */
  'unknown_field',
  /** `field:` followed by nothing. */
  'empty_value',
  /** `nummer:` with something that is not a case or document number. */
  'bad_number',
  /** `datum:` with an impossible date or an empty range. */
  'bad_date',
  /** `status:` or `riktning:` with a value that names none. */
  'unknown_value',
] as const;
export type SearchErrorCode = (typeof SEARCH_ERROR_CODES)[number];

export type ParseResult = { ok: true; query: Query } | { ok: false; error: SearchErrorCode; at?: number };

/** At most this many characters are read; a longer query is refused, not cut (cutting could change its meaning). */
export const MAX_QUERY_LENGTH = 500;
export const MAX_TERMS = 20;
