import type { CollectionName } from '../../../shared/src';
import type { Query, TextTerm } from '../../../shared/src/search';
import type { PublicListPosition, PublicListQuery } from './public-list-sql';
import type { CandidateScope } from './search-sql';
import type { PersonalStorage, PersonalTx } from './personal-storage';
import type { ArchiveReads, ArchiveTx } from './archive-storage';
import type { DisposalReads, DisposalTx } from './disposal-storage';
import type { RoomCleanupReads, RoomCleanupTx } from './room-cleanups-storage';
import type { PublicationReads, PublicationTx } from './publication-storage';
import type { WorkingSetStorage } from './working-set-storage';

/** Fields of one record, read without the rest (`getRecordFields`). */
export interface RecordFields {
  id: string;
  data: Record<string, unknown>;
}

/** A record as the server stores it: the document plus its place in the change log. */
export interface StoredRecord {
  collection: CollectionName;
  id: string;
  registerId: string;
  /** Position in the global change sequence; pulls page by it. */
  seq: number;
  /** Per-record version, compared against the client's assumed master state. */
  version: number;
  deleted: boolean;
  data: Record<string, unknown>;
}

export interface Credentials {
  userId: string;
  username: string;
  passwordHash: string;
  /** A one-time password (create-admin): its sessions may do nothing but change it. */
  mustChangePassword?: boolean;
}

/** A one-time code an administrator issued so that a user can enrol a second factor; only its hash is kept. */
export interface EnrolmentCodeRow {
  userId: string;
  codeHash: string;
  expiresAt: number;
  issuedBy: string;
  issuedAt: number;
}

export interface SessionRow {
  tokenHash: string;
  userId: string;
  expiresAt: number;
  /** When this session last passed the second factor (ms); null when it has not, or it lapsed. */
  secondFactorAt?: number | null;
  /** Last activity recorded for second-factor freshness (ms, persisted at most every ~30 s). */
  lastActiveAt?: number | null;
}

/** The newest entry of one register's actor-register chain. */
export interface AuditHead {
  registerId: string;
  position: number;
  hash: string;
}

/** A user's second factor. `secret` never leaves the server; `confirmed` is false while enrolling. */
export interface SecondFactorRow {
  userId: string;
  method: string;
  secret: string;
  confirmed: boolean;
  /** Highest one-time counter (TOTP time step) accepted, so a code is never accepted twice. */
  lastStep: number | null;
  createdAt: number;
}

/** A signed statement that a register's actor-register chain had this head at this time. */
export interface AuditCheckpoint {
  registerId: string;
  position: number;
  hash: string;
  /** ISO time of signing. */
  at: string;
  /** Which key signed: hex SHA-256 of its public key (SPKI DER), first 16 bytes. */
  keyId: string;
  /** Ed25519 signature (base64) over `checkpointSigningBytes`. */
  signature: string;
}

/**
 * A signed statement that a register's chain was re-anchored (audit/re-anchor.ts): the entry at
 * `position` that had `oldHash` (the hash earlier checkpoints name) has `newHash` since the
 * register's scheme 1 entries were converted to scheme 2.
 */
export interface AuditBridge {
  kind: 'diarium-audit-bridge/1';
  registerId: string;
  position: number;
  oldHash: string;
  newHash: string;
  /** ISO time of signing. */
  at: string;
  keyId: string;
  /** Ed25519 signature (base64) over `bridgeSigningBytes`. */
  signature: string;
}

/** A CA certificate on the authority's trust list for approval signatures. */
export interface TrustedCa {
  /** Hex SHA-256 of the certificate DER. */
  id: string;
  /** The certificate, DER as base64. */
  certificate: string;
  subject: string;
  addedBy: string;
  addedAt: string;
}

/** A consistent read-only view of the actor register, for verifying its chains. */
export interface AuditChainSnapshot {
  heads(): Promise<AuditHead[]>;
  /** Audit entries ordered by (registerId, position), after the given place. */
  page(after: { registerId: string; position: number } | null, limit: number): Promise<StoredRecord[]>;
  close(): Promise<void>;
}

