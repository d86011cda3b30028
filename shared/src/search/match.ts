import { caseNumberMatches } from './case-number';
import { TEXT_FIELDS, type Query, type Term, type TextTerm } from './query';
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

function textsOf(term: TextTerm, r: SearchableRecord): readonly string[] {
  if (term.field !== null) return r[term.field];
  return [r.number, ...TEXT_FIELDS.flatMap((f) => r[f]), ...r.other];
}

function termMatches(term: Term, r: SearchableRecord): boolean {
  switch (term.kind) {
    case 'text':
      return textsOf(term, r).some((text) => runMatches(term, tokenize(text)));
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
