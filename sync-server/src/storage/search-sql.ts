import { matchesQuery, type Query, type SearchableRecord, type Term, type TextTerm } from '../../../shared/src/search';
import { COLUMN_OF, SEARCH_TEXT_COLUMNS, type IndexText, type SearchedCollection } from './search-index';

/** A statement and its bound parameters: user input only ever travels in `params`. */
export interface BoundSql {
  sql: string;
  params: (string | number)[];
}

/** An FTS5 string: the tokens in double quotes (any quote doubled), `*` making the last a prefix. */
function quoted(term: TextTerm): string {
  return `"${term.tokens.join(' ').replaceAll('"', '""')}"${term.prefix ? '*' : ''}`;
}

/** The term's FTS5 phrase, filtered to its field's column if it has one. */
function ftsPhrase(term: TextTerm): string {
  return term.field === null ? quoted(term) : `${COLUMN_OF[term.field]} : ${quoted(term)}`;
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
  /**
   * Who asks, for what their content access opens (storage/search-access.ts): their reader keys
   * ('u:<id>', 'g:<groupId>') and whether their second factor is fresh. Without it (tests of the
   * index alone) every row counts as open.
   */
  reader?: { keys: readonly string[]; fresh: boolean };
}

/**
 * A row's index text by its rowid, read only where needed (a closed row's metadata, the words of
 * a document found by some words in its files): reading every candidate's text was most of the
 * cost of a search.
 */
export const INDEX_TEXT_SQL = `SELECT ${SEARCH_TEXT_COLUMNS.join(', ')} FROM search_text WHERE rowid = ?`;

/**
 * Rows a statement may read per candidate it is to find: rows closed to the reader that cannot be
 * hits are passed over (they take no place in the window), up to this bound on the work.
 */
export const SCAN_FACTOR = 20;

/**
 * Whether the user may read the content of row `r` (`a` its search_access row if restricted, see
 * RESTRICTED_JOIN), as 1 or 0: not
 * restricted by itself or its case, or named on it or its case with a fresh second factor
 * (rules/access.ts). Without a reader every row counts as open.
 */
function openColumn(reader: CandidateScope['reader']): BoundSql {
  if (!reader) return { sql: '1', params: [] };
  if (!reader.fresh || reader.keys.length === 0) return { sql: '(a.rowid IS NULL)', params: [] };
  const keys = reader.keys.map(() => '?').join(', ');
  return {
    sql: `(a.rowid IS NULL
      OR EXISTS (SELECT 1 FROM search_readers x WHERE x.record_rowid = r.rowid AND x.reader IN (${keys}))
      OR EXISTS (SELECT 1 FROM search_records c JOIN search_readers x ON x.record_rowid = c.rowid
        WHERE c.collection = 'cases' AND c.record_id = a.case_id AND x.reader IN (${keys})))`,
    params: [...reader.keys, ...reader.keys],
  };
}

/**
 * The row's `search_access` row `a` if it is restricted (by itself or its case), else none: looked
 * up in the partial index of restricted rows (migration 031), smaller than the table of every row.
 */
const RESTRICTED_JOIN = 'LEFT JOIN search_access a INDEXED BY search_access_restricted ON a.rowid = r.rowid AND a.restricted = 1';

/** A candidate row as read: `open` 1 when the reader may read its content (see openColumn). */
export type CandidateRow<T> = T & { open: number };

/**
 * The statement reading the candidates of a query, (about) newest first: records in the scope
 * whose metadata matches every metadata term (excluded metadata too) and whose index text matches
 * every plain text term, each with its index text and whether the reader may open it. Read
 * through `acceptCandidate`, which passes over the rows closed to the reader whose words are in
 * content they cannot see. A superset of the hits; the service decides on the projected records.
 * With words it is a `WindowSql` paged by the FTS rowid (readWindow).
 */
export function candidateSql(query: Query, scope: CandidateScope, limit: number): WindowSql {
  const match = ftsMatchOf(query);
  const { where, params: scoped } = scopeAndMetadata(query, scope);
  const open = openColumn(scope.reader);
  // Only the rowid, order key and open flag (read as arrays in this order): which record a row holds
  // is read for the candidates a search examines (INDEXED_RECORDS_SQL); reading it for every row
  // read was half this read's cost.
  const select = `SELECT r.rowid AS rowid, r.newest_key AS newestKey, ${open.sql} AS open`;
  if (match === null) {
    // Metadata terms only: every reader of the register receives what they test, so every row counts.
    // Read in an order an index gives, so LIMIT stops the read early instead of sorting every match:
    // a number by its own index; other filters along the newest-first index.
    const numbered = query.terms.some((t) => t.kind === 'number' && !t.negated);
    const from = numbered ? 'search_records r' : 'search_records r INDEXED BY search_records_newest';
    return {
      sql: `${select} FROM ${from} ${RESTRICTED_JOIN}
        WHERE ${where.join(' AND ')} ORDER BY r.newest_key LIMIT ?`,
      params: [...open.params, ...scoped, limit],
      pagedBy: null,
    };
  }
  // Words by the FTS rowid, newest indexed first (rowids grow as records are registered, see migration 009).
  // CROSS JOIN keeps the FTS table outermost: with the page's rowid bound SQLite may otherwise walk
  // another table's rowids and ask the FTS index once per row (seen: the file text window, minutes).
  return {
    sql: `${select} FROM search_text t CROSS JOIN search_records r ON r.rowid = t.rowid AND search_text MATCH ?
      ${RESTRICTED_JOIN}
      WHERE ${where.join(' AND ')} AND t.rowid < ? ORDER BY t.rowid DESC LIMIT ?`,
    params: [...open.params, match, ...scoped, FIRST_PAGE, scope.reader ? limit * SCAN_FACTOR : limit],
    pagedBy: 0,
  };
}

