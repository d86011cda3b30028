/**
 * Opening a case outside the working set online (issue 15, target < 500 ms): the client's own
 * command (`openRecord`, what the case view waits for before it shows the case) against the
 * server over HTTP, for closed cases of other officers in the bench register: the case with its
 * documents and files, projected as a pull sends them. The first open is reported apart (the
 * server's first look at the user's window). `npm run bench` runs it on its register;
 * `npx tsx tests/bench/open-on-demand.ts [--cases N]` loads one of its own (default 20 000 cases).
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { API, type LoginResponse } from '../../shared/src';
import { DEMO_PASSWORD } from '../../sync-server/src/demo/demo-data';
import { openRecord } from '../../renderer/src/lib/commands/working-set';
import { percentiles, type Percentiles } from './stats';
import { ms } from './table';
import { isMain, runStandalone } from './standalone';

const USER = 'registrator';
const RUNS = 60;
export const OPEN_TARGET_MS = 500;

export interface OpenBenchResults {
  user: string;
  /** The first open of the session (ms). */
  first: number;
  /** The following opens, each of another case (ms). */
  opens: Percentiles;
  /** Mean records in an answer (the case, its documents, their files). */
  meanRecords: number;
}

/** Closed cases of the register that are not the user's own work: outside their window. */
function outsideCases(file: string, userId: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare<[string, string], { id: string }>(
        `SELECT id FROM records WHERE collection = 'cases' AND register_id = 'reg-ks' AND deleted = 0
           AND json_extract(data, '$.status') = 'closed'
           AND json_extract(data, '$.responsibleUserId') <> ? AND json_extract(data, '$.createdBy') <> ?
         ORDER BY random() LIMIT ${RUNS + 1}`,
      )
      .all(userId, userId)
      .map((r) => r.id);
  } finally {
    db.close();
  }
}

async function timedOpen(session: { serverUrl: string; token: string }, id: string): Promise<{ ms: number; records: number }> {
  const t0 = performance.now();
  const reply = await openRecord(session, 'cases', id);
  const elapsed = performance.now() - t0;
  if (!reply.ok) throw new Error(`open ${id} failed: ${reply.error}`);
  const { cases, documents, files } = reply.records;
  return { ms: elapsed, records: cases.length + documents.length + files.length };
}

/** Opens cases outside the user's window on a running server whose database is `sqliteFile`. */
export async function runOpenBench(url: string, sqliteFile: string): Promise<OpenBenchResults> {
  const login = await fetch(`${url}${API.login}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: USER, password: DEMO_PASSWORD }),
  });
  const { token, user } = (await login.json()) as LoginResponse;
  const ids = outsideCases(sqliteFile, user.id);
  if (ids.length < RUNS + 1) throw new Error(`only ${ids.length} closed cases of other officers in the bench register`);
  const session = { serverUrl: url, token };
  const first = await timedOpen(session, ids[0]!);
  const samples: number[] = [];
  let records = 0;
  for (const id of ids.slice(1)) {
    const r = await timedOpen(session, id);
    samples.push(r.ms);
    records += r.records;
  }
  return { user: USER, first: first.ms, opens: percentiles(samples), meanRecords: records / samples.length };
}

export function renderOpenBench(r: OpenBenchResults): string {
  return [
    `\n| open a case outside the working set (user ${r.user}, HTTP, the client's command) | p50 | p95 | max | mean records |`,
    '|---|---|---|---|---|',
    `| first open of the session | ${ms(r.first)} | | | |`,
    `| ${RUNS} further opens, each another closed case | ${ms(r.opens.p50)} | ${ms(r.opens.p95)} | ${ms(r.opens.max)} | ${r.meanRecords.toFixed(1)} |`,
    `target p95 < ${OPEN_TARGET_MS} ms: ${r.opens.p95 < OPEN_TARGET_MS && r.first < OPEN_TARGET_MS ? 'met' : 'NOT met'}`,
  ].join('\n');
}

if (isMain(import.meta.url))
  await runStandalone('open', async ({ server, dataDir }) =>
    renderOpenBench(await runOpenBench(server.url, path.join(dataDir, 'diarium.sqlite'))),
  );
