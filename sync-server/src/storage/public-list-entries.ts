import type Database from 'better-sqlite3';
import {
  PUBLIC_OUTPUT_POLICY_VERSION,
  publicationGate,
  type Case,
  type CollectionName,
  type Document,
  type PublicDocument,
  type PublicationParty,
} from '../../../shared/src';
import { normaliseCaseNumberQuery } from '../../../shared/src/search';
import { PublicListOrder } from './public-list-order';
import { LISTED_STATUSES } from './public-list-sql';

/**
 * The public list's projection (migration 022): for each registered document the publication
 * gate (shared/src/rules/public-output.ts, the one policy) passes, what goes out, decided when the
 * document, its case or a party they name is written — in that write's transaction, so a
 * restriction, a shield or a protected identity takes the entry off the list in the same commit.
 * Pages are then read with indexed queries and no decision at read time.
 */

/** The rows' format: raise it when what a row holds, or how it is derived here, changes. */
const PROJECTION_VERSION = 1;

/** The collections whose stored shape an entry is decided from. */
const SOURCES = ['documents', 'cases', 'parties'] as const;

interface Stored {
  data: string;
  deleted: number;
}

/** Whether the document's status and registration put it on the list at all. */
function listed(doc: Document): boolean {
  return typeof doc.registeredDate === 'string' && doc.registeredDate !== '' && (LISTED_STATUSES as readonly string[]).includes(doc.status);
}

export class PublicListEntriesWriter {
  private readonly s;
  private readonly order: PublicListOrder;

