import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PARTY_LINK_FIELDS, partyRefsOf, type CollectionName } from '../../../shared/src';
import { migrateDatabase, removeOldBackups, type MigrationOptions } from './migrations/runner';
import { publicListSql, type PublicListPosition, type PublicListQuery } from './public-list-sql';
import { SearchIndexWriter } from './search-index';
import { PublicListEntriesWriter } from './public-list-entries';
import type { CandidateScope } from './search-sql';
import { SqliteReads, toRecord, type RecordRow } from './sqlite-reads';
import type { Query, TextTerm } from '../../../shared/src/search';
import type {
  AuditChainSnapshot,
  AuditCandidateCursor,
  AuditCandidatePage,
  AuditBridge,
  AuditCheckpoint,
  AuditHead,
  PartyLinkRow,
  Credentials,
  ScrubReport,
  SearchCandidate,
  FileTextCandidate,
  IndexedRecord,
  FileTextKey,
  RelationField,
  UnitRelationField,
  SecondFactorRow,
  SessionRow,
  Storage,
  StorageTx,
  RecordFields,
  StoredRecord,
  TrustedCa,
} from './storage';
import type { WorkingSetStorage } from './working-set-storage';
import { SqliteWorkingSets } from './working-set.sqlite';
import type { PersonalStorage, PersonalTx } from './personal-storage';
import { personalReads, personalTx, prunePersonal } from './personal.sqlite';
import type { DisposalReads, DisposalTx } from './disposal-storage';
import { disposalReads, disposalTx } from './disposal.sqlite';
import type { RoomCleanupReads, RoomCleanupTx } from './room-cleanups-storage';
import { roomCleanupReads, roomCleanupTx } from './room-cleanups.sqlite';
import type { PublicationReads, PublicationTx } from './publication-storage';
import { publicationReads, publicationTx } from './publication.sqlite';
import type { ArchiveReads, ArchiveTx } from './archive-storage';
import { archiveReads, archiveTx } from './archive.sqlite';

/** The store's SQLite file in a data folder. */
export const storeFile = (dataDir: string) => path.join(dataDir, 'diarium.sqlite');

const RELATION_FIELDS: readonly RelationField[] = ['caseId', 'documentId', 'recordId', 'meetingId', 'bodyId'];
/** Each relation's expression index (migrations 001 and 008). */
const RELATION_INDEX: Record<RelationField, string> = {
  caseId: 'records_by_case',
  documentId: 'records_by_document',
  recordId: 'records_by_target',
  meetingId: 'records_by_meeting',
  bodyId: 'records_by_body',
};

/**
 * The records related by `field`, whole. The index is named: reading `data` off the WITHOUT ROWID
 * table, the planner without statistics prefers a primary-key search on `collection` alone, which
 * reads every record of the collection.
 */
export function relatedReadSql(field: RelationField): string {
  return `SELECT * FROM records INDEXED BY ${RELATION_INDEX[field]} WHERE collection = ? AND json_extract(data, '$.${field}') = ?`;
}

const AUDIT_PAGE_SQL = `SELECT * FROM records WHERE collection = 'audit'
  AND (register_id, json_extract(data, '$.position')) > (?, ?)
  ORDER BY register_id, json_extract(data, '$.position') LIMIT ?`;

/** One register's chain after a position (`records_audit_chain`), for a re-anchoring inside its transaction. */
const AUDIT_REGISTER_AFTER_SQL = `SELECT * FROM records INDEXED BY records_audit_chain WHERE collection = 'audit'
  AND register_id = ? AND json_extract(data, '$.position') > ? ORDER BY json_extract(data, '$.position') LIMIT ?`;

interface BridgeRow {
  register_id: string;
  position: number;
  old_hash: string;
  new_hash: string;
  at: string;
  key_id: string;
  signature: string;
}

interface CredentialsDbRow {
  user_id: string;
  username: string;
  password_hash: string;
  must_change_password: number;
}

function toCredentials(row: CredentialsDbRow): Credentials {
  return {
    userId: row.user_id,
    username: row.username,
    passwordHash: row.password_hash,
    mustChangePassword: row.must_change_password === 1,
  };
}

interface CheckpointRow {
  register_id: string;
  position: number;
  hash: string;
  at: string;
  key_id: string;
  signature: string;
}

const toCheckpoint = (r: CheckpointRow): AuditCheckpoint => ({
  registerId: r.register_id,
  position: r.position,
  hash: r.hash,
  at: r.at,
  keyId: r.key_id,
  signature: r.signature,
});

interface SecondFactorDbRow {
  user_id: string;
  method: string;
  secret: string;
  confirmed: number;
  last_step: number | null;
  created_at: number;
}

/**
 * SQLite storage in WAL mode. Writes go through one connection, serialised by a queue so a
 * transaction's awaits never interleave with another write; reads use a second connection and
 * therefore only ever see committed data (a pull can never hand out a row that is rolled back).
 */
/** The FTS5 tables of the search index (migrations 009 and 010): where deleted rows' words linger. */
const FTS_TABLES = ['search_text', 'file_text_fts', 'public_list_text'] as const;