/** Operations inside one atomic transaction. */
export interface StorageTx {
  getRecord(collection: CollectionName, id: string): Promise<StoredRecord | null>;
  /** Writes a record with the next sequence number and version; returns what was stored. */
  putRecord(
    collection: CollectionName,
    data: Record<string, unknown> & { id: string; registerId: string },
    deleted?: boolean,
  ): Promise<StoredRecord>;
  /** Next value of a gap-free counter (number series, actor-register positions). */
  nextCounter(registerId: string, series: string, year: number): Promise<number>;
  /** Raises a counter to at least `value` (after importing numbered records). */
  raiseCounter(registerId: string, series: string, year: number, value: number): Promise<void>;
  /**
   * Gives every record whose `field` equals `value` a new sequence number and version without
   * changing its data, so that each user's next pull re-projects it (access to it changed).
   */
  touchWhere(collection: CollectionName, field: RelationField, value: string): Promise<StoredRecord[]>;
  /** Gives the named records new sequence numbers and versions without changing their data (see touchWhere). */
  touchIds(collection: CollectionName, ids: readonly string[]): Promise<StoredRecord[]>;
  /** The records whose `field` equals `value`. */
  listWhere(collection: CollectionName, field: RelationField, value: string): Promise<StoredRecord[]>;
  /** The chain head of a register's actor register (null before its first chained entry). */
  getAuditHead(registerId: string): Promise<AuditHead | null>;
  setAuditHead(head: AuditHead): Promise<void>;
  /** A register's actor-register entries after `afterPosition`, by position, as this transaction sees them. */
  auditEntriesAfter(registerId: string, afterPosition: number, limit: number): Promise<StoredRecord[]>;
  /** Records a bridge (the database's copy; the checkpoints file holds the one that counts). */
  addAuditBridge(bridge: AuditBridge): Promise<void>;
  /** Every register's chain head, as this transaction sees them. */
  auditHeads(): Promise<AuditHead[]>;
  /** The signed checkpoints recorded (the database's copies), as this transaction sees them. */
  listAuditCheckpoints(): Promise<AuditCheckpoint[]>;
  /** Records a signed checkpoint (the database's copy; the checkpoints file holds the one that counts). */
  addAuditCheckpoint(checkpoint: AuditCheckpoint): Promise<void>;
  /** Removes a user's second factor and the verified state of their sessions; false when there was none. */
  resetSecondFactor(userId: string): Promise<boolean>;
  /** Replaces the user's enrolment code (one live code per user), with the actor-register entry of issuing it. */
  putEnrolmentCode(code: EnrolmentCodeRow): Promise<void>;
  /** The personal lists (watches, subscriptions, favourites, notifications) in this transaction. */
  readonly personal: PersonalTx;
  /** The disposal tables (decisions, holds, disposed items) in this transaction. */
  readonly disposal: DisposalTx;
  /** The room clean-ups queue (what committed acts still owe the notes and proposal rooms) in this transaction. */
  readonly roomCleanups: RoomCleanupTx;
  /** Web publication (published documents, registers kept off the public list) in this transaction. */
  readonly publications: PublicationTx;
  /** The archive transfer tables (settings, transfers) in this transaction. */
  readonly archive: ArchiveTx;
}

/** A record the search index matched. */
/** Where a walk of actor-register candidates is (`Storage.auditCandidatePage`): the user's cases, documents by id, then changed entries by seq. */
export type AuditCandidateCursor = { phase: 'cases' | 'documents'; after: string } | { phase: 'changed'; after: number };

export interface AuditCandidatePage {
  seqs: number[];
  next: AuditCandidateCursor | null;
}

/**
 * A row of the search index a query matched, by its rowid only: which record it is
 * (`indexedRecords`) is read only for the candidates a search examines.
 */
export interface SearchCandidate {
  /** Its search_records rowid (what the relevance bound is asked for). */
  rowid: number;
  /** The index's order key: ascending is newest first. */
  newestKey: string;
}