/** Before every rowid: the first page of a window. */
const FIRST_PAGE = Number.MAX_SAFE_INTEGER;

/**
 * A window's statement. Paged (`pagedBy` the column of its order key, a rowid unique in the read,
 * newest first): its last two parameters are the key to read before (exclusive; the first page's
 * is before every row) and the most rows to read in all. Not paged (null): read once, its last
 * parameter the rows to read.
 */
export interface WindowSql extends BoundSql {
  pagedBy: number | null;
}

/**
 * The first `limit` rows `accept` takes from the rows `read` gives (a page of the window: the rows
 * after `before`, at most `count`), reading no more than the window's bound and no further than
 * needed: each page asks only for as many rows as are still wanted, so it never reads past the
 * last one taken. Pages are read whole (better-sqlite3's `all`): iterating row by row cost a third
 * of the 100k register's window read (1,000 rows: 4.6 → 3.3 ms CPU).
 */
export function readWindow<R extends readonly unknown[], T>(
  window: WindowSql,
  read: (params: readonly (string | number)[]) => R[],
  accept: (row: R) => T | null,
  limit: number,
): T[] {
  const out: T[] = [];
  if (window.pagedBy === null) {
    for (const row of read(window.params)) {
      const c = accept(row);
      if (c !== null && out.push(c) >= limit) break;
    }
    return out;
  }
  const fixed = window.params.slice(0, -2);
  let before = window.params.at(-2) as number;
  let budget = window.params.at(-1) as number;
  while (out.length < limit && budget > 0) {
    const count = Math.min(limit - out.length, budget);
    const rows = read([...fixed, before, count]);
    for (const row of rows) {
      const c = accept(row);
      if (c !== null) out.push(c);
    }
    budget -= rows.length;
    if (rows.length < count) break;
    before = rows[rows.length - 1]![window.pagedBy] as number;
  }
  return out;
}

/** The FTS5 columns every reader of a register receives of any of its records (the fields they come from are `metadata`). */
const METADATA_COLUMNS: readonly string[] = ['number', 'officer', 'process', 'document_type'];

const one = (text: string) => (text === '' ? [] : [text]);

/** What search sees of a row's index text (a field's texts joined as one). */
export function indexView(text: IndexText): SearchableRecord {
  return {
    collection: 'documents',
    number: text.number,
    title: one(text.title),
    description: one(text.description),
    sender: one(text.sender),
    recipient: one(text.recipient),
    officer: one(text.officer),
    process: one(text.process),
    documentType: one(text.document_type),
    other: one(text.other),
    status: '',
    direction: '',
    dates: [],
  };
}

/** What every reader of a register receives of a row's index text: its metadata columns. */
export const METADATA_TEXT_SQL = `SELECT ${SEARCH_TEXT_COLUMNS.map((c) => (METADATA_COLUMNS.includes(c) ? c : `'' AS ${c}`)).join(', ')}
  FROM search_text WHERE rowid = ?`;

/**
 * A row as a candidate, or null when it is closed to the reader and its words are not all in
 * what the reader receives of it (its metadata columns, `shownText`, read for closed rows only):
 * it cannot be a hit, and must not take a place in the window.
 */
