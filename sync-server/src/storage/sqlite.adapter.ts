import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { CollectionName } from '../../../shared/src';
import type { Credentials, RelationField, SessionRow, Storage, StorageTx, StoredRecord } from './storage';

const RELATION_FIELDS: readonly RelationField[] = ['caseId', 'documentId', 'recordId'];

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO meta (key, value) VALUES ('seq', 0);
CREATE TABLE IF NOT EXISTS records (
  collection TEXT NOT NULL,
  id TEXT NOT NULL,
  register_id TEXT NOT NULL,
  seq INTEGER NOT NULL UNIQUE,
  version INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  data TEXT NOT NULL,
  PRIMARY KEY (collection, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS records_by_seq ON records (collection, seq);
CREATE INDEX IF NOT EXISTS records_by_case ON records (collection, json_extract(data, '$.caseId'));
CREATE INDEX IF NOT EXISTS records_by_document ON records (collection, json_extract(data, '$.documentId'));
CREATE INDEX IF NOT EXISTS records_by_target ON records (collection, json_extract(data, '$.recordId'));
CREATE TABLE IF NOT EXISTS access_snapshots (fingerprint TEXT PRIMARY KEY, subject TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS counters (
  register_id TEXT NOT NULL, series TEXT NOT NULL, year INTEGER NOT NULL, value INTEGER NOT NULL,
  PRIMARY KEY (register_id, series, year)
);
CREATE TABLE IF NOT EXISTS credentials (
  user_id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, expires_at INTEGER NOT NULL
);
`;

interface RecordRow {
  collection: string;
  id: string;
  register_id: string;
  seq: number;
  version: number;
  deleted: number;
  data: string;
}

function toRecord(row: RecordRow): StoredRecord {
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
 * SQLite storage in WAL mode. Writes go through one connection, serialised by a queue so a
 * transaction's awaits never interleave with another write; reads use a second connection and
 * therefore only ever see committed data (a pull can never hand out a row that is rolled back).
 */
export class SqliteStorage implements Storage {
  private readonly writer: Database.Database;
  private readonly reader: Database.Database;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly stmts;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, 'diarium.sqlite');
    this.writer = new Database(file);
    this.writer.pragma('journal_mode = WAL');
    // FULL: an acknowledged push survives a crash of the process and of the machine.
    this.writer.pragma('synchronous = FULL');
    this.writer.pragma('busy_timeout = 5000');
    this.writer.exec(SCHEMA);
    this.reader = new Database(file, { readonly: true });
    this.reader.pragma('busy_timeout = 5000');
    const w = this.writer;
    const r = this.reader;
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
      page: r.prepare<[string, number, number], RecordRow>('SELECT * FROM records WHERE collection = ? AND seq > ? ORDER BY seq LIMIT ?'),
      maxSeq: r.prepare<[string], { m: number | null }>('SELECT MAX(seq) AS m FROM records WHERE collection = ?'),
      count: r.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM records WHERE collection = ?'),
      cred: r.prepare<[string], { user_id: string; username: string; password_hash: string }>('SELECT * FROM credentials WHERE username = ?'),
      setCred: w.prepare('INSERT INTO credentials (user_id, username, password_hash) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET username = excluded.username, password_hash = excluded.password_hash'),
      session: r.prepare<[string], { token_hash: string; user_id: string; expires_at: number }>('SELECT * FROM sessions WHERE token_hash = ?'),
      addSession: w.prepare('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)'),
      delSession: w.prepare('DELETE FROM sessions WHERE token_hash = ?'),
      purgeSessions: w.prepare('DELETE FROM sessions WHERE expires_at < ?'),
      touch: w.prepare<[number, string, string], RecordRow>('UPDATE records SET seq = ?, version = version + 1 WHERE collection = ? AND id = ? RETURNING *'),
      related: Object.fromEntries(
        RELATION_FIELDS.map((f) => [f, w.prepare<[string, string], { id: string }>(`SELECT id FROM records WHERE collection = ? AND json_extract(data, '$.${f}') = ?`)]),
      ) as Record<RelationField, Database.Statement<[string, string], { id: string }>>,
      putSnapshot: w.prepare('INSERT OR IGNORE INTO access_snapshots (fingerprint, subject) VALUES (?, ?)'),
      getSnapshot: r.prepare<[string], { subject: string }>('SELECT subject FROM access_snapshots WHERE fingerprint = ?'),
    };
  }

  transaction<T>(fn: (tx: StorageTx) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      this.writer.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.txApi());
        this.writer.exec('COMMIT');
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
        return { collection, id: data.id, registerId: data.registerId, seq, version, deleted, data: stored };
      },
      nextCounter: async (registerId, series, year) => s.counter.get(registerId, series, year)!.value,
      raiseCounter: async (registerId, series, year, value) => {
        s.raiseCounter.run(registerId, series, year, value);
      },
      touchWhere: async (collection, field, value) => {
        if (!RELATION_FIELDS.includes(field)) throw new Error(`not a relation field: ${field}`);
        const ids = s.related[field].all(collection, value).map((r) => r.id);
        return ids.map((id) => toRecord(s.touch.get(s.nextSeq.get()!.value, collection, id)!));
      },
    };
  }

  async getRecord(collection: CollectionName, id: string): Promise<StoredRecord | null> {
    const row = this.stmts.get.get(collection, id);
    return row ? toRecord(row) : null;
  }

  async getRecords(collection: CollectionName, ids: readonly string[]): Promise<StoredRecord[]> {
    const out: StoredRecord[] = [];
    // SQLite limits bound parameters; 500 per statement stays far below it.
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = this.reader
        .prepare<unknown[], RecordRow>(`SELECT * FROM records WHERE collection = ? AND id IN (${chunk.map(() => '?').join(',')})`)
        .all(collection, ...chunk);
      out.push(...rows.map(toRecord));
    }
    return out;
  }

  async pullPage(collection: CollectionName, afterSeq: number, limit: number, registerIds: readonly string[] | null): Promise<StoredRecord[]> {
    if (registerIds === null) return this.stmts.page.all(collection, afterSeq, limit).map(toRecord);
    if (registerIds.length === 0) return [];
    const placeholders = registerIds.map(() => '?').join(',');
    const rows = this.reader
      .prepare<unknown[], RecordRow>(`SELECT * FROM records WHERE collection = ? AND seq > ? AND register_id IN (${placeholders}) ORDER BY seq LIMIT ?`)
      .all(collection, afterSeq, ...registerIds, limit);
    return rows.map(toRecord);
  }

  async maxSeq(collection: CollectionName): Promise<number> {
    return this.stmts.maxSeq.get(collection)?.m ?? 0;
  }

  async countRecords(collection: CollectionName): Promise<number> {
    return this.stmts.count.get(collection)!.n;
  }

  async getCredentials(username: string): Promise<Credentials | null> {
    const row = this.stmts.cred.get(username);
    return row ? { userId: row.user_id, username: row.username, passwordHash: row.password_hash } : null;
  }

  setCredentials(c: Credentials): Promise<void> {
    return this.transaction(async () => {
      this.stmts.setCred.run(c.userId, c.username, c.passwordHash);
    });
  }

  createSession(sess: SessionRow): Promise<void> {
    return this.transaction(async () => {
      this.stmts.purgeSessions.run(Date.now());
      this.stmts.addSession.run(sess.tokenHash, sess.userId, sess.expiresAt);
    });
  }

  async getSession(tokenHash: string): Promise<SessionRow | null> {
    const row = this.stmts.session.get(tokenHash);
    return row ? { tokenHash: row.token_hash, userId: row.user_id, expiresAt: row.expires_at } : null;
  }

  deleteSession(tokenHash: string): Promise<void> {
    return this.transaction(async () => {
      this.stmts.delSession.run(tokenHash);
    });
  }

  putAccessSnapshot(fingerprint: string, subjectJson: string): Promise<void> {
    return this.transaction(async () => {
      this.stmts.putSnapshot.run(fingerprint, subjectJson);
    });
  }

  async getAccessSnapshot(fingerprint: string): Promise<string | null> {
    return this.stmts.getSnapshot.get(fingerprint)?.subject ?? null;
  }

  async close(): Promise<void> {
    await this.queue;
    this.reader.close();
    this.writer.close();
  }
}
