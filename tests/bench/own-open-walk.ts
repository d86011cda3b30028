/**
 * `npx tsx tests/bench/own-open-walk.ts [--cases N] [--batch B]`: the first download's own-work walk
 * (`ownOpenCandidates`, tier 0) over N cases (default 20 000, two documents each, 500 free-standing
 * documents per 20 000 cases) of which the walking officer is responsible for half, nine in ten of
 * them closed (as `tests/bench/synthetic.ts`). Old (before migration 026: the officer's every record
 * through `records_own_walk`, closed ones read and dropped) and new (`records_own_open_walk`, open
 * records only) in the same process, on the same data: the whole walk in batches of B (default 500),
 * its slowest step (the one that ends the walk), and the screen step bounded by the 50th own unit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { ownOpenWalk } from '../../sync-server/src/storage/migrations/026-own-open-walk';
import { SqliteStorage } from '../../sync-server/src/storage/sqlite.adapter';
import { SqliteWorkingSets } from '../../sync-server/src/storage/working-set.sqlite';
import type { TierUnit, WalkPosition } from '../../sync-server/src/storage/working-set-storage';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '20000' }, batch: { type: 'string', default: '500' } } });
const CASES = Number(values.cases);
const BATCH = Number(values.batch);
const USER = 'usr-handlaggare';
const REGISTERS = ['reg-ks'];

function load(db: Database.Database): void {
  const record = db.prepare('INSERT INTO records (collection, id, register_id, seq, version, deleted, data) VALUES (?, ?, ?, ?, 1, 0, ?)');
  const search = db.prepare(
    `INSERT INTO search_records (collection, record_id, register_id, number_prefix, number_year, number_serial, number_doc_serial,
       status, direction, newest_key, class_code, document_type_id, registered_date, received_date, dispatched_date, created_date, closed_date)
     VALUES (?, ?, 'reg-ks', 'KS', 2026, 0, 0, ?, '', ?, '', '', '', '', '', '', '')`,
  );
  let seq = 1000;
  const put = (collection: string, id: string, fields: { status: string; responsibleUserId: string; caseId?: string }, i: number) => {
    const newestKey = `2026-${String(1_000_000 - i).padStart(7, '0')}`;
    record.run(collection, id, 'reg-ks', seq++, JSON.stringify({ id, registerId: 'reg-ks', newestKey, ...fields }));
    search.run(collection, id, fields.status, newestKey);
  };
  db.transaction(() => {
    for (let i = 0; i < CASES; i++) {
      const responsibleUserId = i % 2 === 0 ? USER : 'usr-registrator';
      put('cases', `case-${i}`, { status: (i >> 1) % 10 < 9 ? 'closed' : 'registered', responsibleUserId }, i);
      for (let d = 1; d <= 2; d++) put('documents', `case-${i}-d${d}`, { status: 'registered', responsibleUserId, caseId: `case-${i}` }, i);
      if (i % 40 === 0) put('documents', `free-${i}`, { status: i % 80 === 0 ? 'registered' : 'draft', responsibleUserId, caseId: '' }, i);
    }
  })();
  db.exec('ANALYZE');
}

/** The walk as it was before migration 026 (working-set.sqlite.ts `ownWalk` with CANDIDATES), verbatim. */
const OLD_WALK = `SELECT o.id AS unit, s.newest_key AS key
  FROM records o INDEXED BY records_own_walk
  CROSS JOIN search_records s ON s.collection = o.collection AND s.record_id = o.id
  CROSS JOIN records r ON r.collection = o.collection AND r.id = o.id
  WHERE o.collection IN ('cases', 'documents') AND json_extract(o.data, '$.responsibleUserId') = @user
    AND (json_extract(o.data, '$.newestKey') > @key OR (json_extract(o.data, '$.newestKey') = @key AND o.id > @id)) BOUND
    AND ((s.collection = 'cases' AND s.status IN ('registered_unchecked', 'registered'))
      OR (s.collection = 'documents' AND s.status IN ('draft', 'registered_unchecked')))
    AND json_extract(r.data, '$.responsibleUserId') = @user AND r.seq <= @head AND r.deleted = 0
    AND r.register_id IN (?) AND (r.collection = 'cases' OR json_extract(r.data, '$.caseId') = '')
  ORDER BY json_extract(o.data, '$.newestKey'), o.id LIMIT @limit`;