export function acceptCandidate<T extends { rowid: number }>(
  query: Query,
  row: CandidateRow<T>,
  shownText: (rowid: number) => IndexText,
): T | null {
  // The row itself, its `open` left on it: a copy per row without it cost more than the read (up to 20,000 rows a search).
  if (row.open === 1) return row;
  const words = { terms: query.terms.filter((t) => t.kind === 'text' && !t.negated) };
  return matchesQuery(words, indexView(shownText(row.rowid))) ? row : null;
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

/** The query's unfielded words and phrases: each may be found in a document's metadata or in the text of one of its files. */
export function fileWordsOf(query: Query): TextTerm[] {
  return query.terms.filter((t): t is TextTerm => t.kind === 'text' && !t.negated && t.field === null);
}

/**
 * The unfielded words and phrases a file's text must hold for its document to be found by that
 * file alone, ANDed (`any`: ORed, for documents whose metadata holds the rest); null when the
 * query has none (a file's text is found only by unfielded words).
 */
export function fileTextMatchOf(query: Query, any = false): string | null {
  const phrases = fileWordsOf(query).map(ftsPhrase);
  return phrases.length ? phrases.join(any ? ' OR ' : ' AND ') : null;
}

/** The records index rows hold, by rowid (a JSON array of rowids): read only for the candidates a search examines. */
export const INDEXED_RECORDS_SQL =
  'SELECT rowid, collection, record_id AS id FROM search_records WHERE rowid IN (SELECT value FROM json_each(?))';

/** The file ids of file text rows, by rowid (a JSON array of rowids). */
export const INDEXED_FILES_SQL = 'SELECT rowid, file_id AS fileId FROM file_texts WHERE rowid IN (SELECT value FROM json_each(?))';

/**
 * Documents by the text of their newest file versions, one row per matching file (`fileRowid`),
 * with the document's index rowid (file_texts.record_rowid) and whether the reader may open the
 * document (`open`; a file of a document they cannot open is never theirs to read, so only open
 * rows are taken); their
 * metadata must match the metadata terms. `any` false: files holding every unfielded word;
 * true: files holding at least one (fileTextCoverage decides which documents the rest of the
 * words are in). Read by the FTS rowid, newest first (file_texts rows are numbered as files are
 * first stored), so LIMIT stops early. Fielded words are left to the service's check of the
 * projected document.
 */
export function fileTextCandidateSql(query: Query, scope: CandidateScope, limit: number, any = false): WindowSql | null {
  const match = fileTextMatchOf(query, any);
  if (match === null || !scope.collections.includes('documents')) return null;
  const { where, params } = scopeAndMetadata(query, { ...scope, collections: ['documents'] });
  const open = openColumn(scope.reader);
  return {
    // Read as arrays in this column order (storage/sqlite-reads.ts). CROSS JOIN: see candidateSql.
    sql: `SELECT r.rowid AS rowid, r.newest_key AS newestKey, ft.rowid AS fileRowid, ${open.sql} AS open
      FROM file_text_fts ft CROSS JOIN file_texts f ON f.rowid = ft.rowid AND file_text_fts MATCH ?
      JOIN search_records r ON r.rowid = f.record_rowid
      ${RESTRICTED_JOIN}
      WHERE f.state = 'ok' AND ${where.join(' AND ')} AND ft.rowid < ? ORDER BY ft.rowid DESC LIMIT ?`,
    params: [...open.params, match, ...params, FIRST_PAGE, scope.reader ? limit * SCAN_FACTOR : limit],
    pagedBy: 2,
  };
}

/** The file rows in [from, to] (file_text_fts rowids) whose text holds this word or phrase (its field ignored). */
export function fileRowsWithTextSql(term: TextTerm, from: number, to: number): BoundSql {
  return {
    sql: 'SELECT rowid FROM file_text_fts WHERE file_text_fts MATCH ? AND rowid BETWEEN ? AND ?',
    params: [ftsPhrase({ ...term, field: null }), from, to],
  };
}

/** A file row read by fileTextCandidateSql with `any`, and which of the query's file words (fileWordsOf) its text holds. */
export interface FileRowWords<T> {
  row: T & { rowid: number; fileRowid: number; text: IndexText };
  words: ReadonlySet<number>;
}

/**
 * Of files read with `any`, those of documents where every file word is found, each in the
 * document's index text or in one of these files' text, with the words each file gives (a file
 * giving none is left out). The service re-checks each word on the projected document and the
 * files the user may read.
 */
export function fileTextCoverage<T>(query: Query, files: readonly FileRowWords<T>[]): FileRowWords<T>[] {
  const words = fileWordsOf(query);
  const byDocument = new Map<number, FileRowWords<T>[]>();
  for (const f of files) byDocument.set(f.row.rowid, [...(byDocument.get(f.row.rowid) ?? []), f]);
  const out: FileRowWords<T>[] = [];
  for (const docFiles of byDocument.values()) {
    const view = indexView(docFiles[0]!.row.text);
    const covered = words.every((w, i) => docFiles.some((f) => f.words.has(i)) || matchesQuery({ terms: [w] }, view));
    if (covered) out.push(...docFiles.filter((f) => f.words.size > 0));
  }
  return out;
}

/**
 * The index rows in [from, to] holding this word or phrase in one of these columns (an FTS5
 * column filter), for the relevance bound (search/relevance-bound.ts).
 */
export function rowsWithTextInSql(term: TextTerm, columns: readonly string[], from: number, to: number): BoundSql {
  return {
    sql: 'SELECT rowid FROM search_text WHERE search_text MATCH ? AND rowid BETWEEN ? AND ?',
    params: [`{${columns.join(' ')}} : ${quoted(term)}`, from, to],
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
