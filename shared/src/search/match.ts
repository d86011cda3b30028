import { caseNumberMatches, normaliseCaseNumberQuery } from './case-number';
import { TEXT_FIELDS, type Query, type Term, type TextField, type TextTerm } from './query';
import type { SearchableRecord } from './searchable';
import { tokenize } from './tokens';

/** Whether `tokens` holds the term's tokens consecutively (the last one as a prefix for words). */
function runMatches(term: TextTerm, tokens: readonly string[]): boolean {
  const want = term.tokens;
  const last = want.length - 1;
  outer: for (let i = 0; i + want.length <= tokens.length; i++) {
    for (let j = 0; j < want.length; j++) {
      const t = tokens[i + j]!;
      const ok = j === last && term.prefix ? t.startsWith(want[j]!) : t === want[j];
      if (!ok) continue outer;
    }
    return true;
  }
  return false;
}

/** Tokens of a record's texts, kept while the record object lives: matching and scoring read them again. */
const tokenCache = new WeakMap<SearchableRecord, Map<string, string[]>>();

function tokensOf(r: SearchableRecord, text: string): string[] {
  let known = tokenCache.get(r);
  if (!known) tokenCache.set(r, (known = new Map()));
  let tokens = known.get(text);
  if (!tokens) known.set(text, (tokens = tokenize(text)));
  return tokens;
}

function textsOf(term: TextTerm, r: SearchableRecord): readonly string[] {
  if (term.field !== null) return r[term.field];
  return [r.number, ...TEXT_FIELDS.flatMap((f) => r[f]), ...r.other];
}

function termMatches(term: Term, r: SearchableRecord): boolean {
  switch (term.kind) {
    case 'text':
      return textsOf(term, r).some((text) => runMatches(term, tokensOf(r, text)));
    case 'number':
      return caseNumberMatches(term, r.number);
    case 'date':
      return r.dates.some((d) => d !== '' && (term.from === null || d >= term.from) && (term.to === null || d <= term.to));
    case 'status':
      return term.values.includes(r.status);
    case 'direction':
      return term.values.includes(r.direction);
  }
}

/**
 * The query's meaning over one record: every plain term matches, no `-term` does. The client's
 * offline search uses it, and the server re-checks every FTS candidate with it against the record
 * as projected for the user, so a hit never rests on something the user may not read.
 */
export function matchesQuery(query: Query, record: SearchableRecord): boolean {
  return query.terms.every((t) => termMatches(t, record) !== t.negated);
}

/** How much a word found in a field says about the record: its number and title most. */
const FIELD_WEIGHT: Readonly<Record<TextField | 'number' | 'other', number>> = {
  number: 6,
  title: 4,
  sender: 3,
  recipient: 3,
  documentType: 2,
  process: 2,
  officer: 2,
  description: 1,
  other: 1,
};

function textScore(term: TextTerm, r: SearchableRecord): number {
  const fields = term.field !== null ? [term.field] : (['number', ...TEXT_FIELDS, 'other'] as const);
  let best = 0;
  for (const f of fields) {
    const texts = f === 'number' ? [r.number] : r[f];
    if (FIELD_WEIGHT[f] > best && texts.some((t) => runMatches(term, tokensOf(r, t)))) best = FIELD_WEIGHT[f];
  }
  return best;
}

/**
 * Relevance of a record that matches the query, from what the record shows (never from the index,
 * which holds withheld text too): per plain term, the weight of the best field it is found in; an
 * exact number counts most. Ties are for the caller to break (newest first).
 */
export function relevanceOf(query: Query, record: SearchableRecord): number {
  let score = 0;
  for (const t of query.terms) {
    if (t.negated) continue;
    if (t.kind === 'text') score += textScore(t, record);
    // The case itself before the documents that carry its number.
    else if (t.kind === 'number') score += normaliseCaseNumberQuery(record.number)?.documentSerial === t.documentSerial ? 12 : 10;
  }
  return score;
}
