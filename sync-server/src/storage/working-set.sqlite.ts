import type Database from 'better-sqlite3';
import type {
  TouchRow,
  WindowCaseRow,
  WindowDocumentRow,
  WindowEvent,
  WindowPin,
  WindowState,
  WorkingSetStorage,
} from './working-set-storage';

type Serialise = <T>(fn: () => T) => Promise<T>;

const CASE_FIELDS = `id, deleted, json_extract(data, '$.status') AS status, json_extract(data, '$.responsibleUserId') AS responsibleUserId,
  json_extract(data, '$.createdBy') AS createdBy, json_extract(data, '$.createdAt') AS createdAt,
  json_extract(data, '$.updatedAt') AS updatedAt, json_extract(data, '$.newestKey') AS newestKey`;
const DOCUMENT_FIELDS = `${CASE_FIELDS}, json_extract(data, '$.caseId') AS caseId, json_extract(data, '$.registeredDate') AS registeredDate`;
const TOUCH_FIELDS = `json_extract(data, '$.recordCollection') AS recordCollection, json_extract(data, '$.recordId') AS recordId,
  json_extract(data, '$.caseId') AS caseId, json_extract(data, '$.at') AS at`;

/** The unit of a record in SQL, as `unitOf` computes it (working-set/unit-of.ts). */
const UNIT_SQL = {
  cases: 'r.id',
  documents: "COALESCE(NULLIF(json_extract(r.data, '$.caseId'), ''), r.id)",
  files: "COALESCE(NULLIF(json_extract(r.data, '$.caseId'), ''), json_extract(r.data, '$.documentId'))",
} as const;

type Row<T> = Omit<T, 'deleted'> & { deleted: number };
const rowOut = <T extends { deleted: boolean }>(r: Row<T>): T => ({ ...r, deleted: r.deleted === 1 }) as unknown as T;
const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** SQLite side of the working set: reads on the reader connection, writes serialised with the record transactions. */
export class SqliteWorkingSets implements WorkingSetStorage {
  constructor(
    private readonly reader: Database.Database,
    private readonly writer: Database.Database,
    private readonly serialise: Serialise,
  ) {}

  async settings(userId: string): Promise<{ months: number; version: number } | null> {
    return (
      this.reader
        .prepare<[string], { months: number; version: number }>('SELECT months, version FROM working_sets WHERE user_id = ?')
        .get(userId) ?? null
    );
  }

  putMonths(userId: string, months: number, defaultMonths: number): Promise<number> {
    return this.serialise(() => {
      this.ensureRow(userId, defaultMonths);
      return this.writer
        .prepare<[number, string], { version: number }>(
          'UPDATE working_sets SET months = ?, version = version + 1 WHERE user_id = ? RETURNING version',
        )
        .get(months, userId)!.version;
    });
  }

  async pins(userId: string): Promise<WindowPin[]> {
    return this.reader
      .prepare<[string], WindowPin>(
        'SELECT collection, record_id AS id, kind, at FROM working_set_pins WHERE user_id = ? ORDER BY at, record_id',
      )
      .all(userId);
  }

  putPin(userId: string, pin: WindowPin, defaultMonths: number): Promise<void> {
    return this.serialise(() => {
      this.ensureRow(userId, defaultMonths);
      this.writer
        .prepare(
          `INSERT INTO working_set_pins (user_id, record_id, collection, kind, at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (user_id, record_id) DO UPDATE SET at = excluded.at,
           kind = CASE WHEN working_set_pins.kind = 'pin' THEN 'pin' ELSE excluded.kind END`,
        )
        .run(userId, pin.id, pin.collection, pin.kind, pin.at);
      this.bump(userId);
    });
  }

  deletePin(userId: string, id: string, defaultMonths: number): Promise<boolean> {
    return this.serialise(() => {
      const removed = this.writer.prepare('DELETE FROM working_set_pins WHERE user_id = ? AND record_id = ?').run(userId, id).changes === 1;
      this.ensureRow(userId, defaultMonths);
      this.bump(userId);
      return removed;
    });
  }

