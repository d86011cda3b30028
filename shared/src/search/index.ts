/**
 * Search: the query grammar (parseQuery → Query), what a record offers to search
 * (SearchableRecord), and the query's meaning over one record (matchesQuery). Pure; the server
 * builds its FTS5 parameters from the Query, the client searches its replica with matchesQuery.
 */
export { caseNumberMatches, normaliseCaseNumberQuery, type CaseNumberQuery } from './case-number';
export { matchesQuery, relevanceOf } from './match';
export { FIELD_NAMES, parseQuery } from './parse';
export {
  MAX_QUERY_LENGTH,
  MAX_TERMS,
  SEARCH_ERROR_CODES,
  TEXT_FIELDS,
  type DateTerm,
  type EnumTerm,
  type NumberTerm,
  type ParseResult,
  type Query,
  type SearchErrorCode,
  type SearchField,
  type Term,
  type TextField,
  type TextTerm,
} from './query';
export {
  MAX_SEARCH_LIMIT,
  MAX_SEARCH_OFFSET,
  SEARCH_API,
  SEARCH_COLLECTIONS,
  SEARCH_REQUEST_ERRORS,
  SearchRequest,
  type SearchCollection,
  type SearchHit,
  type SearchResponse,
} from './protocol';
export { caseSearchable, documentSearchable, type SearchNames, type SearchableRecord } from './searchable';
export { foldText, tokenize } from './tokens';
