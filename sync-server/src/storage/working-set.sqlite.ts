import type Database from 'better-sqlite3';
import { OPEN_CASE_STATUSES, OPEN_DOCUMENT_STATUSES, type PackageBody, type PackageItem, type PackageMeeting } from '../../../shared/src';
import type {
  MeetingPackages,
  TierUnit,
  TouchRow,
  WalkPosition,
  WindowCaseRow,
  WindowDocumentRow,
  WindowEvent,
  WindowPin,
  WindowState,
  WorkingSetStorage,
} from './working-set-storage';

type Serialise = <T>(fn: () => T) => Promise<T>;

/** The rule's fields in one JSON array per row (one parse of the record, not one per field). */
const CASE_PATHS = ['status', 'responsibleUserId', 'createdBy', 'createdAt', 'updatedAt', 'newestKey'] as const;
const DOCUMENT_PATHS = [...CASE_PATHS, 'caseId', 'registeredDate'] as const;
const extract = (paths: readonly string[]) => `id, deleted, json_extract(data, ${paths.map((p) => `'$.${p}'`).join(', ')}) AS f`;
const CASE_FIELDS = extract(CASE_PATHS);
const DOCUMENT_FIELDS = extract(DOCUMENT_PATHS);
const TOUCH_FIELDS = `json_extract(data, '$.recordCollection') AS recordCollection, json_extract(data, '$.recordId') AS recordId,
  json_extract(data, '$.caseId') AS caseId, json_extract(data, '$.at') AS at`;

/**
 * The records of a window unit `m.unit` as `unitOf` assigns them (working-set/unit-of.ts), in disjoint parts each read from
 * an index of the unit's column (the unary + keeps SQLite on the expression index for the join):
 * a case is its own unit; a document or file in a case has the case's; a free-standing document is
 * its own unit, with its files.
 */
const UNIT_COUNT_SQL = {
  cases: ["ON r.collection = 'cases' AND r.id = m.unit WHERE 1"],
  documents: [
    "INDEXED BY records_by_case ON r.collection = 'documents' AND json_extract(r.data, '$.caseId') = +m.unit WHERE 1",
    "ON r.collection = 'documents' AND r.id = m.unit WHERE COALESCE(json_extract(r.data, '$.caseId'), '') = ''",
  ],
  files: [
    "INDEXED BY records_by_case ON r.collection = 'files' AND json_extract(r.data, '$.caseId') = +m.unit WHERE 1",
    "INDEXED BY records_by_document ON r.collection = 'files' AND json_extract(r.data, '$.documentId') = +m.unit WHERE COALESCE(json_extract(r.data, '$.caseId'), '') = ''",
  ],
} as const;

const quoted = (values: Iterable<string>) => [...values].map((v) => `'${v}'`).join(', ');
/**
 * Own open work of `@user` (the first download's tier 0) in unit `s` (search index) with head `r`: the
 * status from the search index, the officer from the record only then (a window unit that is a
 * document is free-standing).
 */
const OWN_OPEN_SQL = `((s.collection = 'cases' AND s.status IN (${quoted(OPEN_CASE_STATUSES)}))
  OR (s.collection = 'documents' AND s.status IN (${quoted(OPEN_DOCUMENT_STATUSES)})))
  AND json_extract(r.data, '$.responsibleUserId') = @user`;
/**
 * Own open work as the partial index `records_own_open_walk` (migration 026) holds it, in its words
 * for record `o`: SQLite uses a partial index only for a query that repeats its WHERE.
 */
const OWN_OPEN_RECORD_SQL = `o.collection IN ('cases', 'documents') AND o.deleted = 0
  AND ((o.collection = 'cases' AND json_extract(o.data, '$.status') IN (${quoted(OPEN_CASE_STATUSES)}))
    OR (o.collection = 'documents' AND json_extract(o.data, '$.status') IN (${quoted(OPEN_DOCUMENT_STATUSES)})))`;