/**
 * A document found by the text of one of its files (the newest version of that file), by the
 * document's index rowid and the file's file_texts rowid (`indexedFiles` tells its file id);
 * `words`: which of the query's unfielded words (by position) the file holds.
 */
export interface FileTextCandidate {
  rowid: number;
  newestKey: string;
  fileRowid: number;
  words: number[];
}

/** The record an index row holds (`Storage.indexedRecords`). */
export interface IndexedRecord {
  rowid: number;
  collection: 'cases' | 'documents';
  id: string;
}

/** The version of a logical file whose text the search index holds or awaits. */
export interface FileTextKey {
  documentId: string;
  fileKey: string;
  fileId: string;
  fileVersion: number;
}

/** A case or document naming a party (kept by the storage on every write of one). */
export interface PartyLinkRow {
  partyId: string;
  collection: 'cases' | 'documents';
  recordId: string;
  field: string;
}

/** Fields that relate records to each other; indexed for touchWhere (the meeting ones: an agenda, a body's year). */
export type RelationField = 'caseId' | 'documentId' | 'recordId' | 'meetingId' | 'bodyId';
/** The relations that tie a record to its working-set unit. */
export type UnitRelationField = 'caseId' | 'documentId' | 'recordId';

/**
 * Storage behind one interface: SQLite is the embedded default; PostgreSQL implements the same
 * contract for the scale path. All methods are async so either fits.
 */
/** What `scrubRemnants` did. */
export interface ScrubReport {
  /** False when a reader kept the log from being emptied (it is folded in at the next checkpoint). */
  walTruncated: boolean;
  /** The migration backups removed (file names). */
  backupsRemoved: string[];
}

