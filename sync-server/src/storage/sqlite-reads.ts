import type Database from 'better-sqlite3';
import type { CollectionName } from '../../../shared/src';
import type { Query, TextTerm } from '../../../shared/src/search';
import { BOUND_GROUPS, boundTerms, relevanceBound } from '../search/relevance-bound';
import type { IndexText } from './search-index';
import {
  INDEX_TEXT_SQL,
  INDEXED_FILES_SQL,
  INDEXED_RECORDS_SQL,
  METADATA_TEXT_SQL,
  acceptCandidate,
  candidateSql,
  fileRowsWithTextSql,
  fileTextCandidateSql,
  fileTextCoverage,
  fileWordsOf,
  filesWithTextSql,
  rowsWithTextInSql,
  readWindow,
  type WindowSql,
  type CandidateScope,
} from './search-sql';
import type { FileTextCandidate, IndexedRecord, PartyLinkRow, RecordFields, SearchCandidate, Storage, StoredRecord } from './storage';

/** What a search reads: the index, records and the party links and classification plans their projections need. */
export type SearchReads = Pick<
  Storage,
  | 'getRecords'
  | 'getRecordFields'
  | 'partyLinks'
  | 'pullPage'
  | 'searchCandidates'
  | 'fileTextCandidates'
  | 'indexedRecords'
  | 'indexedFiles'
  | 'searchBounds'
  | 'filesWithText'
>;

export interface RecordRow {
  collection: string;
  id: string;
  register_id: string;
  seq: number;
  version: number;
  deleted: number;
  data: string;
}

export function toRecord(row: RecordRow): StoredRecord {
  return {
    collection: row.collection as CollectionName,
    id: row.id,
    registerId: row.register_id,
    seq: row.seq,
    version: row.version,
    deleted: row.deleted === 1,
    data: JSON.parse(row.data) as Record<string, unknown>,
  };
}

/**
 * The reads a search makes, over one connection that only reads: the server's shared reader
 * (SqliteStorage) and each search worker's own read-only connection (search/search-worker.ts)
 * run this same code, so a search answers the same wherever it runs.
 */
export class SqliteReads implements SearchReads {
  /** Reads with IN lists, prepared once per list length: preparing costs more than a small read. */
  private readonly statements = new Map<string, Database.Statement<unknown[], unknown>>();
  private readonly page;

  constructor(private readonly db: Database.Database) {
    this.page = db.prepare<[string, number, number], RecordRow>(
      'SELECT * FROM records WHERE collection = ? AND seq > ? ORDER BY seq LIMIT ?',
    );
  }

