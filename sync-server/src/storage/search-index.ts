import type Database from 'better-sqlite3';
import {
  caseSearchable,
  documentSearchable,
  normaliseCaseNumberQuery,
  type SearchNames,
  type SearchableRecord,
  type TextField,
} from '../../../shared/src/search';
import type { Case, CollectionName, Document } from '../../../shared/src';
import { SearchAccessWriter } from './search-access';

/**
 * The search index (migration 009-search-index): `search_records` holds a case's or document's
 * metadata for filtering (register, number parts, status, direction, dates, newest key), and the
 * FTS5 table `search_text` (same rowid) its searchable text with names resolved. It indexes what
 * is STORED, content included; the search service only ever uses it to find candidates, which it
 * then projects for the user and re-checks (search.service.ts).
 */

/** FTS5 columns, in table order: the record's number, its text fields, then other free text. */
export const SEARCH_TEXT_COLUMNS = [
  'number',
  'title',
  'description',
  'sender',
  'recipient',
  'officer',
  'process',
  'document_type',
  'other',
] as const;

/** A record's text as the index holds it (names resolved, withheld parts included), by column. */
export type IndexText = Readonly<Record<(typeof SEARCH_TEXT_COLUMNS)[number], string>>;

/** The FTS5 column holding each text field of the query grammar. */
export const COLUMN_OF: Readonly<Record<TextField, (typeof SEARCH_TEXT_COLUMNS)[number]>> = {
  title: 'title',
  description: 'description',
  sender: 'sender',
  recipient: 'recipient',
  officer: 'officer',
  process: 'process',
  documentType: 'document_type',
};

export const SEARCHED_COLLECTIONS = ['cases', 'documents'] as const;

/** Fields of other records whose values the index holds for the cases and documents naming them. */
const SHOWN_NAMES: Partial<Record<CollectionName, readonly string[]>> = {
  parties: ['name'],
  users: ['displayName', 'username'],
  classes: ['title', 'code'],
  doctypes: ['name'],
};
export type SearchedCollection = (typeof SEARCHED_COLLECTIONS)[number];

export function isSearched(collection: CollectionName): collection is SearchedCollection {
  return collection === 'cases' || collection === 'documents';
}

/** One row of the index, as written. */
export interface SearchIndexRow {
  collection: SearchedCollection;
  recordId: string;
  registerId: string;
  numberPrefix: string;
  numberYear: number;
  numberSerial: number;
  numberDocSerial: number;
  status: string;
  direction: string;
  newestKey: string;
  /** Which process and document type the record names: their names change, the index follows. */
  classCode: string;
  documentTypeId: string;
  /** registered, received, dispatched, created, closed: '' when the record has none. */
  dates: readonly [string, string, string, string, string];
  text: IndexText;
}

const join = (values: readonly string[]) => values.join('\n');
const str = (v: unknown) => (typeof v === 'string' ? v : '');

const INDEXED_STRINGS = [
  'caseNumber',
  'documentNumber',
  'title',
  'description',
  'unit',
  'sender',
  'recipient',
  'senderPartyId',
  'recipientPartyId',
  'responsibleUserId',
  'classCode',
  'documentTypeId',
  'status',
  'direction',
  'registeredDate',
  'closedDate',
  'receivedDate',
  'dispatchedDate',
  'createdDate',
];

/** A stored record of any age (a data folder from an older version lacks newer fields): what the index reads, with '' and [] for what is missing. */
function tolerant(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  for (const f of INDEXED_STRINGS) out[f] = str(data[f]);
  out.partyIds = Array.isArray(data.partyIds) ? data.partyIds.filter((p): p is string => typeof p === 'string') : [];
  return out;
}

/** The index row of a stored case or document, names resolved by `names`. */
export function searchIndexRow(collection: SearchedCollection, stored: Record<string, unknown>, names: SearchNames): SearchIndexRow {
  const data = tolerant(stored);
  const s: SearchableRecord =
    collection === 'cases' ? caseSearchable(data as unknown as Case, names) : documentSearchable(data as unknown as Document, names);
  const n = normaliseCaseNumberQuery(s.number);
  return {
    collection,
    recordId: String(data.id),
    registerId: String(data.registerId),
    numberPrefix: n?.prefix ?? '',
    numberYear: n?.year ?? 0,
    numberSerial: n?.serial ?? 0,
    numberDocSerial: n?.documentSerial ?? 0,
    status: str(s.status),
    direction: str(s.direction),
    newestKey: str(data.newestKey),
    classCode: str(data.classCode),
    documentTypeId: str(data.documentTypeId),
    dates: [str(data.registeredDate), str(data.receivedDate), str(data.dispatchedDate), str(data.createdDate), str(data.closedDate)],
    text: {
      number: s.number,
      title: join(s.title),
      description: join(s.description),
      sender: join(s.sender),
      recipient: join(s.recipient),
      officer: join(s.officer),
      process: join(s.process),
      document_type: join(s.documentType),
      other: join(s.other),
    },
  };
}

