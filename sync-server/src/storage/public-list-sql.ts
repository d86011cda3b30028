import { tokenize, type CaseNumberQuery } from '../../../shared/src/search';
import type { BoundSql } from './search-sql';

/** What the public register list asks for: registered documents in a date range, optionally by number and words. */
export interface PublicListQuery {
  /** Registration dates, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
  number: CaseNumberQuery | null;
  /** Words of the title or description, each a prefix, all required. */
  words: string;
  /** Registers to read; null: every register (the public list covers them all). */
  registerIds: readonly string[] | null;
  /**
   * Whether rows the index knows are restricted are read too: the publisher's preview lists them as
   * blocked; the public list has no use for them (the gate would block each one).
   */
  includeRestricted: boolean;
  /** Registers kept off the public list (register_publication): their documents are never read. */
  excludeRegisterIds?: readonly string[];
  /** Only these documents ("Publicerade handlingar": the published ones); absent: any. */
  onlyIds?: readonly string[];
}

/** A place in the list's order (registration date newest first, then newest registered first): where a page ends. */
export interface PublicListPosition {
  registeredDate: string;
  newestKey: string;
  id: string;
}

/** The statuses of a document on the list: registered (checked or not), annulled, archived (its metadata stays public). */
export const LISTED_STATUSES = ['registered_unchecked', 'registered', 'annulled', 'archived'] as const;

/** At most this many words are searched for: more would only slow the match. */
export const MAX_WORDS = 8;

/** The FTS5 expression of the words: each a prefix in the title or description column; null when there are none. */
export function publicWordsMatch(words: string): string | null {
  const tokens = tokenize(words).slice(0, MAX_WORDS);
  return tokens.length ? tokens.map((t) => `{title description} : "${t.replaceAll('"', '""')}"*`).join(' AND ') : null;
}

/**
 * Documents for the public register list after `after`, in list order, at most `limit`: candidates
 * only, read from the search index (migration 009, index 013); every one passes the publication
 * gate on the stored record before anything of it is shown.
 */
export function publicListSql(q: PublicListQuery, after: PublicListPosition | null, limit: number): BoundSql {
  const where = [
    "r.collection = 'documents'",
    `r.status IN (${LISTED_STATUSES.map(() => '?').join(', ')})`,
    'r.registered_date BETWEEN ? AND ?',
  ];
  const params: (string | number)[] = [...LISTED_STATUSES, q.from, q.to];
  if (q.registerIds) {
    where.push(`r.register_id IN (${q.registerIds.map(() => '?').join(', ') || "''"})`);
    params.push(...q.registerIds);
  }
  if (q.excludeRegisterIds?.length) {
    where.push(`r.register_id NOT IN (${q.excludeRegisterIds.map(() => '?').join(', ')})`);
    params.push(...q.excludeRegisterIds);
  }
  if (q.onlyIds) {
    where.push(`r.record_id IN (${q.onlyIds.map(() => '?').join(', ') || "''"})`);
    params.push(...q.onlyIds);
  }
  if (!q.includeRestricted) where.push('NOT EXISTS (SELECT 1 FROM search_access a WHERE a.rowid = r.rowid AND a.restricted = 1)');
  if (q.number) {
    where.push('r.number_year = ?', 'r.number_serial = ?');
    params.push(q.number.year, q.number.serial);
    if (q.number.prefix !== null) {
      where.push('r.number_prefix = ?');
      params.push(q.number.prefix);
    }
    if (q.number.documentSerial !== null) {
      where.push('r.number_doc_serial = ?');
      params.push(q.number.documentSerial);
    }
  }
  if (after) {
    where.push('(r.registered_date < ? OR (r.registered_date = ? AND (r.newest_key > ? OR (r.newest_key = ? AND r.record_id > ?))))');
    params.push(after.registeredDate, after.registeredDate, after.newestKey, after.newestKey, after.id);
  }
  const match = publicWordsMatch(q.words);
  const select = 'SELECT r.record_id AS id, r.registered_date AS registeredDate, r.newest_key AS newestKey';
  const order = 'ORDER BY r.registered_date DESC, r.newest_key, r.record_id LIMIT ?';
  // Words: from their matches (sorted; fewer than the documents); a number: by its own index (a
  // handful of rows); else along the list's order (index 013), stopping at the page's end.
  if (match)
    return {
      sql: `${select} FROM search_text t CROSS JOIN search_records r ON r.rowid = t.rowid WHERE search_text MATCH ? AND ${where.join(' AND ')} ${order}`,
      params: [match, ...params, limit],
    };
  const index = q.number ? 'search_records_number' : 'search_records_public_list';
  return { sql: `${select} FROM search_records r INDEXED BY ${index} WHERE ${where.join(' AND ')} ${order}`, params: [...params, limit] };
}