  constructor(db: Database.Database) {
    this.order = new PublicListOrder(db);
    this.s = {
      record: db.prepare<[string, string], Stored>('SELECT data, deleted FROM records WHERE collection = ? AND id = ?'),
      // Registered documents of a listed status (the others never have an entry), in list order:
      // each entry is then numbered after the last (public-list-order.ts), never between two.
      listedIds: db
        .prepare<string[], string>(
          `SELECT id FROM records WHERE collection = 'documents' AND deleted = 0 AND json_extract(data, '$.registeredDate') <> ''
           AND json_extract(data, '$.status') IN (${LISTED_STATUSES.map(() => '?').join(', ')})
           ORDER BY json_extract(data, '$.registeredDate') DESC, ifnull(json_extract(data, '$.newestKey'), ''), id`,
        )
        .pluck(),
      inCase: db
        .prepare<[string], string>("SELECT id FROM records WHERE collection = 'documents' AND json_extract(data, '$.caseId') = ?")
        .pluck(),
      linkedToParty: db.prepare<[string], { collection: string; record_id: string }>(
        'SELECT DISTINCT collection, record_id FROM party_links WHERE party_id = ?',
      ),
      // Rowids are 64-bit list positions (public-list-order.ts): read as BigInt.
      rowid: db.prepare<[string], bigint>('SELECT rowid FROM public_list_entries WHERE record_id = ?').pluck().safeIntegers(),
      deleteEntry: db.prepare<[bigint]>('DELETE FROM public_list_entries WHERE rowid = ?'),
      deleteText: db.prepare<[bigint]>('DELETE FROM public_list_text WHERE rowid = ?'),
      insertEntry: db.prepare<unknown[]>(
        `INSERT INTO public_list_entries (rowid, record_id, register_id, registered_date, newest_key, number_prefix, number_year, number_serial,
           number_doc_serial, entry) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertText: db.prepare<[bigint, string, string]>('INSERT INTO public_list_text (rowid, title, description) VALUES (?, ?, ?)'),
      recordVersions: db
        .prepare<string[], string>(
          `SELECT ifnull(group_concat(collection || ' ' || version, ', '), '') FROM
             (SELECT collection, version FROM record_versions WHERE collection IN (${SOURCES.map(() => '?').join(', ')}) ORDER BY collection)`,
        )
        .pluck(),
      decidedBy: db.prepare<[], string>('SELECT decided_by FROM public_list_state WHERE id = 1').pluck(),
      setDecidedBy: db.prepare<[string]>(
        'INSERT INTO public_list_state (id, decided_by) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET decided_by = excluded.decided_by',
      ),
      clear: db.prepare('DELETE FROM public_list_entries'),
      clearText: db.prepare('DELETE FROM public_list_text'),
    };
  }

  /** After any write (in its transaction): the documents whose entry the written record decides are decided again. */
  written(collection: CollectionName, id: string): void {
    if (collection === 'documents') this.refresh(id);
    else if (collection === 'cases') this.refreshCase(id);
    else if (collection === 'parties')
      for (const link of this.s.linkedToParty.all(id))
        if (link.collection === 'documents') this.refresh(link.record_id);
        else if (link.collection === 'cases') this.refreshCase(link.record_id);
  }

  /** What the entries are decided by now: the policy, this projection and the stored records' shapes. */
  private decider(): string {
    return `policy ${PUBLIC_OUTPUT_POLICY_VERSION}; projection ${PROJECTION_VERSION}; records ${this.s.recordVersions.get(...SOURCES) ?? ''}`;
  }

  /**
   * On opening a data folder (in the caller's transaction): every entry decided again when they were
   * decided by another policy, projection or record shape, or never; true when it did.
   */
  ensureCurrent(): boolean {
    const decider = this.decider();
    if (this.s.decidedBy.get() === decider) return false;
    this.rebuild();
    this.s.setDecidedBy.run(decider);
    return true;
  }

  /** Every entry decided anew from the stored records (in the caller's transaction). */
  rebuild(): void {
    this.s.clearText.run();
    this.s.clear.run();
    // Cases and parties are read once for all their documents.
    const memo = new Map<string, unknown>();
    for (const id of this.s.listedIds.all(...LISTED_STATUSES)) this.refresh(id, memo);
  }

  private refreshCase(caseId: string): void {
    for (const id of this.s.inCase.all(caseId)) this.refresh(id);
  }

  private live<T>(collection: CollectionName, id: string, memo?: Map<string, unknown>): T | null {
    const key = `${collection}/${id}`;
    if (memo?.has(key)) return memo.get(key) as T | null;
    const row = id === '' ? undefined : this.s.record.get(collection, id);
    const value = row && row.deleted === 0 ? (JSON.parse(row.data) as T) : null;
    if (collection !== 'documents') memo?.set(key, value);
    return value;
  }

  /** The document's entry as the gate decides it now, or null: not listed, blocked, or undecidable. */
  private decide(id: string, memo?: Map<string, unknown>): { doc: Document; entry: PublicDocument } | null {
    const doc = this.live<Document>('documents', id);
    if (!doc || !listed(doc)) return null;
    const parentCase = doc.caseId === '' ? null : this.live<Case>('cases', doc.caseId, memo);
    // A document whose case cannot be read is not published: its case's restriction is unknown.
    if (doc.caseId !== '' && !parentCase) return null;
    const partyIds = new Set([doc.senderPartyId, doc.recipientPartyId, ...(parentCase?.partyIds ?? [])]);
    const parties = [...partyIds].flatMap((p) => this.live<PublicationParty>('parties', p, memo) ?? []);
    try {
      const gate = publicationGate(doc, parentCase, parties);
      return gate.verdict === 'pass' ? { doc, entry: gate.output } : null;
    } catch {
      // A stored record the policy cannot read (a malformed or very old shape) is not published.
      return null;
    }
  }

  private refresh(id: string, memo?: Map<string, unknown>): void {
    const s = this.s;
    const existing = s.rowid.get(id);
    if (existing !== undefined) {
      s.deleteText.run(existing);
      s.deleteEntry.run(existing);
    }
    const decided = this.decide(id, memo);
    if (!decided) return;
    const { doc, entry } = decided;
    const n = normaliseCaseNumberQuery(doc.documentNumber);
    const newestKey = String(doc.newestKey ?? '');
    const rowid = this.order.place(doc.registeredDate, newestKey, id);
    s.insertEntry.run(
      rowid,
      id,
      doc.registerId,
      doc.registeredDate,
      newestKey,
      n?.prefix ?? '',
      n?.year ?? 0,
      n?.serial ?? 0,
      n?.documentSerial ?? 0,
      JSON.stringify(entry),
    );
    s.insertText.run(rowid, entry.title, entry.description);
  }
}
