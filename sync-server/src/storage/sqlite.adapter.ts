import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { CollectionName } from '../../../shared/src';
import type { AuditChainSnapshot, Credentials, RelationField, SecondFactorRow, SessionRow, Storage, StorageTx, StoredRecord } from './storage';

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
CREATE TABLE IF NOT EXISTS audit_heads (register_id TEXT PRIMARY KEY, position INTEGER NOT NULL, hash TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS records_audit_chain ON records (register_id, json_extract(data, '$.position')) WHERE collection = 'audit';
CREATE TABLE IF NOT EXISTS second_factors (
  user_id TEXT PRIMARY KEY, method TEXT NOT NULL, secret TEXT NOT NULL, confirmed INTEGER NOT NULL,
  last_step INTEGER, created_at INTEGER NOT NULL
);
-- availability (issue 12): what decides who reads an actor-register entry, indexed so a pull filters in SQL
CREATE INDEX IF NOT EXISTS records_by_responsible ON records (collection, json_extract(data, '$.responsibleUserId'));
CREATE INDEX IF NOT EXISTS records_audit_target_seq ON records (json_extract(data, '$.recordId'), seq, register_id) WHERE collection = 'audit';
CREATE INDEX IF NOT EXISTS records_changed_seq ON records (collection, seq, register_id) WHERE version > 1;
`;

/** Columns added after the first release; ALTER TABLE runs once on older data folders. */
const ADDED_COLUMNS: readonly { table: string; column: string; type: string }[] = [
  { table: 'sessions', column: 'second_factor_at', type: 'INTEGER' },
  { table: 'sessions', column: 'last_active_at', type: 'INTEGER' },
];

function addMissingColumns(db: Database.Database): void {
  for (const { table, column, type } of ADDED_COLUMNS) {
    const cols = db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all();
    if (!cols.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  }
}

const AUDIT_PAGE_SQL = `SELECT * FROM records WHERE collection = 'audit'
  AND (register_id, json_extract(data, '$.position')) > (?, ?)
  ORDER BY register_id, json_extract(data, '$.position') LIMIT ?`;

interface SecondFactorDbRow {
  user_id: string;
  method: string;
  secret: string;
  confirmed: number;
  last_step: number | null;
  created_at: number;
}

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
  /** Reads with IN lists, prepared once per list length: preparing costs more than a small read. */
  private readonly listReads = new Map<string, Database.Statement<unknown[], unknown>>();
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
    addMissingColumns(this.writer);
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
      session: r.prepare<[string], { token_hash: string; user_id: string; expires_at: number; second_factor_at: number | null; last_active_at: number | null }>(
        'SELECT * FROM sessions WHERE token_hash = ?',
      ),
      addSession: w.prepare('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)'),
      delSession: w.prepare('DELETE FROM sessions WHERE token_hash = ?'),
      purgeSessions: w.prepare('DELETE FROM sessions WHERE expires_at < ?'),
      touch: w.prepare<[number, string, string], RecordRow>("UPDATE records SET seq = ?, version = version + 1, data = json_set(data, '$.syncVersion', version + 1) WHERE collection = ? AND id = ? RETURNING *"),
      related: Object.fromEntries(
        RELATION_FIELDS.map((f) => [f, w.prepare<[string, string], { id: string }>(`SELECT id FROM records WHERE collection = ? AND json_extract(data, '$.${f}') = ?`)]),
      ) as Record<RelationField, Database.Statement<[string, string], { id: string }>>,
      relatedRead: Object.fromEntries(
        RELATION_FIELDS.map((f) => [f, r.prepare<[string, string], RecordRow>(`SELECT * FROM records WHERE collection = ? AND json_extract(data, '$.${f}') = ?`)]),
      ) as Record<RelationField, Database.Statement<[string, string], RecordRow>>,
      putSnapshot: w.prepare('INSERT OR IGNORE INTO access_snapshots (fingerprint, subject) VALUES (?, ?)'),
      getSnapshot: r.prepare<[string], { subject: string }>('SELECT subject FROM access_snapshots WHERE fingerprint = ?'),
      auditHead: w.prepare<[string], { register_id: string; position: number; hash: string }>('SELECT * FROM audit_heads WHERE register_id = ?'),
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
      sessionSecondFactor: w.prepare<[number | null, number | null, string]>('UPDATE sessions SET second_factor_at = ?, last_active_at = ? WHERE token_hash = ?'),
      sessionLastActive: w.prepare<[number, string]>('UPDATE sessions SET last_active_at = MAX(COALESCE(last_active_at, 0), ?) WHERE token_hash = ?'),
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
      listWhere: async (collection, field, value) => {
        if (!RELATION_FIELDS.includes(field)) throw new Error(`not a relation field: ${field}`);
        return s.related[field].all(collection, value).map((r) => toRecord(s.getW.get(collection, r.id)!));
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

  async getRecords(collection: CollectionName, ids: readonly string[]): Promise<StoredRecord[]> {
    const out: StoredRecord[] = [];
    // SQLite limits bound parameters; 500 per statement stays far below it.
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = this.listRead(`SELECT * FROM records WHERE collection = ? AND id IN (${chunk.map(() => '?').join(',')})`).all(collection, ...chunk);
      out.push(...rows.map(toRecord));
    }
    return out;
  }

  async pullPage(collection: CollectionName, afterSeq: number, limit: number, registerIds: readonly string[] | null): Promise<StoredRecord[]> {
    if (registerIds === null) return this.stmts.page.all(collection, afterSeq, limit).map(toRecord);
    if (registerIds.length === 0) return [];
    const placeholders = registerIds.map(() => '?').join(',');
    const rows = this.listRead(`SELECT * FROM records WHERE collection = ? AND seq > ? AND register_id IN (${placeholders}) ORDER BY seq LIMIT ?`).all(collection, afterSeq, ...registerIds, limit);
    return rows.map(toRecord);
  }

  async auditCandidateSeqs(afterSeq: number, limit: number, registerIds: readonly string[], userId: string): Promise<number[]> {
    if (registerIds.length === 0) return [];
    const regs = registerIds.map(() => '?').join(',');
    // Joins, not IN lists: SQLite uses expression indexes for equality joins (the unary + strips
    // the TEXT affinity that would keep it off them); every branch is an index search, and the
    // covering indexes answer without touching the rows.
    const sql = `WITH mine_cases AS (SELECT id FROM records WHERE collection = 'cases' AND json_extract(data, '$.responsibleUserId') = ?),
      mine_docs AS (SELECT id FROM records WHERE collection = 'documents' AND json_extract(data, '$.responsibleUserId') = ?
        UNION SELECT d.id FROM mine_cases c CROSS JOIN records d ON d.collection = 'documents' AND json_extract(d.data, '$.caseId') = +c.id),
      mine_targets AS (SELECT id FROM mine_cases UNION ALL SELECT id FROM mine_docs UNION ALL
        SELECT f.id FROM mine_docs d CROSS JOIN records f ON f.collection = 'files' AND json_extract(f.data, '$.documentId') = +d.id)
      SELECT a.seq AS seq FROM mine_targets t CROSS JOIN records a INDEXED BY records_audit_target_seq
        ON a.collection = 'audit' AND json_extract(a.data, '$.recordId') = +t.id AND a.seq > ? AND a.register_id IN (${regs})
      UNION SELECT seq FROM records WHERE collection = 'audit' AND version > 1 AND seq > ? AND register_id IN (${regs})
      ORDER BY seq LIMIT ?`;
    return this.listRead<{ seq: number }>(sql)
      .all(userId, userId, afterSeq, ...registerIds, afterSeq, ...registerIds, limit)
      .map((r) => r.seq);
  }

  async recordsBySeq(collection: CollectionName, seqs: readonly number[]): Promise<StoredRecord[]> {
    const out: StoredRecord[] = [];
    for (let i = 0; i < seqs.length; i += 500) {
      const chunk = seqs.slice(i, i + 500);
      const sql = `SELECT * FROM records WHERE seq IN (${chunk.map(() => '?').join(',')}) AND collection = ? ORDER BY seq`;
      out.push(...this.listRead(sql).all(...chunk, collection).map(toRecord));
    }
    return out;
  }

  private listRead<Row = RecordRow>(sql: string): Database.Statement<unknown[], Row> {
    let stmt = this.listReads.get(sql);
    if (!stmt) {
      stmt = this.reader.prepare<unknown[], unknown>(sql);
      this.listReads.set(sql, stmt);
    }
    return stmt as Database.Statement<unknown[], Row>;
  }

  async maxSeq(collection: CollectionName): Promise<number> {
    return this.stmts.maxSeq.get(collection)?.m ?? 0;
  }

  async countRecords(collection: CollectionName): Promise<number> {
    return this.stmts.count.get(collection)!.n;
  }

  async countAfter(collection: CollectionName, afterSeq: number, registerIds: readonly string[] | null, cap = Number.MAX_SAFE_INTEGER): Promise<number> {
    if (registerIds !== null && registerIds.length === 0) return 0;
    const inRegisters = registerIds === null ? '' : ` AND register_id IN (${registerIds.map(() => '?').join(',')})`;
    // Counting stops at the cap: a count is a walk over the rows, and it runs inside one message.
    const sql = `SELECT COUNT(*) AS n FROM (SELECT 1 FROM records WHERE collection = ? AND seq > ?${inRegisters} LIMIT ?)`;
    return this.listRead<{ n: number }>(sql).get(collection, afterSeq, ...(registerIds ?? []), cap)!.n;
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

  createSession(sess: SessionRow, nowMs: number): Promise<void> {
    return this.transaction(async () => {
      this.stmts.purgeSessions.run(nowMs);
      this.stmts.addSession.run(sess.tokenHash, sess.userId, sess.expiresAt);
    });
  }

  async getSession(tokenHash: string): Promise<SessionRow | null> {
    const row = this.stmts.session.get(tokenHash);
    return row
      ? { tokenHash: row.token_hash, userId: row.user_id, expiresAt: row.expires_at, secondFactorAt: row.second_factor_at, lastActiveAt: row.last_active_at }
      : null;
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
      ? { userId: row.user_id, method: row.method, secret: row.secret, confirmed: row.confirmed === 1, lastStep: row.last_step, createdAt: row.created_at }
      : null;
  }

  putSecondFactor(row: SecondFactorRow): Promise<boolean> {
    return this.transaction(async () => this.stmts.putSecondFactor.run(row.userId, row.method, row.secret, row.confirmed ? 1 : 0, row.lastStep, row.createdAt).changes === 1);
  }

  acceptSecondFactorStep(userId: string, step: number, confirm: boolean): Promise<boolean> {
    return this.transaction(async () => this.stmts.acceptStep.run(step, confirm ? 1 : 0, userId, step).changes === 1);
  }

  setSessionSecondFactor(tokenHash: string, secondFactorAt: number | null, lastActiveAt: number | null): Promise<void> {
    return this.transaction(async () => {
      this.stmts.sessionSecondFactor.run(secondFactorAt, lastActiveAt, tokenHash);
    });
  }

  setSessionLastActive(tokenHash: string, lastActiveAt: number): Promise<void> {
    return this.transaction(async () => {
      this.stmts.sessionLastActive.run(lastActiveAt, tokenHash);
    });
  }

  async close(): Promise<void> {
    await this.queue;
    this.reader.close();
    this.writer.close();
  }
}
