import type { Query, Term, TextTerm } from '../../../shared/src/search';
import { COLUMN_OF, type SearchedCollection } from './search-index';

/** A statement and its bound parameters: user input only ever travels in `params`. */
export interface BoundSql {
  sql: string;
  params: (string | number)[];
}

/** An FTS5 string: the tokens in double quotes (any quote doubled), `*` making the last a prefix. */
function ftsPhrase(term: TextTerm): string {
  const quoted = `"${term.tokens.join(' ').replaceAll('"', '""')}"${term.prefix ? '*' : ''}`;
  return term.field === null ? quoted : `${COLUMN_OF[term.field]} : ${quoted}`;
}

/**
 * The FTS5 MATCH expression of the query's plain text terms, ANDed; null when it has none.
 * Excluded words are NOT part of it: the index holds withheld text too, and leaving out records
 * for a word the user may not read would reveal that word. They are checked after projection.
 */
export function ftsMatchOf(query: Query): string | null {
  const phrases = query.terms.filter((t): t is TextTerm => t.kind === 'text' && !t.negated).map(ftsPhrase);
  return phrases.length ? phrases.join(' AND ') : null;
}

const DATE_COLUMNS = ['registered_date', 'received_date', 'dispatched_date', 'created_date', 'closed_date'] as const;

/** SQL over search_records for a metadata term (everyone who receives a record sees these). */
function metadataCondition(term: Exclude<Term, TextTerm>): BoundSql {
  switch (term.kind) {
    case 'number': {
      const parts = ['r.number_year = ?', 'r.number_serial = ?'];
      const params: (string | number)[] = [term.year, term.serial];
      if (term.prefix !== null) {
        parts.push('r.number_prefix = ?');
        params.push(term.prefix);
      }
      if (term.documentSerial !== null) {
        parts.push('r.number_doc_serial = ?');
        params.push(term.documentSerial);
      }
      return { sql: parts.join(' AND '), params };
    }
    case 'date': {
      // '' (no such date) sorts before every real date, so an open lower bound still skips it.
      const from = term.from ?? '0000-01-01';
      const to = term.to ?? '9999-12-31';
      return { sql: DATE_COLUMNS.map((c) => `r.${c} BETWEEN ? AND ?`).join(' OR '), params: DATE_COLUMNS.flatMap(() => [from, to]) };
    }
    case 'status':
    case 'direction':
      return { sql: `r.${term.kind} IN (${term.values.map(() => '?').join(', ')})`, params: [...term.values] };
  }
}

export interface CandidateScope {
  registerIds: readonly string[];
  collections: readonly SearchedCollection[];
}

/**
 * The candidates of a query, (about) newest first, at most `limit`: records in the scope whose stored
 * text matches every plain text term and whose metadata matches every metadata term (excluded
 * metadata too). A superset of the hits; the service decides on the projected records.
 */
export function candidateSql(query: Query, scope: CandidateScope, limit: number): BoundSql {
  const match = ftsMatchOf(query);
  const { where, params: scoped } = scopeAndMetadata(query, scope);
  const params = [...(match === null ? [] : [match]), ...scoped];
  // Read in an order an index gives, so LIMIT stops the read early instead of sorting every match:
  // words by the FTS rowid, newest indexed first (rowids grow as records are registered, see
  // migration 009); a number by its own index; other filters along the newest-first index.
  const numbered = query.terms.some((t) => t.kind === 'number' && !t.negated);
  const [from, order] =
    match !== null
      ? ['search_text t JOIN search_records r ON r.rowid = t.rowid AND search_text MATCH ?', 't.rowid DESC']
      : numbered
        ? ['search_records r', 'r.newest_key']
        : ['search_records r INDEXED BY search_records_newest', 'r.newest_key'];
  return {
    sql: `SELECT r.collection AS collection, r.record_id AS id, r.newest_key AS newestKey FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ?`,
    params: [...params, limit],
  };
}

/** The conditions on search_records `r` of the scope and of every metadata term (excluded ones too). */
function scopeAndMetadata(query: Query, scope: CandidateScope): { where: string[]; params: (string | number)[] } {
  const where = [
    `r.register_id IN (${scope.registerIds.map(() => '?').join(', ')})`,
    `r.collection IN (${scope.collections.map(() => '?').join(', ')})`,
  ];
  const params: (string | number)[] = [...scope.registerIds, ...scope.collections];
  for (const term of query.terms) {
    if (term.kind === 'text') continue;
    const c = metadataCondition(term);
    where.push(term.negated ? `NOT (${c.sql})` : `(${c.sql})`);
    params.push(...c.params);
  }
  return { where, params };
}

/**
 * The unfielded words and phrases a file's text must hold for its document to be found by it,
 * ANDed; null when the query has none (a file's text is found only by unfielded words).
 */
export function fileTextMatchOf(query: Query): string | null {
  const phrases = query.terms.filter((t): t is TextTerm => t.kind === 'text' && !t.negated && t.field === null).map(ftsPhrase);
  return phrases.length ? phrases.join(' AND ') : null;
}

/**
 * Documents whose newest file versions' text holds every unfielded word of the query, at most
 * `limit`, one row per matching file; their metadata must match the metadata terms. Read by the
 * FTS rowid, newest first (file_texts rows are numbered as files are first stored), so LIMIT
 * stops early. Fielded words are left to the service's check of the projected document.
 */
export function fileTextCandidateSql(query: Query, scope: CandidateScope, limit: number): BoundSql | null {
  const match = fileTextMatchOf(query);
  if (match === null || !scope.collections.includes('documents')) return null;
  const { where, params } = scopeAndMetadata(query, { ...scope, collections: ['documents'] });
  return {
    sql: `SELECT r.record_id AS id, r.newest_key AS newestKey, f.file_id AS fileId
      FROM file_text_fts t JOIN file_texts f ON f.rowid = t.rowid AND file_text_fts MATCH ?
      JOIN search_records r ON r.collection = 'documents' AND r.record_id = f.document_id
      WHERE f.state = 'ok' AND ${where.join(' AND ')} ORDER BY t.rowid DESC LIMIT ?`,
    params: [match, ...params, limit],
  };
}

/** The files of these documents whose indexed text holds this word or phrase (a term's field is ignored). */
export function filesWithTextSql(term: TextTerm, documentIds: readonly string[]): BoundSql {
  return {
    sql: `SELECT f.file_id AS fileId FROM file_text_fts t JOIN file_texts f ON f.rowid = t.rowid AND file_text_fts MATCH ?
      WHERE f.state = 'ok' AND f.document_id IN (${documentIds.map(() => '?').join(', ')})`,
    params: [ftsPhrase({ ...term, field: null }), ...documentIds],
  };
}
