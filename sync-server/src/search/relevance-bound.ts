import type { Query, TextTerm } from '../../../shared/src/search';
import { COLUMN_OF, type SEARCH_TEXT_COLUMNS } from '../storage/search-index';

type Column = (typeof SEARCH_TEXT_COLUMNS)[number];

/**
 * The index's columns grouped by the weight `relevanceOf` gives a word found in the field they
 * hold (its FIELD_WEIGHT), highest first.
 */
export const BOUND_GROUPS: readonly { columns: readonly Column[]; weight: number }[] = [
  { columns: ['number'], weight: 6 },
  { columns: ['title'], weight: 4 },
  { columns: ['sender', 'recipient'], weight: 3 },
  { columns: ['officer', 'process', 'document_type'], weight: 2 },
  { columns: ['description', 'other'], weight: 1 },
];

/** The most a case number term scores (`relevanceOf`: 12 for the exact record, 10 for the others carrying it). */
const NUMBER_WEIGHT = 12;

const weightOf = (column: Column) => BOUND_GROUPS.find((g) => g.columns.includes(column))!.weight;

/**
 * The most relevance (`relevanceOf`) a candidate can have for this query, from where its index
 * text holds each unfielded word (`inGroup`: the word is in one of the group's columns, as an
 * FTS5 query with a column filter tells). The index holds what is stored, withheld parts and
 * names included, and a projection only takes text away, so the record as the user receives it
 * scores at most this: a fielded word at most its field's weight, an unfielded one at most the
 * weight of the best group holding it (0 when none does: a document found by a file's text
 * alone scores nothing for that word), a number at most 12. The service examines
 * candidates in this order and stops once no unexamined one can reach the page; it never shows
 * or scores anything by the index itself.
 */
export function relevanceBound(query: Query, inGroup: (term: TextTerm, group: number) => boolean): number {
  let bound = 0;
  for (const t of query.terms) {
    if (t.negated) continue;
    if (t.kind === 'number') bound += NUMBER_WEIGHT;
    else if (t.kind === 'text' && t.field !== null) bound += weightOf(COLUMN_OF[t.field]);
    else if (t.kind === 'text') {
      const group = BOUND_GROUPS.findIndex((_, i) => inGroup(t, i));
      bound += group === -1 ? 0 : BOUND_GROUPS[group]!.weight;
    }
  }
  return bound;
}

/** The words whose groups the bound asks for: the query's plain unfielded words and phrases. */
export function boundTerms(query: Query): TextTerm[] {
  return query.terms.filter((t): t is TextTerm => t.kind === 'text' && !t.negated && t.field === null);
}