/** A row of the public list's projection (migration 022): where it stands in the list, and what goes out (PublicDocument as JSON). */
export interface PublicEntryRow extends PublicListPosition {
  entry: string;
}

/**
 * Entries of the public register list after `after`, in list order, at most `limit`, read from the
 * projection (migration 022: only what the gate passed): no decision is left to make. The
 * publisher's fields (`registerIds`, `includeRestricted`) do not apply; the public reads every
 * listed register and nothing blocked.
 */
export function publicEntriesSql(q: PublicListQuery, after: PublicListPosition | null, limit: number): BoundSql {
  const where = ['e.registered_date BETWEEN ? AND ?'];
  const params: (string | number)[] = [q.from, q.to];
  if (q.excludeRegisterIds?.length) {
    where.push(`e.register_id NOT IN (${q.excludeRegisterIds.map(() => '?').join(', ')})`);
    params.push(...q.excludeRegisterIds);
  }
  if (q.onlyIds) {
    where.push(`e.record_id IN (${q.onlyIds.map(() => '?').join(', ') || "''"})`);
    params.push(...q.onlyIds);
  }
  if (q.number) {
    where.push('e.number_year = ?', 'e.number_serial = ?');
    params.push(q.number.year, q.number.serial);
    if (q.number.prefix !== null) {
      where.push('e.number_prefix = ?');
      params.push(q.number.prefix);
    }
    if (q.number.documentSerial !== null) {
      where.push('e.number_doc_serial = ?');
      params.push(q.number.documentSerial);
    }
  }
  if (after) {
    where.push('(e.registered_date < ? OR (e.registered_date = ? AND (e.newest_key > ? OR (e.newest_key = ? AND e.record_id > ?))))');
    params.push(after.registeredDate, after.registeredDate, after.newestKey, after.newestKey, after.id);
  }
  const tokens = tokenize(q.words).slice(0, MAX_WORDS);
  const select = 'SELECT e.record_id AS id, e.registered_date AS registeredDate, e.newest_key AS newestKey, e.entry AS entry';
  if (tokens.length && !q.number) {
    // Words: their matches read in rowid order, which is the list's (public-list-order.ts), from
    // the first row the dates and `after` allow to the last the dates allow; the page stops at
    // its last row, however many rows match a common word. The bounds are seeks on the order index.
    const first = (cond: string, order = 'ORDER BY registered_date DESC, newest_key, record_id') =>
      `(SELECT rowid FROM public_list_entries INDEXED BY public_list_entries_order WHERE ${cond} ${order} LIMIT 1)`;
    const lower = [`ifnull(${first('registered_date <= ?')}, ${MAX_ROWID})`];
    const boundParams: string[] = [q.to];
    if (after) {
      // The first row after `after`: later on its day, else on an earlier day.
      const later = first('registered_date = ? AND (newest_key, record_id) > (?, ?)', 'ORDER BY newest_key, record_id');
      lower.push(`ifnull(${later}, ifnull(${first('registered_date < ?')}, ${MAX_ROWID}))`);
      boundParams.push(after.registeredDate, after.newestKey, after.id, after.registeredDate);
    }
    // One lower bound (the words' index starts its walk there) and one upper.
    const bounds = [
      `t.rowid >= ${lower.length > 1 ? `max(${lower.join(', ')})` : lower[0]}`,
      `t.rowid < ifnull(${first('registered_date < ?')}, ${MAX_ROWID})`,
    ];
    boundParams.push(q.from);
    return {
      sql: `${select} FROM public_list_text t CROSS JOIN public_list_entries e ON e.rowid = t.rowid
        WHERE public_list_text MATCH ? AND ${bounds.join(' AND ')} AND ${where.join(' AND ')} ORDER BY t.rowid LIMIT ?`,
      params: [wordsMatch(tokens), ...boundParams, ...params, limit],
    };
  }
  if (tokens.length) {
    // A number and words: the number's handful of rows, each checked against the words' matches.
    where.push('e.rowid IN (SELECT rowid FROM public_list_text WHERE public_list_text MATCH ?)');
    params.push(wordsMatch(tokens));
  }
  const index = q.number ? 'public_list_entries_number' : 'public_list_entries_order';
  return {
    sql: `${select} FROM public_list_entries e INDEXED BY ${index} WHERE ${where.join(' AND ')}
      ORDER BY e.registered_date DESC, e.newest_key, e.record_id LIMIT ?`,
    params: [...params, limit],
  };
}

/** Past every row of the list: a bound with no row to stop at. */
const MAX_ROWID = '9223372036854775807';

/** The words, each a prefix in either column of public_list_text, all required. */
function wordsMatch(tokens: readonly string[]): string {
  return tokens.map((t) => `"${t.replaceAll('"', '""')}"*`).join(' AND ');
}
