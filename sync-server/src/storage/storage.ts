import type { CollectionName } from '../../../shared/src';

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
}

export interface SessionRow {
  tokenHash: string;
  userId: string;
  expiresAt: number;
}

/** Operations inside one atomic transaction. */
export interface StorageTx {
  getRecord(collection: CollectionName, id: string): Promise<StoredRecord | null>;
  /** Writes a record with the next sequence number and version; returns what was stored. */
  putRecord(collection: CollectionName, data: Record<string, unknown> & { id: string; registerId: string }, deleted?: boolean): Promise<StoredRecord>;
  /** Next value of a gap-free counter (number series, actor-register positions). */
  nextCounter(registerId: string, series: string, year: number): Promise<number>;
  /** Raises a counter to at least `value` (after importing numbered records). */
  raiseCounter(registerId: string, series: string, year: number, value: number): Promise<void>;
  /**
   * Gives every record whose `field` equals `value` a new sequence number and version without
   * changing its data, so that each user's next pull re-projects it (access to it changed).
   */
  touchWhere(collection: CollectionName, field: RelationField, value: string): Promise<StoredRecord[]>;
}

/** Fields that relate records to each other; indexed for touchWhere. */
export type RelationField = 'caseId' | 'documentId' | 'recordId';

/**
 * Storage behind one interface: SQLite is the embedded default; PostgreSQL implements the same
 * contract for the scale path. All methods are async so either fits.
 */
export interface Storage {
  /** Runs `fn` atomically and serialised with other transactions; committed before it resolves. */
  transaction<T>(fn: (tx: StorageTx) => Promise<T>): Promise<T>;
  getRecord(collection: CollectionName, id: string): Promise<StoredRecord | null>;
  /** Several records by id (missing ones are left out), read in one go. */
  getRecords(collection: CollectionName, ids: readonly string[]): Promise<StoredRecord[]>;
  /** Records of a collection after `afterSeq` in sequence order, optionally limited to registers. */
  pullPage(collection: CollectionName, afterSeq: number, limit: number, registerIds: readonly string[] | null): Promise<StoredRecord[]>;
  /** Highest sequence number stored for a collection (0 when empty). */
  maxSeq(collection: CollectionName): Promise<number>;
  countRecords(collection: CollectionName): Promise<number>;
  getCredentials(username: string): Promise<Credentials | null>;
  setCredentials(c: Credentials): Promise<void>;
  createSession(s: SessionRow): Promise<void>;
  getSession(tokenHash: string): Promise<SessionRow | null>;
  deleteSession(tokenHash: string): Promise<void>;
  /** What a user could read at a point in time, keyed by its fingerprint (pull checkpoints name it). */
  putAccessSnapshot(fingerprint: string, subjectJson: string): Promise<void>;
  getAccessSnapshot(fingerprint: string): Promise<string | null>;
  close(): Promise<void>;
}
