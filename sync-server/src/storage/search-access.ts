import type Database from 'better-sqlite3';
import type { SearchedCollection } from './search-index';

/**
 * Who may read the content of each indexed case or document (migration 011-search-access), so a
 * search reads as candidates only rows whose matched text the user might see: a restricted row
 * whose content the user cannot open is a candidate by its metadata columns only, and never takes
 * a place in the candidate window by a word of its content. Mirrors shared/src/rules/access.ts:
 * restricted by itself or through its case; opened by being named (responsible officer, access
 * users and groups) on the record or its case, with a fresh second factor. The service still
 * projects and re-checks every candidate: this table only keeps the window for what can be a hit.
 *
 * `search_access` (rowid = search_records.rowid): `own_restricted`, `restricted` (own or the
 * case's), `case_id` (documents); `search_readers`: the reader keys named on a row ('u:<userId>',
 * 'g:<groupId>').
 */

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : []);

/** The reader keys a subject holds: itself and its groups. */
export function readerKeys(subject: { id: string; groupIds: readonly string[] }): string[] {
  return [`u:${subject.id}`, ...subject.groupIds.map((g) => `g:${g}`)];
}

/** The reader keys named on a stored case or document. */
export function namedReaders(data: Record<string, unknown>): string[] {
  const users = [str(data.responsibleUserId), ...strings(data.accessUserIds)].filter((u) => u !== '');
  return [...new Set([...users.map((u) => `u:${u}`), ...strings(data.accessGroupIds).map((g) => `g:${g}`)])];
}

const ownRestricted = (data: Record<string, unknown>) => (str(data.restrictionKind) !== '' && data.restrictionKind !== 'none' ? 1 : 0);

export class SearchAccessWriter {
  private readonly stmts;

  /** null when the database has no access tables yet (the index writer inside migration 009). */
  static open(db: Database.Database): SearchAccessWriter | null {
    const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_access'").get();
    return has ? new SearchAccessWriter(db) : null;
  }

  private constructor(db: Database.Database) {
    this.stmts = {
      put: db.prepare<[number, string, number, number]>(
        `INSERT INTO search_access (rowid, case_id, own_restricted, restricted) VALUES (?, ?, ?, ?)
         ON CONFLICT (rowid) DO UPDATE SET case_id = excluded.case_id, own_restricted = excluded.own_restricted, restricted = excluded.restricted`,
      ),
      caseRestricted: db.prepare<[string], { own_restricted: number }>(
        `SELECT a.own_restricted FROM search_records c JOIN search_access a ON a.rowid = c.rowid
         WHERE c.collection = 'cases' AND c.record_id = ?`,
      ),
      documentsOfCase: db.prepare<[number, string]>('UPDATE search_access SET restricted = (own_restricted OR ?) WHERE case_id = ?'),
      dropAccess: db.prepare<[number]>('DELETE FROM search_access WHERE rowid = ?'),
      dropReaders: db.prepare<[number]>('DELETE FROM search_readers WHERE record_rowid = ?'),
      addReader: db.prepare<[number, string]>('INSERT OR IGNORE INTO search_readers (record_rowid, reader) VALUES (?, ?)'),
    };
  }

  /** Records who may read the row's content; a case passes its restriction on to its documents' rows. */
  put(rowid: number, collection: SearchedCollection, data: Record<string, unknown>): void {
    const s = this.stmts;
    const own = ownRestricted(data);
    const caseId = collection === 'documents' ? str(data.caseId) : '';
    const inherited = caseId === '' ? 0 : (s.caseRestricted.get(caseId)?.own_restricted ?? 0);
    s.put.run(rowid, caseId, own, own || inherited);
    s.dropReaders.run(rowid);
    for (const reader of namedReaders(data)) s.addReader.run(rowid, reader);
    if (collection === 'cases') s.documentsOfCase.run(own, String(data.id));
  }

  /** Forgets a row (its record was deleted); a deleted case no longer restricts its documents' rows. */
  drop(rowid: number, collection: SearchedCollection, id: string): void {
    this.stmts.dropAccess.run(rowid);
    this.stmts.dropReaders.run(rowid);
    if (collection === 'cases') this.stmts.documentsOfCase.run(0, id);
  }
}