export class SqliteStorage implements Storage {
  private readonly file: string;
  private readonly migrationLog: MigrationOptions['log'];
  private readonly writer: Database.Database;
  private readonly reader: Database.Database;
  /** The reads search makes (and the prepared-statement cache every read shares). */
  private readonly reads: SqliteReads;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly stmts;
  private readonly searchIndex: SearchIndexWriter;
  private readonly publicList: PublicListEntriesWriter;
  readonly workingSets: WorkingSetStorage;
  readonly personal: PersonalStorage;
  private readonly personalWrites: PersonalTx;
  readonly disposal: DisposalReads;
  private readonly disposalWrites: DisposalTx;
  readonly roomCleanups: RoomCleanupReads;
  private readonly roomCleanupWrites: RoomCleanupTx;
  readonly publications: PublicationReads;
  private readonly publicationWrites: PublicationTx;
  readonly archive: ArchiveReads;
  private readonly archiveWrites: ArchiveTx;

  /** Opens (and first migrates) the database; throws `DataFolderTooNewError` for a newer data folder. */
  constructor(dataDir: string, migration: MigrationOptions = {}) {
    mkdirSync(dataDir, { recursive: true });
    const file = storeFile(dataDir);
    this.file = file;
    this.migrationLog = migration.log;
    this.writer = new Database(file);
    this.writer.pragma('journal_mode = WAL');
    // FULL: an acknowledged push survives a crash of the process and of the machine.
    this.writer.pragma('synchronous = FULL');
    this.writer.pragma('busy_timeout = 5000');
    // Deleted and overwritten content is zeroed, not left in free space: disposal and revocation
    // must not leave a record's old text readable in the file.
    this.writer.pragma('secure_delete = ON');
    try {
      migrateDatabase(this.writer, file, migration);
    } catch (err) {
      this.writer.close();
      throw err;
    }
    this.reader = new Database(file, { readonly: true });
    this.reader.pragma('busy_timeout = 5000');
    const w = this.writer;
    const r = this.reader;
    this.reads = new SqliteReads(r);
    this.searchIndex = new SearchIndexWriter(w);
    this.publicList = new PublicListEntriesWriter(w);
    // A policy changed by an upgrade, or records rewritten by a record migration, are never served stale.
    w.transaction(() => this.publicList.ensureCurrent())();
    this.workingSets = new SqliteWorkingSets(r, w, (fn) => this.transaction(async () => fn()));
    this.personalWrites = personalTx(w);
    this.disposal = disposalReads(r);
    this.disposalWrites = disposalTx(w);
    this.roomCleanups = roomCleanupReads(r);
    this.roomCleanupWrites = roomCleanupTx(w);
    this.publications = publicationReads(r);
    this.publicationWrites = publicationTx(w);
    this.archive = archiveReads(r);
    this.archiveWrites = archiveTx(w);
    const personalRead = personalReads(r);
    this.personal = {
      transaction: (fn) => this.transaction((tx) => fn(tx.personal)),
      lists: async (userId, limit) => personalRead.lists(userId, limit),
      dueUnfired: async (today, limit) => personalRead.dueUnfired(today, limit),
      prune: (cutoffs) => this.transaction(async () => prunePersonal(w, cutoffs)),
    };
    this.stmts = {
      get: r.prepare<[string, string], RecordRow>('SELECT * FROM records WHERE collection = ? AND id = ?'),
      getW: w.prepare<[string, string], RecordRow>('SELECT * FROM records WHERE collection = ? AND id = ?'),
      nextSeq: w.prepare<[], { value: number }>("UPDATE meta SET value = value + 1 WHERE key = 'seq' RETURNING value"),
      upsert: w.prepare(
        `INSERT INTO records (collection, id, register_id, seq, version, deleted, data) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (collection, id) DO UPDATE SET register_id = excluded.register_id, seq = excluded.seq,
         version = excluded.version, deleted = excluded.deleted, data = excluded.data`,
      ),
      counter: w.prepare<[string, string, number], { value: number }>(
        `INSERT INTO counters (register_id, series, year, value) VALUES (?, ?, ?, 1)
         ON CONFLICT (register_id, series, year) DO UPDATE SET value = value + 1 RETURNING value`,
      ),
      raiseCounter: w.prepare(
        `INSERT INTO counters (register_id, series, year, value) VALUES (?, ?, ?, ?)
         ON CONFLICT (register_id, series, year) DO UPDATE SET value = MAX(value, excluded.value)`,
      ),
      maxSeq: r.prepare<[string], { m: number | null }>('SELECT MAX(seq) AS m FROM records WHERE collection = ?'),
      count: r.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM records WHERE collection = ?'),
      cred: r.prepare<[string], CredentialsDbRow>('SELECT * FROM credentials WHERE username = ?'),
      credOf: r.prepare<[string], CredentialsDbRow>('SELECT * FROM credentials WHERE user_id = ?'),
      setCred: w.prepare(
        `INSERT INTO credentials (user_id, username, password_hash, must_change_password) VALUES (?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE
         SET username = excluded.username, password_hash = excluded.password_hash, must_change_password = excluded.must_change_password`,
      ),
      session: r.prepare<
        [string],
        { token_hash: string; user_id: string; expires_at: number; second_factor_at: number | null; last_active_at: number | null }
      >('SELECT * FROM sessions WHERE token_hash = ?'),
      addSession: w.prepare('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)'),
      delSession: w.prepare('DELETE FROM sessions WHERE token_hash = ?'),
      delOtherSessions: w.prepare<[string, string], { token_hash: string }>(
        'DELETE FROM sessions WHERE user_id = ? AND token_hash <> ? RETURNING token_hash',
      ),
      purgeSessions: w.prepare('DELETE FROM sessions WHERE expires_at < ?'),
      touch: w.prepare<[number, string, string], RecordRow>(
        "UPDATE records SET seq = ?, version = version + 1, data = json_set(data, '$.syncVersion', version + 1) WHERE collection = ? AND id = ? RETURNING *",
      ),
      related: Object.fromEntries(
        RELATION_FIELDS.map((f) => [
          f,
          w.prepare<[string, string], { id: string }>(`SELECT id FROM records WHERE collection = ? AND json_extract(data, '$.${f}') = ?`),
        ]),
      ) as Record<RelationField, Database.Statement<[string, string], { id: string }>>,
      relatedRead: Object.fromEntries(RELATION_FIELDS.map((f) => [f, r.prepare<[string, string], RecordRow>(relatedReadSql(f))])) as Record<
        RelationField,
        Database.Statement<[string, string], RecordRow>
      >,
      deleteLinks: w.prepare<[string, string]>('DELETE FROM party_links WHERE collection = ? AND record_id = ?'),
      addLink: w.prepare<[string, string, string, string]>(
        'INSERT OR IGNORE INTO party_links (party_id, collection, record_id, field) VALUES (?, ?, ?, ?)',
      ),
      putSnapshot: w.prepare('INSERT OR IGNORE INTO access_snapshots (fingerprint, subject) VALUES (?, ?)'),
      getSnapshot: r.prepare<[string], { subject: string }>('SELECT subject FROM access_snapshots WHERE fingerprint = ?'),
      auditHead: w.prepare<[string], { register_id: string; position: number; hash: string }>(
        'SELECT * FROM audit_heads WHERE register_id = ?',
      ),
      setAuditHead: w.prepare(
        'INSERT INTO audit_heads (register_id, position, hash) VALUES (?, ?, ?) ON CONFLICT (register_id) DO UPDATE SET position = excluded.position, hash = excluded.hash',
      ),
      secondFactor: r.prepare<[string], SecondFactorDbRow>('SELECT * FROM second_factors WHERE user_id = ?'),
      putSecondFactor: w.prepare(
        `INSERT INTO second_factors (user_id, method, secret, confirmed, last_step, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (user_id) DO UPDATE SET method = excluded.method, secret = excluded.secret, confirmed = excluded.confirmed,
         last_step = excluded.last_step, created_at = excluded.created_at WHERE second_factors.confirmed = 0`,
      ),
      acceptStep: w.prepare<[number, number, string, number]>(
        'UPDATE second_factors SET last_step = ?, confirmed = MAX(confirmed, ?) WHERE user_id = ? AND (last_step IS NULL OR last_step < ?)',
      ),
      sessionSecondFactor: w.prepare<[number | null, number | null, string]>(
        'UPDATE sessions SET second_factor_at = ?, last_active_at = ? WHERE token_hash = ?',
      ),
      auditHeads: r.prepare<[], { register_id: string; position: number; hash: string }>('SELECT * FROM audit_heads ORDER BY register_id'),
      addCheckpoint: w.prepare(
        'INSERT OR IGNORE INTO audit_checkpoints (register_id, position, hash, at, key_id, signature) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      checkpoints: r.prepare<[], CheckpointRow>('SELECT * FROM audit_checkpoints ORDER BY at, register_id'),
      checkpointsW: w.prepare<[], CheckpointRow>('SELECT * FROM audit_checkpoints ORDER BY at, register_id'),
      auditHeadsW: w.prepare<[], { register_id: string; position: number; hash: string }>('SELECT * FROM audit_heads ORDER BY register_id'),
      auditAfterW: w.prepare<[string, number, number], RecordRow>(AUDIT_REGISTER_AFTER_SQL),
      addBridge: w.prepare(
        'INSERT OR IGNORE INTO audit_bridges (register_id, position, old_hash, new_hash, at, key_id, signature) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      bridges: r.prepare<[], BridgeRow>('SELECT * FROM audit_bridges ORDER BY at, register_id, position'),
      trustedCas: r.prepare<[], { id: string; certificate: string; subject: string; added_by: string; added_at: string }>(
        'SELECT * FROM trusted_cas ORDER BY added_at, id',
      ),
      addTrustedCa: w.prepare('INSERT OR IGNORE INTO trusted_cas (id, certificate, subject, added_by, added_at) VALUES (?, ?, ?, ?, ?)'),
      removeTrustedCa: w.prepare<[string]>('DELETE FROM trusted_cas WHERE id = ?'),
      sessionLastActive: w.prepare<[number, string]>(
        'UPDATE sessions SET last_active_at = MAX(COALESCE(last_active_at, 0), ?) WHERE token_hash = ?',
      ),
      putEnrolmentCode: w.prepare<[string, string, number, string, number]>(
        `INSERT INTO enrolment_codes (user_id, code_hash, expires_at, issued_by, issued_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE
         SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, issued_by = excluded.issued_by, issued_at = excluded.issued_at`,
      ),
      replaceSecondFactor: w.prepare(
        `INSERT INTO second_factors (user_id, method, secret, confirmed, last_step, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (user_id) DO UPDATE SET method = excluded.method, secret = excluded.secret, confirmed = excluded.confirmed,
         last_step = excluded.last_step, created_at = excluded.created_at`,
      ),
      takeEnrolmentCode: w.prepare<[string, string, number]>(
        'DELETE FROM enrolment_codes WHERE user_id = ? AND code_hash = ? AND expires_at > ?',
      ),
      deleteSecondFactor: w.prepare<[string]>('DELETE FROM second_factors WHERE user_id = ?'),
      clearSessionsSecondFactor: w.prepare<[string]>('UPDATE sessions SET second_factor_at = NULL WHERE user_id = ?'),
      addDevice: w.prepare<[string, string, number]>('INSERT OR IGNORE INTO devices (token_hash, user_id, created_at) VALUES (?, ?, ?)'),
      device: r.prepare<[string], { user_id: string }>('SELECT user_id FROM devices WHERE token_hash = ?'),
    };
  }

  private committed = 0;

  get commits(): number {
    return this.committed;
  }

  transaction<T>(fn: (tx: StorageTx) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      this.writer.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.txApi());
        this.writer.exec('COMMIT');
        // Synchronously with the commit: no read can see the write before the count has moved.
        this.committed++;
        return result;
      } catch (err) {
        if (this.writer.inTransaction) this.writer.exec('ROLLBACK');
        throw err;
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  scrubRemnants(): Promise<ScrubReport> {
    const run = async (): Promise<ScrubReport> => {
      const w = this.writer;
      w.transaction(() => {
        for (const t of FTS_TABLES) w.prepare(`INSERT INTO ${t}(${t}) VALUES ('optimize')`).run();
      })();
      // Every page built anew: secure_delete zeroes freed cells and pages, but a page SQLite
      // rebuilds while balancing its b-tree keeps old cell bytes in its unused gap (a row moved to
      // a sibling, an index b-tree's divider key: a whole row of a WITHOUT ROWID table).
      w.exec('VACUUM');
      // TRUNCATE: every frame is copied back and the log emptied; busy when a reader still needs it.
      const [cp] = w.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      return { walTruncated: cp?.busy === 0, backupsRemoved: removeOldBackups(this.file, this.migrationLog) };
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private txApi(): StorageTx {
    const s = this.stmts;
    return {
      getRecord: async (collection, id) => {
        const row = s.getW.get(collection, id);
        return row ? toRecord(row) : null;
      },
      putRecord: async (collection, data, deleted = false) => {
        const prev = s.getW.get(collection, data.id);
        const seq = s.nextSeq.get()!.value;
        const version = (prev?.version ?? 0) + 1;
        const stored = { ...data, syncVersion: version };
        s.upsert.run(collection, data.id, data.registerId, seq, version, deleted ? 1 : 0, JSON.stringify(stored));
        if (collection in PARTY_LINK_FIELDS) {
          s.deleteLinks.run(collection, data.id);
          for (const ref of partyRefsOf(collection, stored)) s.addLink.run(ref.partyId, collection, data.id, ref.field);
        }
        this.searchIndex.written(collection, prev?.data, stored, deleted);
        this.publicList.written(collection, data.id);
        return { collection, id: data.id, registerId: data.registerId, seq, version, deleted, data: stored };
      },
      nextCounter: async (registerId, series, year) => s.counter.get(registerId, series, year)!.value,
      raiseCounter: async (registerId, series, year, value) => {
        s.raiseCounter.run(registerId, series, year, value);
      },
      listWhere: async (collection, field, value) => {
        if (!RELATION_FIELDS.includes(field)) throw new Error(`not a relation field: ${field}`);
        return s.related[field].all(collection, value).map((r) => toRecord(s.getW.get(collection, r.id)!));
      },
      touchIds: async (collection, ids) => {
        const out: StoredRecord[] = [];
        for (const id of new Set(ids)) {
          const row = s.touch.get(s.nextSeq.get()!.value, collection, id);
          if (row) out.push(toRecord(row));
        }
        return out;
      },
      touchWhere: async (collection, field, value) => {
        if (!RELATION_FIELDS.includes(field)) throw new Error(`not a relation field: ${field}`);
        const ids = s.related[field].all(collection, value).map((r) => r.id);
        return ids.map((id) => toRecord(s.touch.get(s.nextSeq.get()!.value, collection, id)!));
      },
      getAuditHead: async (registerId) => {
        const row = s.auditHead.get(registerId);
        return row ? { registerId: row.register_id, position: row.position, hash: row.hash } : null;
      },
      setAuditHead: async (head) => {
        s.setAuditHead.run(head.registerId, head.position, head.hash);
      },
      auditEntriesAfter: async (registerId, afterPosition, limit) => s.auditAfterW.all(registerId, afterPosition, limit).map(toRecord),
      addAuditBridge: async (b) => {
        s.addBridge.run(b.registerId, b.position, b.oldHash, b.newHash, b.at, b.keyId, b.signature);
      },
      auditHeads: async () => s.auditHeadsW.all().map((h) => ({ registerId: h.register_id, position: h.position, hash: h.hash })),
      listAuditCheckpoints: async () => s.checkpointsW.all().map(toCheckpoint),
      addAuditCheckpoint: async (c) => {
        s.addCheckpoint.run(c.registerId, c.position, c.hash, c.at, c.keyId, c.signature);
      },
      putEnrolmentCode: async (code) => {
        s.putEnrolmentCode.run(code.userId, code.codeHash, code.expiresAt, code.issuedBy, code.issuedAt);
      },
      personal: this.personalWrites,
      disposal: this.disposalWrites,
      roomCleanups: this.roomCleanupWrites,
      publications: this.publicationWrites,
      archive: this.archiveWrites,
      resetSecondFactor: async (userId) => {
        const removed = s.deleteSecondFactor.run(userId).changes === 1;
        s.clearSessionsSecondFactor.run(userId);
        return removed;
      },
    };
  }

  async getRecord(collection: CollectionName, id: string): Promise<StoredRecord | null> {
    const row = this.stmts.get.get(collection, id);
    return row ? toRecord(row) : null;
  }

  async listWhere(collection: CollectionName, field: RelationField, value: string): Promise<StoredRecord[]> {
    if (!RELATION_FIELDS.includes(field)) throw new Error(`not a relation field: ${field}`);
    return this.stmts.relatedRead[field].all(collection, value).map(toRecord);
  }

  async listWhereIn(collection: CollectionName, field: UnitRelationField, values: readonly string[]): Promise<StoredRecord[]> {
    const out: StoredRecord[] = [];
    // The planner does not cost the expression index for an IN list; it would scan the collection.
    const index = RELATION_INDEX[field];
    for (let i = 0; i < values.length; i += 500) {
      const chunk = values.slice(i, i + 500);
      const sql = `SELECT * FROM records INDEXED BY ${index} WHERE collection = ? AND json_extract(data, '$.${field}') IN (${chunk.map(() => '?').join(',')})`;
      out.push(
        ...this.reads
          .statement(sql)
          .all(collection, ...chunk)
          .map(toRecord),
      );
    }
    return out;
  }

  async postingsUpFrom(date: string): Promise<StoredRecord[]> {
    return this.reads
      .statement(
        `SELECT * FROM records INDEXED BY records_postings WHERE collection = 'meetings' AND json_extract(data, '$.kind') = 'posting'
       AND json_extract(data, '$.takeDownOn') >= ? AND deleted = 0`,
      )
      .all(date)
      .map(toRecord);
  }

  partyLinks(partyIds: readonly string[]): Promise<PartyLinkRow[]> {
    return this.reads.partyLinks(partyIds);
  }

  getRecords(collection: CollectionName, ids: readonly string[]): Promise<StoredRecord[]> {
    return this.reads.getRecords(collection, ids);
  }

  getRecordFields(collection: CollectionName, ids: readonly string[], fields: readonly string[]): Promise<RecordFields[]> {
    return this.reads.getRecordFields(collection, ids, fields);
  }

  pullPage(collection: CollectionName, afterSeq: number, limit: number, registerIds: readonly string[] | null): Promise<StoredRecord[]> {
    return this.reads.pullPage(collection, afterSeq, limit, registerIds);
  }

  searchCandidates(query: Query, scope: CandidateScope, limit: number): Promise<SearchCandidate[]> {
    return this.reads.searchCandidates(query, scope, limit);
  }

  fileTextCandidates(query: Query, scope: CandidateScope, limit: number): Promise<FileTextCandidate[]> {
    return this.reads.fileTextCandidates(query, scope, limit);
  }

  indexedRecords(rowids: readonly number[]): Promise<IndexedRecord[]> {
    return this.reads.indexedRecords(rowids);
  }

  indexedFiles(fileRowids: readonly number[]): Promise<Map<number, string>> {
    return this.reads.indexedFiles(fileRowids);
  }

  searchBounds(query: Query, rowids: readonly number[]): Promise<Map<number, number>> {
    return this.reads.searchBounds(query, rowids);
  }

  filesWithText(term: TextTerm, documentIds: readonly string[]): Promise<string[]> {
    return this.reads.filesWithText(term, documentIds);
  }

  markFileTextsPending(files: readonly FileTextKey[]): Promise<FileTextKey[]> {
    return this.transaction(async () => {
      const mark = this.writer.prepare<unknown[], { rowid: number }>(
        `INSERT INTO file_texts (document_id, file_key, file_id, file_version, state, record_rowid)
         VALUES (?, ?, ?, ?, 'pending', ifnull((SELECT rowid FROM search_records WHERE collection = 'documents' AND record_id = ?), 0))
         ON CONFLICT (document_id, file_key) DO UPDATE SET file_id = excluded.file_id, file_version = excluded.file_version,
         state = 'pending' WHERE excluded.file_version > file_texts.file_version RETURNING rowid`,
      );
      return files.filter((f) => {
        const row = mark.get(f.documentId, f.fileKey, f.fileId, f.fileVersion, f.documentId);
        if (row) this.setFileText(row.rowid, '');
        return row !== undefined;
      });
    });
  }

  putFileText(f: FileTextKey, text: string | null): Promise<void> {
    return this.transaction(async () => {
      const row = this.writer
        .prepare<unknown[], { rowid: number }>(
          `UPDATE file_texts SET state = ? WHERE document_id = ? AND file_key = ? AND file_id = ? AND state = 'pending' RETURNING rowid`,
        )
        .get(text === null ? 'failed' : 'ok', f.documentId, f.fileKey, f.fileId);
      if (row) this.setFileText(row.rowid, text ?? '');
    });
  }

  private setFileText(rowid: number, text: string): void {
    this.writer.prepare('DELETE FROM file_text_fts WHERE rowid = ?').run(rowid);
    this.writer.prepare('INSERT INTO file_text_fts (rowid, text) VALUES (?, ?)').run(rowid, text);
  }

  async publicListCandidates(query: PublicListQuery, after: PublicListPosition | null, limit: number): Promise<PublicListPosition[]> {
    const { sql, params } = publicListSql(query, after, limit);
    return this.reads.statement<PublicListPosition>(sql).all(...params);
  }

  async fileTextOf(
    documentId: string,
    fileKey: string,
  ): Promise<{ fileId: string; state: 'pending' | 'ok' | 'failed'; text: string } | null> {
    const row = this.reads
      .statement<{ fileId: string; state: 'pending' | 'ok' | 'failed'; text: string }>(
        `SELECT f.file_id AS fileId, f.state AS state, ifnull(t.text, '') AS text
       FROM file_texts f LEFT JOIN file_text_fts t ON t.rowid = f.rowid WHERE f.document_id = ? AND f.file_key = ?`,
      )
      .get(documentId, fileKey);
    return row ?? null;
  }

  async filesWithoutText(afterSeq: number, examine: number): Promise<{ files: FileTextKey[]; last: number | null }> {
    // Decided in SQL from the indexed fields, without parsing the records in JS: at start-up most
    // files already have their text, and this runs over every one of them.
    const rows = this.reads
      .statement<FileTextKey & { seq: number; needed: number }>(
        `WITH page AS (SELECT seq, id, deleted, json_extract(data, '$.documentId') AS documentId,
           json_extract(data, '$.fileKey') AS fileKey, json_extract(data, '$.fileVersion') AS fileVersion
           FROM records WHERE collection = 'files' AND seq > ? ORDER BY seq LIMIT ?)
         SELECT seq, documentId, fileKey, id AS fileId, fileVersion, deleted = 0 AND NOT EXISTS (SELECT 1 FROM file_texts t
           WHERE t.document_id = page.documentId AND t.file_key = page.fileKey AND t.file_version >= page.fileVersion) AS needed
         FROM page ORDER BY seq`,
      )
      .all(afterSeq, examine);
    return {
      files: rows
        .filter((r) => r.needed === 1)
        .map(({ documentId, fileKey, fileId, fileVersion }) => ({ documentId, fileKey, fileId, fileVersion })),
      last: rows.at(-1)?.seq ?? null,
    };
  }

  async pendingFileTexts(limit: number): Promise<FileTextKey[]> {
    return this.reader
      .prepare<[number], FileTextKey>(
        `SELECT document_id AS documentId, file_key AS fileKey, file_id AS fileId, file_version AS fileVersion
         FROM file_texts WHERE state = 'pending' ORDER BY rowid LIMIT ?`,
      )
      .all(limit);
  }

  async auditCandidatePage(
    userId: string,
    registerIds: readonly string[],
    afterSeq: number,
    at: AuditCandidateCursor | null,
    size: number,
  ): Promise<AuditCandidatePage> {
    if (registerIds.length === 0) return { seqs: [], next: null };
    const cursor = at ?? { phase: 'cases', after: '' };
    const regs = registerIds.map(() => '?').join(',');
    if (cursor.phase === 'changed') {
      // Entries changed since written (their tombstones), from the partial index of changed records.
      const rows = this.reads
        .statement<{ seq: number }>(
          `SELECT seq FROM records WHERE collection = 'audit' AND version > 1 AND seq > ? AND register_id IN (${regs}) ORDER BY seq LIMIT ?`,
        )
        .all(Math.max(afterSeq, cursor.after), ...registerIds, size)
        .map((r) => r.seq);
      return { seqs: rows, next: rows.length < size ? null : { phase: 'changed', after: rows.at(-1)! } };
    }
    // A page of the user's cases (with their documents) or of the documents they are responsible
    // for, by id from the index of responsible officers; then the entries about them, their
    // documents' files included. Joins, not IN lists: SQLite uses expression indexes for equality
    // joins (the unary + strips the affinity that would keep it off them); the covering indexes
    // answer without touching the entries.
    const ids = this.reads
      .statement<{ id: string }>(
        `SELECT id FROM records WHERE collection = ? AND json_extract(data, '$.responsibleUserId') = ? AND id > ? ORDER BY id LIMIT ?`,
      )
      .all(cursor.phase, userId, cursor.after, size)
      .map((r) => r.id);
    const next: AuditCandidateCursor | null =
      ids.length === size
        ? { phase: cursor.phase, after: ids.at(-1)! }
        : cursor.phase === 'cases'
          ? { phase: 'documents', after: '' }
          : { phase: 'changed', after: 0 };
    if (ids.length === 0) return { seqs: [], next };
    const docs =
      cursor.phase === 'cases'
        ? `SELECT d.id FROM page c CROSS JOIN records d ON d.collection = 'documents' AND json_extract(d.data, '$.caseId') = +c.id`
        : 'SELECT id FROM page';
    const sql = `WITH page(id) AS (SELECT value FROM json_each(?)), docs AS MATERIALIZED (${docs}),
      targets AS (SELECT id FROM page UNION ALL SELECT id FROM docs UNION ALL
        SELECT f.id FROM docs d CROSS JOIN records f ON f.collection = 'files' AND json_extract(f.data, '$.documentId') = +d.id)
      SELECT a.seq AS seq FROM targets t CROSS JOIN records a INDEXED BY records_audit_target_seq
        ON a.collection = 'audit' AND json_extract(a.data, '$.recordId') = +t.id AND a.seq > ? AND a.register_id IN (${regs})`;
    const seqs = this.reads
      .statement<{ seq: number }>(sql)
      .all(JSON.stringify(ids), afterSeq, ...registerIds)
      .map((r) => r.seq);
    return { seqs, next };
  }

  async recordsBySeq(collection: CollectionName, seqs: readonly number[]): Promise<StoredRecord[]> {
    const out: StoredRecord[] = [];
    for (let i = 0; i < seqs.length; i += 500) {
      const chunk = seqs.slice(i, i + 500);
      const sql = `SELECT * FROM records WHERE seq IN (${chunk.map(() => '?').join(',')}) AND collection = ? ORDER BY seq`;
      out.push(
        ...this.reads
          .statement(sql)
          .all(...chunk, collection)
          .map(toRecord),
      );
    }
    return out;
  }

  async maxSeq(collection: CollectionName): Promise<number> {
    return this.stmts.maxSeq.get(collection)?.m ?? 0;
  }

  async countRecords(collection: CollectionName): Promise<number> {
    return this.stmts.count.get(collection)!.n;
  }

  async countAfter(collection: CollectionName, afterSeq: number, upToSeq: number, registerIds: readonly string[] | null): Promise<number> {
    if (registerIds !== null && registerIds.length === 0) return 0;
    const inRegisters = registerIds === null ? '' : ` AND register_id IN (${registerIds.map(() => '?').join(',')})`;
    // The covering index (migration 025): no row is read, however large the records.
    const sql = `SELECT COUNT(*) AS n FROM records INDEXED BY records_seq_register WHERE collection = ? AND seq > ? AND seq <= ?${inRegisters}`;
    return this.reads.statement<{ n: number }>(sql).get(collection, afterSeq, upToSeq, ...(registerIds ?? []))!.n;
  }

  async getCredentials(username: string): Promise<Credentials | null> {
    const row = this.stmts.cred.get(username);
    return row ? toCredentials(row) : null;
  }

  async getCredentialsOf(userId: string): Promise<Credentials | null> {
    const row = this.stmts.credOf.get(userId);
    return row ? toCredentials(row) : null;
  }

  setCredentials(c: Credentials): Promise<void> {
    return this.transaction(async () => {
      this.stmts.setCred.run(c.userId, c.username, c.passwordHash, c.mustChangePassword ? 1 : 0);
    });
  }

  createSession(sess: SessionRow, nowMs: number): Promise<void> {
    return this.transaction(async () => {
      this.stmts.purgeSessions.run(nowMs);
      this.stmts.addSession.run(sess.tokenHash, sess.userId, sess.expiresAt);
    });
  }

  async getSession(tokenHash: string): Promise<SessionRow | null> {
    const row = this.stmts.session.get(tokenHash);
    return row
      ? {
          tokenHash: row.token_hash,
          userId: row.user_id,
          expiresAt: row.expires_at,
          secondFactorAt: row.second_factor_at,
          lastActiveAt: row.last_active_at,
        }
      : null;
  }

  deleteSession(tokenHash: string): Promise<void> {
    return this.transaction(async () => {
      this.stmts.delSession.run(tokenHash);
    });
  }

  deleteOtherSessions(userId: string, keepTokenHash: string): Promise<string[]> {
    return this.transaction(async () => this.stmts.delOtherSessions.all(userId, keepTokenHash).map((r) => r.token_hash));
  }

  putAccessSnapshot(fingerprint: string, subjectJson: string): Promise<void> {
    return this.transaction(async () => {
      this.stmts.putSnapshot.run(fingerprint, subjectJson);
    });
  }

  async getAccessSnapshot(fingerprint: string): Promise<string | null> {
    return this.stmts.getSnapshot.get(fingerprint)?.subject ?? null;
  }

  async auditSnapshot(): Promise<AuditChainSnapshot> {
    // Its own connection in one read transaction: a consistent view that never holds up the
    // shared reader (pulls) and is not disturbed by pushes committed meanwhile.
    const db = new Database(this.writer.name, { readonly: true });
    db.pragma('busy_timeout = 5000');
    db.exec('BEGIN');
    const heads = db.prepare<[], { register_id: string; position: number; hash: string }>('SELECT * FROM audit_heads ORDER BY register_id');
    const page = db.prepare<[string, number, number], RecordRow>(AUDIT_PAGE_SQL);
    // The first read fixes the snapshot, before anyone can ask for heads or pages.
    const headRows = heads.all();
    return {
      heads: async () => headRows.map((h) => ({ registerId: h.register_id, position: h.position, hash: h.hash })),
      page: async (after, limit) => page.all(after?.registerId ?? '', after?.position ?? 0, limit).map(toRecord),
      close: async () => {
        db.exec('COMMIT');
        db.close();
      },
    };
  }

  async getSecondFactor(userId: string): Promise<SecondFactorRow | null> {
    const row = this.stmts.secondFactor.get(userId);
    return row
      ? {
          userId: row.user_id,
          method: row.method,
          secret: row.secret,
          confirmed: row.confirmed === 1,
          lastStep: row.last_step,
          createdAt: row.created_at,
        }
      : null;
  }

  putSecondFactor(row: SecondFactorRow, replaceConfirmed = false): Promise<boolean> {
    const stmt = replaceConfirmed ? this.stmts.replaceSecondFactor : this.stmts.putSecondFactor;
    return this.transaction(
      async () => stmt.run(row.userId, row.method, row.secret, row.confirmed ? 1 : 0, row.lastStep, row.createdAt).changes === 1,
    );
  }

  acceptSecondFactorStep(userId: string, step: number, confirm: boolean): Promise<boolean> {
    return this.transaction(async () => this.stmts.acceptStep.run(step, confirm ? 1 : 0, userId, step).changes === 1);
  }

  setSessionSecondFactor(tokenHash: string, secondFactorAt: number | null, lastActiveAt: number | null): Promise<void> {
    return this.transaction(async () => {
      this.stmts.sessionSecondFactor.run(secondFactorAt, lastActiveAt, tokenHash);
    });
  }

  takeEnrolmentCode(userId: string, codeHash: string, nowMs: number): Promise<boolean> {
    return this.transaction(async () => this.stmts.takeEnrolmentCode.run(userId, codeHash, nowMs).changes === 1);
  }

  addDevice(tokenHash: string, userId: string, nowMs: number): Promise<void> {
    return this.transaction(async () => {
      this.stmts.addDevice.run(tokenHash, userId, nowMs);
    });
  }

  async deviceOwner(tokenHash: string): Promise<string | null> {
    return this.stmts.device.get(tokenHash)?.user_id ?? null;
  }

  setSessionLastActive(tokenHash: string, lastActiveAt: number): Promise<void> {
    return this.transaction(async () => {
      this.stmts.sessionLastActive.run(lastActiveAt, tokenHash);
    });
  }

  async auditHeads(): Promise<AuditHead[]> {
    return this.stmts.auditHeads.all().map((h) => ({ registerId: h.register_id, position: h.position, hash: h.hash }));
  }

  async addAuditCheckpoint(c: AuditCheckpoint): Promise<void> {
    await this.transaction(async () => {
      this.stmts.addCheckpoint.run(c.registerId, c.position, c.hash, c.at, c.keyId, c.signature);
    });
  }

  async listAuditCheckpoints(): Promise<AuditCheckpoint[]> {
    return this.stmts.checkpoints.all().map(toCheckpoint);
  }

  async listAuditBridges(): Promise<AuditBridge[]> {
    return this.stmts.bridges.all().map((r) => ({
      kind: 'diarium-audit-bridge/1',
      registerId: r.register_id,
      position: r.position,
      oldHash: r.old_hash,
      newHash: r.new_hash,
      at: r.at,
      keyId: r.key_id,
      signature: r.signature,
    }));
  }

  async listTrustedCas(): Promise<TrustedCa[]> {
    return this.stmts.trustedCas
      .all()
      .map((r) => ({ id: r.id, certificate: r.certificate, subject: r.subject, addedBy: r.added_by, addedAt: r.added_at }));
  }

  /** False when that certificate is already on the list. */
  async addTrustedCa(ca: TrustedCa): Promise<boolean> {
    return this.transaction(
      async () => this.stmts.addTrustedCa.run(ca.id, ca.certificate, ca.subject, ca.addedBy, ca.addedAt).changes === 1,
    );
  }

  async removeTrustedCa(id: string): Promise<boolean> {
    return this.transaction(async () => this.stmts.removeTrustedCa.run(id).changes === 1);
  }

  async close(): Promise<void> {
    await this.queue;
    this.reader.close();
    this.writer.close();
  }
}