/** A window unit's head as the walk takes it: unchanged since the download began, not deleted. */
const HEAD_SQL = 'r.seq <= @head AND r.deleted = 0';

interface Row {
  id: string;
  deleted: number;
  f: string;
}
const rowOut =
  (paths: readonly string[]) =>
  <T>(r: Row): T => {
    const values = JSON.parse(r.f) as unknown[];
    const out: Record<string, unknown> = { id: r.id, deleted: r.deleted === 1 };
    paths.forEach((p, i) => (out[p] = values[i] ?? ''));
    return out as T;
  };
const caseOut = rowOut(CASE_PATHS);
const documentOut = rowOut(DOCUMENT_PATHS);
/** How a walk keeps the user's units: a join (`join`) or conditions (`where`, its `?` the registers), given the unit's id and head record. */
type UnitSource = (unit: string, head: string) => { join: string; where: string };
/** Members of the user's evaluated window. */
const MEMBERS: UnitSource = (unit) => ({ join: `CROSS JOIN window_members m ON m.user_id = @user AND m.unit = ${unit}`, where: '' });
/** Units of the registers before the window is evaluated: cases, and documents outside a case. */
const CANDIDATES =
  (registers: number): UnitSource =>
  (_unit, head) => ({
    join: '',
    where: `AND ${head}.register_id IN (${marks(registers)}) AND (${head}.collection = 'cases' OR json_extract(${head}.data, '$.caseId') = '')`,
  });
