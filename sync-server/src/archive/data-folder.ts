import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { RECORD_MIGRATIONS, type CollectionName } from '../../../shared/src';
import type { ArchiveGeneration, ArchivedCheckpoint } from '../../../shared/src/archive';
import { SCHEMA_MIGRATIONS } from '../storage/migrations';
import { recordStates } from '../storage/migrations/record-runner';
import { ArchiveError } from './errors';

/** The index of each relation field (migration 001). */
const RELATION_INDEX = { caseId: 'records_by_case', documentId: 'records_by_document', recordId: 'records_by_target' } as const;

/**
 * A server's data folder opened for archiving: the SQLite store read under an exclusive lock, and
 * the file blobs. The server keeps the database open in WAL mode for as long as it runs, holding a
 * shared lock, so taking the exclusive lock fails at once while it runs (`locked`); held until
 * `close`, the lock also keeps a server from starting on the folder while a package is built.
 * Nothing is written: the transaction that holds the lock is rolled back. The running server reads
 * it through `snapshot` instead.
 */
export class ArchiveDataFolder {
  private readonly db: Database.Database;

  private constructor(
    readonly dir: string,
    db: Database.Database,
  ) {
    this.db = db;
  }

  static open(dir: string): ArchiveDataFolder {
    const file = path.join(dir, 'diarium.sqlite');
    if (!existsSync(file)) throw new ArchiveError('no_data_folder', `${dir} is not a server data folder (no diarium.sqlite)`);
    const db = new Database(file, { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 0');
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE');
    } catch (err) {
      db.close();
      if ((err as { code?: string }).code === 'SQLITE_BUSY' || (err as { code?: string }).code === 'SQLITE_LOCKED') {
        throw new ArchiveError('locked', `the data folder ${dir} is in use (is the server running on it?); stop the server and try again`);
      }
      throw err;
    }
    const folder = new ArchiveDataFolder(dir, db);
    try {
      folder.checkVersions();
    } catch (err) {
      folder.close();
      throw err;
    }
    return folder;
  }

  /**
   * The running server's data folder, read as one snapshot: a read-only connection of its own in
   * one read transaction, fixed by its first read (the version check), so a package is built from
   * one consistent state while the server keeps serving and writing (WAL readers never block).
   */
  static snapshot(dir: string): ArchiveDataFolder {
    const db = new Database(path.join(dir, 'diarium.sqlite'), { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    db.exec('BEGIN');
    const folder = new ArchiveDataFolder(dir, db);
    try {
      folder.checkVersions();
    } catch (err) {
      folder.close();
      throw err;
    }
    return folder;
  }

  /** Only a folder at exactly this version's schema and record shapes is read. */
  private checkVersions(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    const behind = recordStates(this.db, RECORD_MIGRATIONS).filter((s) => s.stored !== s.current);
    if (version !== SCHEMA_MIGRATIONS.length || behind.length > 0) {
      throw new ArchiveError(
        'data_folder_version',
        `the data folder is at schema ${version} (this version: ${SCHEMA_MIGRATIONS.length})` +
          (behind.length > 0 ? ` with stored records of other shapes (${behind.map((b) => b.collection).join(', ')})` : '') +
          '; run `npm run server -- --migrate-only` with the matching version first',
      );
    }
  }

  /** Every live record of a collection (data as stored). */
  all(collection: CollectionName): Record<string, unknown>[] {
    return this.db
      .prepare<[string], { data: string }>('SELECT data FROM records WHERE collection = ? AND deleted = 0')
      .all(collection)
      .map((r) => JSON.parse(r.data) as Record<string, unknown>);
  }

  byId(collection: CollectionName, id: string): Record<string, unknown> | null {
    const row = this.db
      .prepare<[string, string], { data: string }>('SELECT data FROM records WHERE collection = ? AND id = ? AND deleted = 0')
      .get(collection, id);
    return row ? (JSON.parse(row.data) as Record<string, unknown>) : null;
  }

  /**
   * Live records whose `caseId` / `documentId` / `recordId` is `value`, through their index, named:
   * reading `data` off a WITHOUT ROWID table, SQLite's planner (no statistics) otherwise prefers
   * scanning the collection by primary key (EXPLAIN QUERY PLAN: `USING PRIMARY KEY (collection=?)`).
   */
  where(collection: CollectionName, field: 'caseId' | 'documentId' | 'recordId', value: string): Record<string, unknown>[] {
    return this.db
      .prepare<[string, string], { data: string }>(
        `SELECT data FROM records INDEXED BY ${RELATION_INDEX[field]} WHERE collection = ? AND json_extract(data, '$.${field}') = ? AND deleted = 0`,
      )
      .all(collection, value)
      .map((r) => JSON.parse(r.data) as Record<string, unknown>);
  }

  /**
   * Live closed cases closed on or before `closedBy`, of one register or all, through the partial
   * index `records_closed_cases` (its WHERE terms repeated verbatim, as SQLite needs to use it;
   * named, since over every register the planner would otherwise scan the collection).
   */
  closedCases(registerId: string | undefined, closedBy: string): Record<string, unknown>[] {
    return this.db
      .prepare<{ registerId: string | null; closedBy: string }, { data: string }>(
        `SELECT data FROM records INDEXED BY records_closed_cases
         WHERE collection = 'cases' AND deleted = 0 AND json_extract(data, '$.status') = 'closed'
           AND ${registerId === undefined ? '' : 'register_id = :registerId AND '}json_extract(data, '$.closedDate') <= :closedBy`,
      )
      .all({ registerId: registerId ?? null, closedBy })
      .map((r) => JSON.parse(r.data) as Record<string, unknown>);
  }

  /** Live registered free-standing documents registered on or before `registeredBy` (`records_registered_free_documents`). */
  registeredFreeDocuments(registerId: string | undefined, registeredBy: string): Record<string, unknown>[] {
    return this.db
      .prepare<{ registerId: string | null; registeredBy: string }, { data: string }>(
        `SELECT data FROM records INDEXED BY records_registered_free_documents
         WHERE collection = 'documents' AND deleted = 0 AND json_extract(data, '$.caseId') = '' AND json_extract(data, '$.status') = 'registered'
           AND ${registerId === undefined ? '' : 'register_id = :registerId AND '}json_extract(data, '$.registeredDate') <= :registeredBy`,
      )
      .all({ registerId: registerId ?? null, registeredBy })
      .map((r) => JSON.parse(r.data) as Record<string, unknown>);
  }

  /** The cases and documents naming a party, and in which field (the store's `party_links`). */
  partyLinks(partyId: string): { collection: 'cases' | 'documents'; recordId: string; field: string }[] {
    return this.db
      .prepare<[string], { collection: 'cases' | 'documents'; record_id: string; field: string }>(
        'SELECT collection, record_id, field FROM party_links WHERE party_id = ? ORDER BY collection, record_id, field',
      )
      .all(partyId)
      .map((r) => ({ collection: r.collection, recordId: r.record_id, field: r.field }));
  }

  /** The authority's package generation (the archive settings), or null when none is set. */
  archiveGeneration(): ArchiveGeneration | null {
    const row = this.db.prepare<[], { generation: ArchiveGeneration }>('SELECT generation FROM archive_settings WHERE id = 1').get();
    return row?.generation ?? null;
  }

  checkpoints(): ArchivedCheckpoint[] {
    return this.db
      .prepare<[], { register_id: string; position: number; hash: string; at: string; key_id: string; signature: string }>(
        'SELECT * FROM audit_checkpoints ORDER BY register_id, position, at',
      )
      .all()
      .map((r) => ({ registerId: r.register_id, position: r.position, hash: r.hash, at: r.at, keyId: r.key_id, signature: r.signature }));
  }

  /** Where a file's content lies, or null when the blob is missing. */
  blobPath(sha256: string): string | null {
    // The blob store's layout (files/blob-store.ts), read without its constructor, which creates folders.
    if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
    const file = path.join(this.dir, 'blobs', sha256.slice(0, 2), sha256);
    return existsSync(file) ? file : null;
  }

  close(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.db.close();
  }
}
