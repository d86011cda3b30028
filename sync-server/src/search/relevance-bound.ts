import { relevanceOf, type Query } from '../../../shared/src/search';
import type { IndexText } from '../storage/search-index';
import { indexView } from '../storage/search-sql';

/**
 * The most relevance (`relevanceOf`) a candidate can have for this query, from its index text:
 * the index holds what is stored, withheld parts and names included, each field's texts joined
 * by newlines, and a projection only takes text away, so every run of tokens the user's view of
 * the record holds is in the index too, and the record as the user receives it scores at most
 * this. The service examines candidates in this order and stops once no unexamined one can
 * reach the page; it never shows or scores anything by the index text itself.
 */
export function relevanceBound(query: Query, text: IndexText): number {
  return relevanceOf(query, indexView(text));
}