  /** A read prepared once and kept (for SQL whose shape does not come from a user). */
  statement<Row = RecordRow>(sql: string): Database.Statement<unknown[], Row> {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare<unknown[], unknown>(sql);
      this.statements.set(sql, stmt);
    }
    return stmt as Database.Statement<unknown[], Row>;
  }

  async partyLinks(partyIds: readonly string[]): Promise<PartyLinkRow[]> {
    const out: PartyLinkRow[] = [];
    for (let i = 0; i < partyIds.length; i += 500) {
      const chunk = partyIds.slice(i, i + 500);
      const rows = this.statement(
        `SELECT party_id, collection, record_id, field FROM party_links WHERE party_id IN (${chunk.map(() => '?').join(',')})`,
      ).all(...chunk) as unknown as {
        party_id: string;
        collection: 'cases' | 'documents';
        record_id: string;
        field: string;
      }[];
      // One party may be named by more records than a call takes arguments (a spread overflowed the stack at 100k cases).
      for (const r of rows) out.push({ partyId: r.party_id, collection: r.collection, recordId: r.record_id, field: r.field });
    }
    return out;
  }

  async getRecords(collection: CollectionName, ids: readonly string[]): Promise<StoredRecord[]> {
    const out: StoredRecord[] = [];
    // SQLite limits bound parameters; 500 per statement stays far below it.
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = this.statement(`SELECT * FROM records WHERE collection = ? AND id IN (${chunk.map(() => '?').join(',')})`).all(
        collection,
        ...chunk,
      );
      out.push(...rows.map(toRecord));
    }
    return out;
  }

  async getRecordFields(collection: CollectionName, ids: readonly string[], fields: readonly string[]): Promise<RecordFields[]> {
    // Field names go into the SQL: only plain names (they come from code, never from a user).
    for (const f of fields) if (!/^[A-Za-z]+$/.test(f)) throw new Error(`not a field name: ${f}`);
    const picked = `json_object(${fields.map((f) => `'${f}', json_extract(data, '$.${f}')`).join(', ')})`;
    const out: RecordFields[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = this.statement<{ id: string; picked: string }>(
        `SELECT id, ${picked} AS picked FROM records WHERE collection = ? AND id IN (${chunk.map(() => '?').join(',')})`,
      ).all(collection, ...chunk);
      for (const r of rows) out.push({ id: r.id, data: JSON.parse(r.picked) as Record<string, unknown> });
    }
    return out;
  }

  async searchCandidates(query: Query, scope: CandidateScope, limit: number): Promise<SearchCandidate[]> {
    if (scope.registerIds.length === 0 || scope.collections.length === 0) return [];
    const window = candidateSql(query, scope, limit);
    // Not cached like listRead: a query's shape comes from the user, and the cache would grow with them.
    // Rows as arrays (columns as candidateSql selects them): up to 20,000 rows a search, and
    // better-sqlite3's object per row cost more than making the candidate here.
    const stmt = this.db.prepare<unknown[], [number, string, number]>(window.sql).raw();
    const shown = this.statement<IndexText>(METADATA_TEXT_SQL);
    return readWindow(
      window,
      (params) => stmt.all(...params),
      ([rowid, newestKey, open]) => acceptCandidate(query, { rowid, newestKey, open }, (r) => shown.get(r)!),
      limit,
    );
  }

  async fileTextCandidates(query: Query, scope: CandidateScope, limit: number): Promise<FileTextCandidate[]> {
    if (scope.registerIds.length === 0) return [];
    // Rows as arrays, columns as fileTextCandidateSql selects them (see searchCandidates).
    const read = (window: WindowSql | null) => {
      if (!window) return [];
      const stmt = this.db.prepare<unknown[], [number, string, number, number]>(window.sql).raw();
      return readWindow(
        window,
        (params) => stmt.all(...params),
        ([rowid, newestKey, fileRowid, open]) => (open === 1 ? { rowid, newestKey, fileRowid } : null),
        limit,
      );
    };
    const words = fileWordsOf(query);
    const every = words.map((_, i) => i);
    const whole: FileTextCandidate[] = read(fileTextCandidateSql(query, scope, limit)).map((c) => ({
      rowid: c.rowid,
      newestKey: c.newestKey,
      fileRowid: c.fileRowid,
      words: every,
    }));
    if (words.length < 2) return whole;
    // Files holding some of the words, for documents whose metadata holds the rest: which words
    // each holds, asked within the rowids read.
    const some = read(fileTextCandidateSql(query, scope, limit, true));
    if (some.length === 0) return whole;
    const rowids = some.map((r) => r.fileRowid);
    const holding = words.map((term) => {
      const { sql, params } = fileRowsWithTextSql(term, Math.min(...rowids), Math.max(...rowids));
      return new Set(
        this.statement<number>(sql)
          .pluck()
          .all(...params),
      );
    });
    const taken = new Set(whole.map((c) => c.fileRowid));
    const text = this.statement<IndexText>(INDEX_TEXT_SQL);
    const texts = new Map<number, IndexText>();
    const textOf = (rowid: number) => texts.get(rowid) ?? texts.set(rowid, text.get(rowid)!).get(rowid)!;
    const mixed = fileTextCoverage(
      query,
      some.map((row) => ({
        row: { ...row, text: textOf(row.rowid) },
        words: new Set(every.filter((i) => holding[i]!.has(row.fileRowid))),
      })),
    )
      .filter((f) => !taken.has(f.row.fileRowid))
      .map(({ row: { rowid, newestKey, fileRowid }, words: held }) => ({ rowid, newestKey, fileRowid, words: [...held] }));
    return [...whole, ...mixed];
  }

  async indexedRecords(rowids: readonly number[]): Promise<IndexedRecord[]> {
    if (rowids.length === 0) return [];
    return this.statement<IndexedRecord>(INDEXED_RECORDS_SQL).all(JSON.stringify(rowids));
  }

  async indexedFiles(fileRowids: readonly number[]): Promise<Map<number, string>> {
    if (fileRowids.length === 0) return new Map();
    const rows = this.statement<{ rowid: number; fileId: string }>(INDEXED_FILES_SQL).all(JSON.stringify(fileRowids));
    return new Map(rows.map((r) => [r.rowid, r.fileId]));
  }

  async searchBounds(query: Query, rowids: readonly number[]): Promise<Map<number, number>> {
    const bounds = new Map<number, number>();
    if (rowids.length === 0) return bounds;
    const from = Math.min(...rowids);
    const to = Math.max(...rowids);
    // Per unfielded word, the rows in the range holding it in each weighted group of columns,
    // highest weight first. A row's bound takes the first group holding the word, so once every
    // row has one the lower groups are not asked (each ask reads the word's whole doclist in range).
    const held = new Map(
      boundTerms(query).map((term) => {
        const unplaced = new Set(rowids);
        const groups = BOUND_GROUPS.map((g) => {
          if (unplaced.size === 0) return new Set<number>();
          const { sql, params } = rowsWithTextInSql(term, g.columns, from, to);
          const rows = new Set(
            this.statement<number>(sql)
              .pluck()
              .all(...params),
          );
          for (const r of rows) unplaced.delete(r);
          return rows;
        });
        return [term, groups];
      }),
    );
    for (const rowid of rowids)
      bounds.set(
        rowid,
        relevanceBound(query, (term, group) => held.get(term)![group]!.has(rowid)),
      );
    return bounds;
  }

  async filesWithText(term: TextTerm, documentIds: readonly string[]): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < documentIds.length; i += 500) {
      const { sql, params } = filesWithTextSql(term, documentIds.slice(i, i + 500));
      out.push(
        ...this.statement<{ fileId: string }>(sql)
          .all(...params)
          .map((r) => r.fileId),
      );
    }
    return out;
  }

  async pullPage(
    collection: CollectionName,
    afterSeq: number,
    limit: number,
    registerIds: readonly string[] | null,
  ): Promise<StoredRecord[]> {
    if (registerIds === null) return this.page.all(collection, afterSeq, limit).map(toRecord);
    if (registerIds.length === 0) return [];
    const placeholders = registerIds.map(() => '?').join(',');
    const rows = this.statement(
      `SELECT * FROM records WHERE collection = ? AND seq > ? AND register_id IN (${placeholders}) ORDER BY seq LIMIT ?`,
    ).all(collection, afterSeq, ...registerIds, limit);
    return rows.map(toRecord);
  }
}