  async state(userId: string): Promise<WindowState | null> {
    return (
      this.reader
        .prepare<[string], WindowState>(
          'SELECT evaluated_seq AS evaluatedSeq, start, version, head, registers FROM window_state WHERE user_id = ?',
        )
        .get(userId) ?? null
    );
  }

  async membersOf(userId: string, units: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < units.length; i += 500) {
      const chunk = units.slice(i, i + 500);
      const rows = this.reader
        .prepare<unknown[], { unit: string }>(`SELECT unit FROM window_members WHERE user_id = ? AND unit IN (${marks(chunk.length)})`)
        .all(userId, ...chunk);
      for (const r of rows) out.add(r.unit);
    }
    return out;
  }

  async members(userId: string): Promise<string[]> {
    return this.reader
      .prepare<[string], { unit: string }>('SELECT unit FROM window_members WHERE user_id = ?')
      .all(userId)
      .map((r) => r.unit);
  }

  applyEvaluation(
    userId: string,
    added: readonly string[],
    removed: readonly string[],
    next: Omit<WindowState, 'head'>,
  ): Promise<WindowState> {
    return this.serialise(() => {
      const w = this.writer;
      let head = w.prepare<[string], { head: number }>('SELECT head FROM window_state WHERE user_id = ?').get(userId)?.head ?? 0;
      const add = w.prepare('INSERT OR IGNORE INTO window_members (user_id, unit) VALUES (?, ?)');
      const del = w.prepare('DELETE FROM window_members WHERE user_id = ? AND unit = ?');
      const log = w.prepare('INSERT INTO window_log (user_id, wseq, unit, added) VALUES (?, ?, ?, ?)');
      for (const unit of added) if (add.run(userId, unit).changes === 1) log.run(userId, ++head, unit, 1);
      for (const unit of removed) if (del.run(userId, unit).changes === 1) log.run(userId, ++head, unit, 0);
      w.prepare(
        `INSERT INTO window_state (user_id, evaluated_seq, start, version, head, registers) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (user_id) DO UPDATE SET evaluated_seq = excluded.evaluated_seq, start = excluded.start,
           version = excluded.version, head = excluded.head, registers = excluded.registers`,
      ).run(userId, next.evaluatedSeq, next.start, next.version, head, next.registers);
      return { ...next, head };
    });
  }

  async windowEvents(userId: string, after: number, upTo: number, limit: number): Promise<WindowEvent[]> {
    return this.reader
      .prepare<[string, number, number, number], { wseq: number; unit: string; added: number }>(
        'SELECT wseq, unit, added FROM window_log WHERE user_id = ? AND wseq > ? AND wseq <= ? ORDER BY wseq LIMIT ?',
      )
      .all(userId, after, upTo, limit)
      .map((r) => ({ wseq: r.wseq, unit: r.unit, added: r.added === 1 }));
  }

  async touchedSince(userId: string, fromIso: string, registerIds: readonly string[]): Promise<TouchRow[]> {
    if (registerIds.length === 0) return [];
    return this.reader
      .prepare<unknown[], TouchRow>(
        `SELECT ${TOUCH_FIELDS} FROM records INDEXED BY records_audit_actor_at WHERE collection = 'audit'
         AND json_extract(data, '$.actorId') = ? AND json_extract(data, '$.at') >= ? AND register_id IN (${marks(registerIds.length)})`,
      )
      .all(userId, fromIso, ...registerIds);
  }

  async touchesAfterSeq(userId: string, afterSeq: number, registerIds: readonly string[]): Promise<TouchRow[]> {
    if (registerIds.length === 0) return [];
    return this.reader
      .prepare<unknown[], TouchRow>(
        `SELECT ${TOUCH_FIELDS} FROM records INDEXED BY records_audit_actor_at WHERE collection = 'audit'
         AND json_extract(data, '$.actorId') = ? AND seq > ? AND register_id IN (${marks(registerIds.length)})`,
      )
      .all(userId, afterSeq, ...registerIds);
  }

  async countInWindowAfter(
    userId: string,
    collection: 'cases' | 'documents' | 'files',
    afterSeq: number,
    registerIds: readonly string[],
    cap: number,
  ): Promise<number> {
    if (registerIds.length === 0) return 0;
    const unit = UNIT_SQL[collection];
    return this.reader
      .prepare<unknown[], { n: number }>(
        `SELECT COUNT(*) AS n FROM (SELECT 1 FROM records r JOIN window_members m ON m.user_id = ? AND m.unit = ${unit}
         WHERE r.collection = ? AND r.seq > ? AND r.register_id IN (${marks(registerIds.length)}) LIMIT ?)`,
      )
      .get(userId, collection, afterSeq, ...registerIds, cap)!.n;
  }

  async headSeq(): Promise<number> {
    return this.reader.prepare<[], { value: number }>("SELECT value FROM meta WHERE key = 'seq'").get()?.value ?? 0;
  }

  async windowCases(registerIds: readonly string[], afterSeq = -1): Promise<WindowCaseRow[]> {
    return this.inRegisters<WindowCaseRow>('cases', CASE_FIELDS, registerIds, afterSeq);
  }

  async windowDocuments(registerIds: readonly string[], afterSeq = -1): Promise<WindowDocumentRow[]> {
    return this.inRegisters<WindowDocumentRow>('documents', DOCUMENT_FIELDS, registerIds, afterSeq);
  }

  async casesById(ids: readonly string[]): Promise<WindowCaseRow[]> {
    const out: WindowCaseRow[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = this.reader
        .prepare<unknown[], Row<WindowCaseRow>>(
          `SELECT ${CASE_FIELDS} FROM records WHERE collection = 'cases' AND id IN (${marks(chunk.length)})`,
        )
        .all(...chunk);
      out.push(...rows.map((r) => rowOut<WindowCaseRow>(r)));
    }
    return out;
  }

  async documentsOfUnits(units: readonly string[]): Promise<WindowDocumentRow[]> {
    const out: WindowDocumentRow[] = [];
    for (let i = 0; i < units.length; i += 500) {
      const chunk = units.slice(i, i + 500);
      const m = marks(chunk.length);
      const rows = this.reader
        .prepare<unknown[], Row<WindowDocumentRow>>(
          `SELECT ${DOCUMENT_FIELDS} FROM records WHERE collection = 'documents' AND json_extract(data, '$.caseId') IN (${m})
           UNION SELECT ${DOCUMENT_FIELDS} FROM records WHERE collection = 'documents' AND id IN (${m}) AND json_extract(data, '$.caseId') = ''`,
        )
        .all(...chunk, ...chunk);
      out.push(...rows.map((r) => rowOut<WindowDocumentRow>(r)));
    }
    return out;
  }

  private async inRegisters<T extends { deleted: boolean }>(
    collection: 'cases' | 'documents',
    fields: string,
    registerIds: readonly string[],
    afterSeq: number,
  ): Promise<T[]> {
    if (registerIds.length === 0) return [];
    return this.reader
      .prepare<unknown[], Row<T>>(
        `SELECT ${fields} FROM records WHERE collection = ? AND seq > ? AND register_id IN (${marks(registerIds.length)})`,
      )
      .all(collection, afterSeq, ...registerIds)
      .map((r) => rowOut<T>(r));
  }

  private ensureRow(userId: string, defaultMonths: number): void {
    this.writer.prepare('INSERT OR IGNORE INTO working_sets (user_id, months, version) VALUES (?, ?, 0)').run(userId, defaultMonths);
  }

  private bump(userId: string): void {
    this.writer.prepare('UPDATE working_sets SET version = version + 1 WHERE user_id = ?').run(userId);
  }
}