interface WalkArgs {
  user: string;
  head: number;
  after: WalkPosition;
  limit: number;
  upTo: WalkPosition | null;
}
const walkParams = (w: WalkArgs) => ({
  user: w.user,
  head: w.head,
  key: w.after.key,
  id: w.after.id,
  limit: w.limit,
  ...boundParams(w.upTo),
});
/** `rules/first-download.ts` `withinBound` in SQL: at or before (@upKey, @upId) in the list's order. */
const withinSql = (key: string, id: string) => `(${key} < @upKey OR (${key} = @upKey AND ${id} <= @upId))`;
const boundParams = (upTo: WalkPosition | null) => (upTo === null ? {} : { upKey: upTo.key, upId: upTo.id });
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

  pruneOpened(before: number): Promise<number> {
    return this.serialise(() => this.writer.prepare("DELETE FROM working_set_pins WHERE kind = 'opened' AND at < ?").run(before).changes);
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
        `SELECT ${TOUCH_FIELDS} FROM records INDEXED BY records_by_seq WHERE collection = 'audit'
         AND json_extract(data, '$.actorId') = ? AND seq > ? AND register_id IN (${marks(registerIds.length)})`,
      )
      .all(userId, afterSeq, ...registerIds);
  }

  async countInWindowPage(
    userId: string,
    collection: 'cases' | 'documents' | 'files',
    afterSeq: number,
    registerIds: readonly string[],
    afterUnit: string,
    limit: number,
  ): Promise<{ n: number; next: string | null }> {
    const units = this.reader
      .prepare<[string, string, number], { unit: string }>(
        'SELECT unit FROM window_members WHERE user_id = ? AND unit > ? ORDER BY unit LIMIT ?',
      )
      .all(userId, afterUnit, limit)
      .map((r) => r.unit);
    const next = units.length === limit ? units.at(-1)! : null;
    if (units.length === 0 || registerIds.length === 0) return { n: 0, next };
    const n = this.reader
      .prepare<unknown[], { n: number }>(
        `WITH m(unit) AS (SELECT value FROM json_each(?))
         SELECT (${UNIT_COUNT_SQL[collection]
           .map(
             (part) => `(SELECT COUNT(*) FROM m CROSS JOIN records r ${part}
           AND r.seq > ? AND r.register_id IN (${marks(registerIds.length)}))`,
           )
           .join(' + ')}) AS n`,
      )
      .get(JSON.stringify(units), ...UNIT_COUNT_SQL[collection].flatMap(() => [afterSeq, ...registerIds]))!.n;
    return { n, next };
  }

  // CROSS JOIN keeps SQLite's join order: index entries first, records read only for the user's units.
  async ownOpenUnits(
    userId: string,
    headSeq: number,
    after: WalkPosition,
    limit: number,
    upTo: WalkPosition | null = null,
  ): Promise<TierUnit[]> {
    return this.ownWalk(MEMBERS, [], { user: userId, head: headSeq, after, limit, upTo });
  }

  async ownOpenCandidates(
    userId: string,
    registerIds: readonly string[],
    headSeq: number,
    after: WalkPosition,
    limit: number,
    upTo: WalkPosition | null = null,
  ): Promise<TierUnit[]> {
    if (registerIds.length === 0) return [];
    return this.ownWalk(CANDIDATES(registerIds.length), registerIds, { user: userId, head: headSeq, after, limit, upTo });
  }

  async listUnits(
    userId: string,
    headSeq: number,
    after: WalkPosition,
    limit: number,
    { upTo = null, withOwn = false }: { upTo?: WalkPosition | null; withOwn?: boolean } = {},
  ): Promise<TierUnit[]> {
    return this.listWalk(MEMBERS, [], { user: userId, head: headSeq, after, limit, upTo }, withOwn);
  }

  async listCandidates(
    userId: string,
    registerIds: readonly string[],
    headSeq: number,
    after: WalkPosition,
    limit: number,
  ): Promise<TierUnit[]> {
    if (registerIds.length === 0) return [];
    return this.listWalk(CANDIDATES(registerIds.length), registerIds, { user: userId, head: headSeq, after, limit, upTo: null }, true);
  }

  /** The officer's open records in the list's order from the cursor on (migration 026), the first `limit` that are the user's units. */
  private ownWalk(source: UnitSource, registerIds: readonly string[], w: WalkArgs): TierUnit[] {
    const key = "json_extract(o.data, '$.newestKey')";
    const unit = source('o.id', 'r');
    return this.reader
      .prepare<unknown[], TierUnit>(
        `SELECT o.id AS unit, s.newest_key AS key
         FROM records o INDEXED BY records_own_open_walk
         ${unit.join}
         CROSS JOIN search_records s ON s.collection = o.collection AND s.record_id = o.id
         CROSS JOIN records r ON r.collection = o.collection AND r.id = o.id
         WHERE ${OWN_OPEN_RECORD_SQL} AND json_extract(o.data, '$.responsibleUserId') = @user
           AND (${key} > @key OR (${key} = @key AND o.id > @id)) ${w.upTo === null ? '' : `AND ${withinSql(key, 'o.id')}`}
           AND ${OWN_OPEN_SQL} AND ${HEAD_SQL} ${unit.where}
         ORDER BY ${key}, o.id LIMIT @limit`,
      )
      .all(walkParams(w), ...registerIds);
  }

  /** Walks the list's order and keeps the user's units: a document in a case is never a unit. */
  private listWalk(source: UnitSource, registerIds: readonly string[], w: WalkArgs, withOwn: boolean): TierUnit[] {
    const unit = source('s.record_id', 'r');
    return this.reader
      .prepare<unknown[], TierUnit>(
        `SELECT s.record_id AS unit, s.newest_key AS key
         FROM search_records s INDEXED BY search_records_walk
         ${unit.join}
         CROSS JOIN records r ON r.collection = s.collection AND r.id = s.record_id
         WHERE (s.newest_key > @key OR (s.newest_key = @key AND s.record_id > @id)) AND ${HEAD_SQL}
           ${withOwn ? '' : `AND NOT (${OWN_OPEN_SQL})`} ${w.upTo === null ? '' : `AND ${withinSql('s.newest_key', 's.record_id')}`}
           ${unit.where}
         ORDER BY s.newest_key, s.record_id LIMIT @limit`,
      )
      .all(walkParams(w), ...registerIds);
  }

  async newestListBound(userId: string, headSeq: number, n: number): Promise<WalkPosition | null> {
    // The walk's own rows (head unchanged, not deleted), so the screen's list part is exactly its n rows.
    const rows = await this.listUnits(userId, headSeq, { key: '', id: '' }, n, { withOwn: true });
    const last = rows.at(-1);
    return last ? { key: last.key, id: last.unit } : null;
  }

  seedMembers(userId: string, units: readonly string[]): Promise<void> {
    return this.serialise(() => {
      const add = this.writer.prepare('INSERT OR IGNORE INTO window_members (user_id, unit) VALUES (?, ?)');
      for (const unit of units) add.run(userId, unit);
    });
  }

  async removedUnits(userId: string, upTo: number): Promise<string[]> {
    return this.reader
      .prepare<[string, number, string], { unit: string }>(
        `SELECT DISTINCT unit FROM window_log WHERE user_id = ? AND added = 0 AND wseq <= ?
         AND unit NOT IN (SELECT unit FROM window_members WHERE user_id = ?)`,
      )
      .all(userId, upTo, userId)
      .map((r) => r.unit);
  }

  async meetingPackages(registerIds: readonly string[], from: string): Promise<MeetingPackages> {
    if (registerIds.length === 0) return { meetings: [], bodies: [], items: [] };
    const parsed = <T>(rows: { data: string }[]) => rows.map((r) => JSON.parse(r.data) as T);
    const meetings = parsed<PackageMeeting>(
      this.reader
        .prepare<unknown[], { data: string }>(
          `SELECT data FROM records INDEXED BY records_meetings_by_date WHERE collection = 'meetings'
           AND json_extract(data, '$.kind') = 'meeting' AND json_extract(data, '$.date') >= ? AND deleted = 0
           AND register_id IN (${marks(registerIds.length)})`,
        )
        .all(from, ...registerIds),
    );
    const byIds = (field: 'id' | 'meetingId', ids: readonly string[]) =>
      ids.length === 0
        ? []
        : this.reader
            .prepare<unknown[], { data: string }>(
              field === 'id'
                ? `SELECT data FROM records WHERE collection = 'meetings' AND deleted = 0 AND id IN (${marks(ids.length)})`
                : `SELECT data FROM records INDEXED BY records_by_meeting WHERE collection = 'meetings' AND deleted = 0
                   AND json_extract(data, '$.meetingId') IN (${marks(ids.length)})`,
            )
            .all(...ids);
    const bodies = parsed<PackageBody>(byIds('id', [...new Set(meetings.map((m) => m.bodyId))]));
    const items = parsed<PackageItem & { kind: string }>(
      byIds(
        'meetingId',
        meetings.map((m) => m.id),
      ),
    ).filter((r) => r.kind === 'item');
    return { meetings, bodies, items };
  }

  async changedUnits(userId: string, headSeq: number, afterSeq: number, limit: number): Promise<TierUnit[]> {
    return this.reader
      .prepare<Record<string, unknown>, { unit: string; seq: number }>(
        `SELECT r.id AS unit, r.seq AS seq FROM records r INDEXED BY records_by_seq
         JOIN window_members m ON m.user_id = @user AND m.unit = r.id
         WHERE r.collection IN ('cases', 'documents') AND r.seq > @after AND r.deleted = 0
         ORDER BY r.seq LIMIT @limit`,
      )
      .all({ user: userId, after: Math.max(headSeq, afterSeq), limit })
      .map((r) => ({ unit: r.unit, key: String(r.seq) }));
  }

  async headSeq(): Promise<number> {
    return this.reader.prepare<[], { value: number }>("SELECT value FROM meta WHERE key = 'seq'").get()?.value ?? 0;
  }

  async windowCases(registerIds: readonly string[], afterSeq: number): Promise<WindowCaseRow[]> {
    return this.changedInRegisters('cases', CASE_FIELDS, registerIds, afterSeq).map((r) => caseOut<WindowCaseRow>(r));
  }

  async windowDocuments(registerIds: readonly string[], afterSeq: number): Promise<WindowDocumentRow[]> {
    return this.changedInRegisters('documents', DOCUMENT_FIELDS, registerIds, afterSeq).map((r) => documentOut<WindowDocumentRow>(r));
  }

  async windowCasesPage(registerIds: readonly string[], afterId: string, limit: number): Promise<WindowCaseRow[]> {
    return this.pageInRegisters('cases', CASE_FIELDS, registerIds, afterId, limit).map((r) => caseOut<WindowCaseRow>(r));
  }

  async windowDocumentsPage(registerIds: readonly string[], afterId: string, limit: number): Promise<WindowDocumentRow[]> {
    return this.pageInRegisters('documents', DOCUMENT_FIELDS, registerIds, afterId, limit).map((r) => documentOut<WindowDocumentRow>(r));
  }

  async casesById(ids: readonly string[]): Promise<WindowCaseRow[]> {
    const out: WindowCaseRow[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = this.reader
        .prepare<unknown[], Row>(`SELECT ${CASE_FIELDS} FROM records WHERE collection = 'cases' AND id IN (${marks(chunk.length)})`)
        .all(...chunk);
      out.push(...rows.map((r) => caseOut<WindowCaseRow>(r)));
    }
    return out;
  }

  async documentsOfUnits(units: readonly string[]): Promise<WindowDocumentRow[]> {
    const out: WindowDocumentRow[] = [];
    for (let i = 0; i < units.length; i += 500) {
      const chunk = units.slice(i, i + 500);
      const m = marks(chunk.length);
      // The planner would scan every document for this IN list: it does not cost the expression index.
      const inCases = this.reader
        .prepare<unknown[], Row>(
          `SELECT ${DOCUMENT_FIELDS} FROM records INDEXED BY records_by_case WHERE collection = 'documents' AND json_extract(data, '$.caseId') IN (${m})`,
        )
        .all(...chunk);
      const freeStanding = this.reader
        .prepare<unknown[], Row>(
          `SELECT ${DOCUMENT_FIELDS} FROM records WHERE collection = 'documents' AND id IN (${m}) AND json_extract(data, '$.caseId') = ''`,
        )
        .all(...chunk);
      out.push(...[...inCases, ...freeStanding].map((r) => documentOut<WindowDocumentRow>(r)));
    }
    return out;
  }

  private changedInRegisters(collection: 'cases' | 'documents', fields: string, registerIds: readonly string[], afterSeq: number): Row[] {
    if (registerIds.length === 0) return [];
    return this.reader
      .prepare<unknown[], Row>(
        `SELECT ${fields} FROM records WHERE collection = ? AND seq > ? AND register_id IN (${marks(registerIds.length)})`,
      )
      .all(collection, afterSeq, ...registerIds);
  }

  private pageInRegisters(
    collection: 'cases' | 'documents',
    fields: string,
    registerIds: readonly string[],
    afterId: string,
    limit: number,
  ): Row[] {
    if (registerIds.length === 0) return [];
    // One pass in key order (SEARCH records USING PRIMARY KEY (collection=? AND id>?)), a page at a
    // time. Through the sequence index each row was a seek of its own, 2.5× slower.
    return this.reader
      .prepare<unknown[], Row>(
        `SELECT ${fields} FROM records WHERE collection = ? AND id > ?
         AND register_id IN (${marks(registerIds.length)}) ORDER BY id LIMIT ?`,
      )
      .all(collection, afterId, ...registerIds, limit);
  }

  private ensureRow(userId: string, defaultMonths: number): void {
    this.writer.prepare('INSERT OR IGNORE INTO working_sets (user_id, months, version) VALUES (?, ?, 0)').run(userId, defaultMonths);
  }

  private bump(userId: string): void {
    this.writer.prepare('UPDATE working_sets SET version = version + 1 WHERE user_id = ?').run(userId);
  }
}