const OLD_BOUND = `AND (json_extract(o.data, '$.newestKey') < @upKey OR (json_extract(o.data, '$.newestKey') = @upKey AND o.id <= @upId))`;

type Step = (after: WalkPosition, limit: number, upTo: WalkPosition | null) => Promise<TierUnit[]> | TierUnit[];

async function measure(step: Step) {
  const start = { key: '', id: '' };
  const screen = await step(start, 50, null);
  const bound = { key: screen.at(-1)!.key, id: screen.at(-1)!.unit };
  let t = performance.now();
  const screenStep = await step(start, 150, bound);
  const screenMs = performance.now() - t;
  const units: string[] = [];
  let slowest = 0;
  const t0 = performance.now();
  for (let after = start; ;) {
    t = performance.now();
    const batch = await step(after, BATCH, null);
    slowest = Math.max(slowest, performance.now() - t);
    units.push(...batch.map((u) => u.unit));
    const last = batch.at(-1);
    if (!last || batch.length < BATCH) break;
    after = { key: last.key, id: last.unit };
  }
  return { units, screen: screenStep.map((u) => u.unit), totalMs: performance.now() - t0, slowest, screenMs };
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'diarium-bench-own-walk-'));
try {
  await new SqliteStorage(dataDir).close();
  const db = new Database(path.join(dataDir, 'diarium.sqlite'));
  try {
    const t0 = performance.now();
    load(db);
    console.error(`loaded ${CASES} cases in ${Math.round(performance.now() - t0)} ms`);
    const head = db.prepare<[], { s: number }>('SELECT max(seq) AS s FROM records').get()!.s;
    db.exec(`DROP INDEX records_own_open_walk;
      CREATE INDEX records_own_walk ON records (json_extract(data, '$.responsibleUserId'), json_extract(data, '$.newestKey'), id)
        WHERE collection IN ('cases', 'documents');`);
    const oldSql = { open: db.prepare(OLD_WALK.replace('BOUND', '')), bounded: db.prepare(OLD_WALK.replace('BOUND', OLD_BOUND)) };
    const before = await measure(
      (after, limit, upTo) =>
        (upTo === null ? oldSql.open : oldSql.bounded).all(
          { user: USER, head, key: after.key, id: after.id, limit, ...(upTo ? { upKey: upTo.key, upId: upTo.id } : {}) },
          ...REGISTERS,
        ) as TierUnit[],
    );
    ownOpenWalk.up(db);
    const ws = new SqliteWorkingSets(db, db, async (fn) => fn());
    const after = await measure((at, limit, upTo) => ws.ownOpenCandidates(USER, REGISTERS, head, at, limit, upTo));
    if (JSON.stringify(before.units) !== JSON.stringify(after.units) || JSON.stringify(before.screen) !== JSON.stringify(after.screen))
      throw new Error(`different walks: ${before.units.length} vs ${after.units.length} units`);
    const f = (ms: number) => ms.toFixed(1);
    console.log(
      `own-work walk, ${CASES} cases, ${after.units.length} own open units, batches of ${BATCH}:\n` +
        `  whole walk     before 026 ${f(before.totalMs)} ms, with the index ${f(after.totalMs)} ms: ${(before.totalMs / after.totalMs).toFixed(1)}×\n` +
        `  slowest step   before 026 ${f(before.slowest)} ms, with the index ${f(after.slowest)} ms: ${(before.slowest / after.slowest).toFixed(1)}×\n` +
        `  screen step    before 026 ${f(before.screenMs)} ms, with the index ${f(after.screenMs)} ms: ${(before.screenMs / after.screenMs).toFixed(1)}×`,
    );
  } finally {
    db.close();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