export interface Storage {
  /** Each user's working set (settings, pins, window members and log). */
  readonly workingSets: WorkingSetStorage;
  /** Each user's watches, subscriptions, favourites and notifications (not register records). */
  readonly personal: PersonalStorage;
  /** Disposal's decisions, holds and disposed items (committed state; writes through `transaction`). */
  readonly disposal: DisposalReads;
  /** The room clean-ups still owed (committed state; writes through `transaction`). */
  readonly roomCleanups: RoomCleanupReads;
  /** Web publication's tables (committed state; writes through `transaction`). */
  readonly publications: PublicationReads;
  /** The archive settings and transfers (committed state; writes through `transaction`). */
  readonly archive: ArchiveReads;
  /** Runs `fn` atomically and serialised with other transactions; committed before it resolves. */
  transaction<T>(fn: (tx: StorageTx) => Promise<T>): Promise<T>;
  /**
   * How many transactions have committed since the store was opened, counted in the same step as
   * the commit: an answer made from reads begun at an older count may be stale (see PageCache).
   */
  readonly commits: number;
  /**
   * After content was destroyed (disposal), what is left of it outside the live rows goes: the
   * search index's FTS5 segments are merged (a deleted row's words stay in older segments until
   * they merge), every page is built anew (VACUUM: `secure_delete` zeroes freed cells and pages,
   * not the old cell bytes a page rebuilt by its b-tree's balancing keeps in its unused gap), the
   * write-ahead log is folded into the database and truncated (it keeps pages as they were), and
   * the copies taken before earlier migrations are removed (they hold the records as they were
   * then). Serialised with transactions: writes wait for the VACUUM.
   */
  scrubRemnants(): Promise<ScrubReport>;
  getRecord(collection: CollectionName, id: string): Promise<StoredRecord | null>;
  /** The records whose `field` equals `value` (an indexed relation), committed state. */
  listWhere(collection: CollectionName, field: RelationField, value: string): Promise<StoredRecord[]>;
  /** The records whose `field` is one of `values` (committed state), through the field's index. */
  listWhereIn(collection: CollectionName, field: UnitRelationField, values: readonly string[]): Promise<StoredRecord[]>;
  /** The cases and documents naming these parties, and in which field (committed state). */
  partyLinks(partyIds: readonly string[]): Promise<PartyLinkRow[]>;
  /** Live notice-board postings (meeting records of kind posting) taken down on or after `date`, any register. */
  postingsUpFrom(date: string): Promise<StoredRecord[]>;
  /** Several records by id (missing ones are left out), read in one go. */
  getRecords(collection: CollectionName, ids: readonly string[]): Promise<StoredRecord[]>;
  /**
   * Some top-level fields of several records by id (missing records are left out; a missing field
   * is null): reading a record's guard costs no parse of its whole JSON (a page of parties names
   * most of a register).
   */
  getRecordFields(collection: CollectionName, ids: readonly string[], fields: readonly string[]): Promise<RecordFields[]>;
  /**
   * Search candidates, newest first, at most `limit` (committed state): cases and documents in the
   * scope whose stored metadata matches the query's plain text and metadata terms. A superset of
   * what the user may find; the search service projects and re-checks each (search.service.ts).
   */
  searchCandidates(query: Query, scope: CandidateScope, limit: number): Promise<SearchCandidate[]>;
  /**
   * Documents by their files' extracted text (committed state), newest first, at most `limit`
   * files: those holding every unfielded word of the query, and those holding some where the
   * document's metadata holds the rest. Candidates only: the service checks the user may read
   * the file and re-checks every word.
   */
  fileTextCandidates(query: Query, scope: CandidateScope, limit: number): Promise<FileTextCandidate[]>;
  /** The records these index rows hold (rows gone since are left out). */
  indexedRecords(rowids: readonly number[]): Promise<IndexedRecord[]>;
  /** The file ids of these file text rows (file_texts rowid → file id; rows gone since are left out). */
  indexedFiles(fileRowids: readonly number[]): Promise<Map<number, string>>;
  /**
   * The relevance bound (search/relevance-bound.ts) of each of these index rows for the query, by
   * rowid: where each row's index text holds each unfielded word, asked of the FTS index.
   */
  searchBounds(query: Query, rowids: readonly number[]): Promise<Map<number, number>>;
  /**
   * Makes each version the one whose text the index holds for its logical file, text pending
   * (an older version's text is dropped at once), in one transaction; returns those marked (not
   * those whose version or a newer one is already there).
   */
  markFileTextsPending(files: readonly FileTextKey[]): Promise<FileTextKey[]>;
  /** The files of these documents whose indexed text holds this word or phrase (ids of the files). */
  filesWithText(term: TextTerm, documentIds: readonly string[]): Promise<string[]>;
  /** Stores the extracted text of a pending version (null: extraction failed); ignored if it is no longer the pending one. */
  putFileText(file: FileTextKey, text: string | null): Promise<void>;
  /**
   * Documents for the public register list (committed state) after `after`, in its order, at most
   * `limit`: candidates from the search index; each is gated on its stored record before use.
   */
  publicListCandidates(query: PublicListQuery, after: PublicListPosition | null, limit: number): Promise<PublicListPosition[]>;
  /** The indexed text of a logical file's newest version: which version, and its extraction state. */
  fileTextOf(documentId: string, fileKey: string): Promise<{ fileId: string; state: 'pending' | 'ok' | 'failed'; text: string } | null>;
  /**
   * Of the next `examine` file records after `afterSeq` (committed state), the live ones whose
   * version's text the index neither holds nor awaits; `last` is the last sequence number
   * examined, null when there was none left.
   */
  filesWithoutText(afterSeq: number, examine: number): Promise<{ files: FileTextKey[]; last: number | null }>;
  /** Pending file versions (extraction not done), at most `limit`. */
  pendingFileTexts(limit: number): Promise<FileTextKey[]>;
  /** Records of a collection after `afterSeq` in sequence order, optionally limited to registers. */
  pullPage(collection: CollectionName, afterSeq: number, limit: number, registerIds: readonly string[] | null): Promise<StoredRecord[]>;
  /**
   * One page of the sequence numbers of actor-register entries after `afterSeq` in these registers
   * that a user without `audit.read` might read: about a case they are responsible for, a
   * document they or its case's officer are responsible for, or a file of such a document (as
   * stored now), or changed after they were written (a revoked reader needs their tombstone).
   * Walked from `at` (null: the start) a bounded piece at a time, `size` cases, documents or
   * changed entries per page, until `next` is null; the pages together are a superset of what the
   * projection lets through, unordered, an entry possibly in more than one page.
   */
  auditCandidatePage(
    userId: string,
    registerIds: readonly string[],
    afterSeq: number,
    at: AuditCandidateCursor | null,
    size: number,
  ): Promise<AuditCandidatePage>;
  /** The records of a collection at these sequence numbers (those still there), in sequence order. */
  recordsBySeq(collection: CollectionName, seqs: readonly number[]): Promise<StoredRecord[]>;
  /** Highest sequence number stored for a collection (0 when empty). */
  maxSeq(collection: CollectionName): Promise<number>;
  countRecords(collection: CollectionName): Promise<number>;
  /** How many records of a collection are stored in (afterSeq, upToSeq] (in these registers; null: all), from an index. */
  countAfter(collection: CollectionName, afterSeq: number, upToSeq: number, registerIds: readonly string[] | null): Promise<number>;
  getCredentials(username: string): Promise<Credentials | null>;
  getCredentialsOf(userId: string): Promise<Credentials | null>;
  setCredentials(c: Credentials): Promise<void>;
  /** Stores a session and purges those expired at `nowMs` (the caller's clock). */
  createSession(s: SessionRow, nowMs: number): Promise<void>;
  getSession(tokenHash: string): Promise<SessionRow | null>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Ends every session of a user but one (a password change); returns the ended sessions' hashes. */
  deleteOtherSessions(userId: string, keepTokenHash: string): Promise<string[]>;
  /** What a user could read at a point in time, keyed by its fingerprint (pull checkpoints name it). */
  putAccessSnapshot(fingerprint: string, subjectJson: string): Promise<void>;
  getAccessSnapshot(fingerprint: string): Promise<string | null>;
  /** Opens a snapshot of the actor register that later writes do not change. */
  auditSnapshot(): Promise<AuditChainSnapshot>;
  /** Every register's committed chain head. */
  auditHeads(): Promise<AuditHead[]>;
  addAuditCheckpoint(checkpoint: AuditCheckpoint): Promise<void>;
  listAuditCheckpoints(): Promise<AuditCheckpoint[]>;
  listAuditBridges(): Promise<AuditBridge[]>;
  listTrustedCas(): Promise<TrustedCa[]>;
  addTrustedCa(ca: TrustedCa): Promise<boolean>;
  removeTrustedCa(id: string): Promise<boolean>;
  getSecondFactor(userId: string): Promise<SecondFactorRow | null>;
  /**
   * Stores a second factor, replacing an unconfirmed one only (false when a confirmed one exists),
   * or with `replaceConfirmed` whatever is there (a user replacing their app).
   */
  putSecondFactor(row: SecondFactorRow, replaceConfirmed?: boolean): Promise<boolean>;
  /**
   * Accepts one-time counter `step` for a user only if it is higher than any accepted before
   * (atomically, so two requests with the same code cannot both pass); optionally confirms the
   * enrolment in the same write. False when the step was already used.
   */
  acceptSecondFactorStep(userId: string, step: number, confirm: boolean): Promise<boolean>;
  /** Sets or clears a session's second-factor time and last activity. */
  setSessionSecondFactor(tokenHash: string, secondFactorAt: number | null, lastActiveAt: number | null): Promise<void>;
  setSessionLastActive(tokenHash: string, lastActiveAt: number): Promise<void>;
  /** Spends the user's enrolment code if it matches and has not expired (atomically: once). */
  takeEnrolmentCode(userId: string, codeHash: string, nowMs: number): Promise<boolean>;
  /** Remembers a device (by its token's hash) that signed in successfully as this user. */
  addDevice(tokenHash: string, userId: string, nowMs: number): Promise<void>;
  deviceOwner(tokenHash: string): Promise<string | null>;
  close(): Promise<void>;
}