/**
 * Keeps the index of one connection current: called by the storage inside the transaction that
 * writes the record, and by the migration that builds the index. Names are read from the stored
 * parties, users, classes and document types as they are at that moment.
 */
export class SearchIndexWriter {
  private readonly stmts;
  /** Process titles by register and code: the plan has no index by code, and every record names one. */
  private readonly processTitles = new Map<string, string | undefined>();
  /** Who may read each row's content (absent before migration 011, e.g. inside migration 009). */
  private readonly access: SearchAccessWriter | null;
  /** Points a document's file text rows at its index row (absent before migration 015). */
  private readonly linkFiles: Database.Statement<[number, string]> | null;

  constructor(db: Database.Database) {
    this.access = SearchAccessWriter.open(db);
    const fileTextColumns = db.prepare<[], string>("SELECT name FROM pragma_table_info('file_texts')").pluck().all();
    this.linkFiles = fileTextColumns.includes('record_rowid')
      ? db.prepare<[number, string]>('UPDATE file_texts SET record_rowid = ? WHERE document_id = ?')
      : null;
    this.stmts = {
      rowid: db.prepare<[string, string], { rowid: number }>('SELECT rowid FROM search_records WHERE collection = ? AND record_id = ?'),
      insertRecord: db.prepare(
        `INSERT INTO search_records (collection, record_id, register_id, number_prefix, number_year, number_serial, number_doc_serial,
           status, direction, newest_key, class_code, document_type_id, registered_date, received_date, dispatched_date, created_date,
           closed_date)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING rowid`,
      ),
      updateRecord: db.prepare(
        `UPDATE search_records SET register_id = ?, number_prefix = ?, number_year = ?, number_serial = ?, number_doc_serial = ?,
           status = ?, direction = ?, newest_key = ?, class_code = ?, document_type_id = ?, registered_date = ?, received_date = ?,
           dispatched_date = ?, created_date = ?, closed_date = ? WHERE rowid = ?`,
      ),
      deleteRecord: db.prepare<[number]>('DELETE FROM search_records WHERE rowid = ?'),
      deleteText: db.prepare<[number]>('DELETE FROM search_text WHERE rowid = ?'),
      insertText: db.prepare(`INSERT INTO search_text (rowid, ${SEARCH_TEXT_COLUMNS.join(', ')}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      party: db.prepare<[string], { name: string | null }>(
        "SELECT json_extract(data, '$.name') AS name FROM records WHERE collection = 'parties' AND id = ? AND deleted = 0",
      ),
      user: db.prepare<[string], { displayName: string | null; username: string | null }>(
        `SELECT json_extract(data, '$.displayName') AS displayName, json_extract(data, '$.username') AS username
         FROM records WHERE collection = 'users' AND id = ? AND deleted = 0`,
      ),
      processTitle: db.prepare<[string, string], { title: string | null }>(
        `SELECT json_extract(data, '$.title') AS title FROM records
         WHERE collection = 'classes' AND register_id = ? AND json_extract(data, '$.code') = ? AND deleted = 0`,
      ),
      documentType: db.prepare<[string], { name: string | null }>(
        "SELECT json_extract(data, '$.name') AS name FROM records WHERE collection = 'doctypes' AND id = ? AND deleted = 0",
      ),
      linkedToParty: db.prepare<[string], { collection: SearchedCollection; record_id: string }>(
        'SELECT DISTINCT collection, record_id FROM party_links WHERE party_id = ?',
      ),
      ofOfficer: db.prepare<[string, string], { id: string }>(
        "SELECT id FROM records WHERE collection = ? AND json_extract(data, '$.responsibleUserId') = ?",
      ),
      inProcess: db.prepare<[string, string], { collection: SearchedCollection; record_id: string }>(
        'SELECT collection, record_id FROM search_records WHERE register_id = ? AND class_code = ?',
      ),
      ofType: db.prepare<[string], { collection: SearchedCollection; record_id: string }>(
        'SELECT collection, record_id FROM search_records WHERE document_type_id = ?',
      ),
      stored: db.prepare<[string, string], { data: string; deleted: number }>(
        'SELECT data, deleted FROM records WHERE collection = ? AND id = ?',
      ),
    };
  }

  /** Names as stored now, for a record of `registerId`. */
  private names(registerId: string): SearchNames {
    const s = this.stmts;
    const text = (v: string | null | undefined) => (typeof v === 'string' && v !== '' ? v : undefined);
    return {
      party: (id) => text(s.party.get(id)?.name),
      user: (id) => {
        const u = id === '' ? undefined : s.user.get(id);
        return [u?.displayName, u?.username].filter((v): v is string => typeof v === 'string' && v !== '');
      },
      process: (code) => {
        const key = `${registerId}\u0000${code}`;
        if (!this.processTitles.has(key)) this.processTitles.set(key, text(s.processTitle.get(registerId, code)?.title));
        return this.processTitles.get(key);
      },
      documentType: (id) => text(s.documentType.get(id)?.name),
    };
  }

  /** Indexes (or, when deleted, drops) a stored case or document. */
  put(collection: SearchedCollection, data: Record<string, unknown>, deleted: boolean): void {
    const s = this.stmts;
    const existing = s.rowid.get(collection, String(data.id))?.rowid;
    if (existing !== undefined) s.deleteText.run(existing);
    if (deleted) {
      if (existing !== undefined) {
        s.deleteRecord.run(existing);
        this.access?.drop(existing, collection, String(data.id));
      }
      return;
    }
    const row = searchIndexRow(collection, data, this.names(String(data.registerId)));
    const meta = [
      row.registerId,
      row.numberPrefix,
      row.numberYear,
      row.numberSerial,
      row.numberDocSerial,
      row.status,
      row.direction,
      row.newestKey,
      row.classCode,
      row.documentTypeId,
      ...row.dates,
    ];
    let rowid = existing;
    if (rowid === undefined) {
      rowid = (s.insertRecord.get(row.collection, row.recordId, ...meta) as { rowid: number }).rowid;
      // A document indexed anew (first stored, or live again after its deletion) gets a new rowid.
      if (collection === 'documents') this.linkFiles?.run(rowid, row.recordId);
    } else s.updateRecord.run(...meta, rowid);
    s.insertText.run(rowid, ...SEARCH_TEXT_COLUMNS.map((c) => row.text[c]));
    this.access?.put(rowid, collection, data);
  }

  /** Re-indexes stored records (a name they show changed). */
  private reindex(records: readonly { collection: SearchedCollection; record_id: string }[]): void {
    for (const { collection, record_id } of records) {
      const rec = this.stmts.stored.get(collection, record_id);
      if (rec) this.put(collection, JSON.parse(rec.data) as Record<string, unknown>, rec.deleted === 1);
    }
  }

  /**
   * After any write (in its transaction): a case or document is indexed; when a party, user,
   * process or document type changes a name that records show, those records are indexed again.
   * `prevJson` is the stored record before the write, if there was one.
   */
  written(collection: CollectionName, prevJson: string | undefined, stored: Record<string, unknown>, deleted: boolean): void {
    if (isSearched(collection)) return this.put(collection, stored, deleted);
    const shown = SHOWN_NAMES[collection];
    if (!shown) return;
    // A record may name a party (or type) before it arrives: pushes of one client come in any order.
    const before = prevJson === undefined ? {} : (JSON.parse(prevJson) as Record<string, unknown>);
    if (!shown.some((n) => before[n] !== stored[n])) return;
    const id = String(stored.id);
    const s = this.stmts;
    switch (collection) {
      case 'parties':
        return this.reindex(s.linkedToParty.all(id));
      case 'users':
        return this.reindex(SEARCHED_COLLECTIONS.flatMap((c) => s.ofOfficer.all(c, id).map((r) => ({ collection: c, record_id: r.id }))));
      case 'classes': {
        this.processTitles.clear();
        const register = String(stored.registerId);
        const codes = new Set([before.code, stored.code].filter((c): c is string => typeof c === 'string'));
        return this.reindex([...codes].flatMap((code) => s.inProcess.all(register, code)));
      }
      case 'doctypes':
        return this.reindex(s.ofType.all(id));
    }
  }
}
