/**
 * The actor register at one million entries: how long a pull takes for users who may read little
 * of it (a reader, a case officer) or all of it (an archivist), and whether another user's pull
 * slows down while they pull. The server runs in its own process on a data folder filled in SQL.
 * Run alone with `npx tsx tests/bench/audit-pull.ts [--entries N]`; `npm run bench` runs it too.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import {
  API,
  AUTH_SUBPROTOCOL_PREFIX,
  SYNC_PATH,
  currentSchemaVersions,
  schemaSubprotocol,
  syncSubprotocol,
  type Checkpoint,
  type PullResponse,
} from '../../shared/src';
import { DEMO_PASSWORD, KS_REGISTER_ID, userId } from '../../sync-server/src/demo/people';
import { seedDemo } from '../../sync-server/src/demo/seed';
import { SqliteStorage } from '../../sync-server/src/storage/sqlite.adapter';
import { startServerProcess } from './server-process';
import { percentiles, type Percentiles } from './stats';
import { removeDataDir } from './proc';

export const AUDIT_BENCH_DEFAULTS = { entries: 1_000_000, entriesPerCase: 100, officerShare: 100 };
/** The replica's batch size (renderer PULL_BATCH). */
const LIMIT = 2000;
/** The other user's pull: the incremental pull of a replica that is up to date. */
const OTHER_LIMIT = 200;
const SAMPLES = 60;
/** Each socket stays below the server's per-socket message rate (50 a second). */
const PACE_MS = 25;

export interface AuditPullResults {
  entries: number;
  buildMs: number;
  /** Lasare (reader): one pull message from the start. */
  readerPull: Percentiles;
  /** Lasare: messages and time to pull the whole actor register to its end. */
  readerToEnd: { messages: number; ms: number; received: number };
  /** Handläggare (responsible for 1 case in `officerShare`): pull to end, per message and in all. */
  officerPull: Percentiles;
  officerToEnd: { messages: number; ms: number; received: number };
  /** Arkivarie (audit.read): one full page. */
  archivistPage: Percentiles;
  /** Arkivarie's first pull with `withRemaining` (the sync bar's total: a count over the register). */
  archivistFirstWithRemaining: Percentiles;
  /** Registrator's pull of cases: alone; while 10 reader sockets pull the actor register; while 2 officer sockets join them. */
  otherAlone: Percentiles;
  otherReadersLoad: Percentiles;
  readersLoadPulls: number;
  otherMixedLoad: Percentiles;
  mixedLoadPulls: number;
}

/** A raw protocol client: one socket, requests matched to answers by rid. */
class Client {
  private rid = 0;
  private readonly waiting = new Map<number, (m: PullResponse) => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as PullResponse | { t: string; rid?: number | null; code?: string };
      if (msg.t === 'error') throw new Error(`server error: ${JSON.stringify(msg)}`);
      if (typeof msg.rid === 'number') this.waiting.get(msg.rid)?.(msg as PullResponse);
    });
  }

  static async connect(url: string, token: string): Promise<Client> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${SYNC_PATH}`, [
      // Protocol 2: the full replica's audit pull, as this row has always measured it.
      syncSubprotocol(2),
      schemaSubprotocol(currentSchemaVersions()),
      `${AUTH_SUBPROTOCOL_PREFIX}${token}`,
    ]);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new Client(ws);
  }

  pull(collection: string, checkpoint: Checkpoint | null, limit: number, withRemaining = false): Promise<PullResponse> {
    const rid = ++this.rid;
    return new Promise((resolve) => {
      this.waiting.set(rid, (m) => {
        this.waiting.delete(rid);
        resolve(m);
      });
      this.ws.send(JSON.stringify({ t: 'pull', rid, collection, checkpoint, limit, ...(withRemaining ? { withRemaining: true } : {}) }));
    });
  }

  /** Pulls as the replica does: on while batches are full or cut short; returns each message's time. */
  async toEnd(collection: string): Promise<{ times: number[]; received: number }> {
    const times: number[] = [];
    let received = 0;
    let checkpoint: Checkpoint | null = null;
    for (;;) {
      const t0 = performance.now();
      const res = await this.pull(collection, checkpoint, LIMIT);
      times.push(performance.now() - t0);
      received += res.documents.length;
      checkpoint = res.checkpoint;
      if (res.documents.length < LIMIT && !res.more) return { times, received };
    }
  }

  /** Closes and waits for the close handshake (the server gives the socket's place back then). */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}${API.login}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The demo register plus `entries` actor-register entries about `entries / entriesPerCase` cases,
 * written in SQL (a recursive CTE) straight into the data folder: seconds, not minutes.
 * (Numbers are bound as REAL by better-sqlite3, hence the casts in the arithmetic.)
 * One case in `officerShare` has Handläggare as responsible officer; the rest Registrator.
 */
export async function buildAuditBenchData(dataDir: string, opts: typeof AUDIT_BENCH_DEFAULTS): Promise<void> {
  const storage = new SqliteStorage(dataDir);
  await seedDemo(storage, Date.now());
  await storage.close();
  const db = new Database(path.join(dataDir, 'diarium.sqlite'));
  db.pragma('journal_mode = WAL');
  const cases = Math.ceil(opts.entries / opts.entriesPerCase);
  const template = db
    .prepare<[string], { data: string }>("SELECT data FROM records WHERE collection = 'cases' AND register_id = ? LIMIT 1")
    .get(KS_REGISTER_ID);
  if (!template) throw new Error('no demo case to copy');
  db.transaction(() => {
    const base = db.prepare<[], { value: number }>("SELECT value FROM meta WHERE key = 'seq'").get()!.value;
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO records (collection, id, register_id, seq, version, deleted, data)
       SELECT 'cases', 'bench-case-' || i, ?, CAST(? AS INTEGER) + i, 1, 0,
         json_set(?, '$.id', 'bench-case-' || i, '$.title', 'Bänkärende ' || i, '$.caseNumber', 'KS 2026-B' || i,
           '$.responsibleUserId', CASE WHEN i % CAST(? AS INTEGER) = 0 THEN ? ELSE ? END, '$.syncVersion', 1,
           '$.restrictionKind', 'none', '$.legalGround', '', '$.shields', json('[]'), '$.accessUserIds', json('[]'), '$.accessGroupIds', json('[]'))
       FROM n`,
    ).run(cases, KS_REGISTER_ID, base, template.data, opts.officerShare, userId('handlaggare'), userId('registrator'));
    const auditBase = base + cases;
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO records (collection, id, register_id, seq, version, deleted, data)
       SELECT 'audit', 'bench-audit-' || i, ?, CAST(? AS INTEGER) + i, 1, 0,
         json_object('id', 'bench-audit-' || i, 'registerId', ?, 'syncVersion', 1, 'updatedAt', '2026-03-01T10:00:00.000Z',
           'actorId', ?, 'actorName', 'Anna Lind', 'at', '2026-03-01T10:00:00.000Z', 'action', 'update',
           'recordCollection', 'cases', 'recordId', 'bench-case-' || ((i - 1) / CAST(? AS INTEGER) + 1),
           'caseId', 'bench-case-' || ((i - 1) / CAST(? AS INTEGER) + 1), 'label', 'KS 2026-B' || ((i - 1) / CAST(? AS INTEGER) + 1), 'changes', json_array(json_object('field', 'title', 'from', 'Utkast ' || i, 'to', 'Ärende ' || i)),
           'position', 100000 + i, 'prevHash', printf('%064d', 0), 'hash', printf('%064d', i))
       FROM n`,
    ).run(
      opts.entries,
      KS_REGISTER_ID,
      auditBase,
      KS_REGISTER_ID,
      userId('registrator'),
      opts.entriesPerCase,
      opts.entriesPerCase,
      opts.entriesPerCase,
    );
    db.prepare("UPDATE meta SET value = ? WHERE key = 'seq'").run(auditBase + opts.entries);
  })();
  db.close();
}

/** The start-up check of the hash chain reads the register once; measure after it. */
async function chainCheckDone(url: string): Promise<void> {
  for (;;) {
    const health = (await (await fetch(`${url}/api/health`)).json()) as { auditChain: string };
    if (health.auditChain !== 'checking') return;
    await sleep(200);
  }
}

async function sample(n: number, once: () => Promise<unknown>, pace = PACE_MS): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await once();
    out.push(performance.now() - t0);
    await sleep(pace);
  }
  return out;
}

export async function runAuditPullBench(opts = AUDIT_BENCH_DEFAULTS, log: (s: string) => void = console.error): Promise<AuditPullResults> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'diarium-bench-audit-'));
  try {
    const t0 = performance.now();
    await buildAuditBenchData(dataDir, opts);
    const buildMs = performance.now() - t0;
    log(`audit bench: ${opts.entries} entries built in ${Math.round(buildMs)} ms`);
    const server = await startServerProcess({ dataDir });
    try {
      await chainCheckDone(server.url);
      const [readerToken, readerToken2, officerToken, archivistToken, otherToken] = await Promise.all(
        ['lasare', 'lasare', 'handlaggare', 'arkivarie', 'registrator'].map((u) => login(server.url, u)),
      );
      const reader = await Client.connect(server.url, readerToken!);
      const officer = await Client.connect(server.url, officerToken!);
      const archivist = await Client.connect(server.url, archivistToken!);
      const other = await Client.connect(server.url, otherToken!);

      const readerPull = percentiles(await sample(SAMPLES, () => reader.pull('audit', null, LIMIT)));
      const rt0 = performance.now();
      const readerEnd = await reader.toEnd('audit');
      const readerToEnd = { messages: readerEnd.times.length, ms: performance.now() - rt0, received: readerEnd.received };
      const ot0 = performance.now();
      const officerEnd = await officer.toEnd('audit');
      const officerToEnd = { messages: officerEnd.times.length, ms: performance.now() - ot0, received: officerEnd.received };
      const officerPull = percentiles(officerEnd.times);
      const archivistPage = percentiles(await sample(Math.min(SAMPLES, 30), () => archivist.pull('audit', null, LIMIT)));
      log('audit bench: single-user figures done; baseline of the other user');

      const otherPull = () => other.pull('cases', null, OTHER_LIMIT);
      await sample(5, otherPull);
      const otherAlone = percentiles(await sample(SAMPLES, otherPull));

      const archivistFirstWithRemaining = percentiles(await sample(10, () => archivist.pull('audit', null, LIMIT, true)));

      /** Sockets pulling the actor register to its end, again and again, while the other user's pulls are timed. */
      const underLoad = async (tokens: string[]): Promise<{ other: Percentiles; pulls: number }> => {
        let running = true;
        let pulls = 0;
        const loaders = await Promise.all(tokens.map((t) => Client.connect(server.url, t)));
        const loops = loaders.map(async (c) => {
          while (running) {
            let checkpoint: Checkpoint | null = null;
            for (;;) {
              const res = await c.pull('audit', checkpoint, LIMIT);
              pulls++;
              checkpoint = res.checkpoint;
              await sleep(PACE_MS);
              if (!running || (res.documents.length < LIMIT && !res.more)) break;
            }
          }
        });
        await sleep(500);
        const other = percentiles(await sample(SAMPLES, otherPull));
        running = false;
        await Promise.all(loops);
        await Promise.all(loaders.map((c) => c.close()));
        // The server counts sockets per session and user (8 / 16); let it see these closes.
        await sleep(300);
        return { other, pulls };
      };
      const readerTokens = Array.from({ length: 10 }, (_, i) => (i % 2 ? readerToken! : readerToken2!));
      const readersLoad = await underLoad(readerTokens);
      const mixedLoad = await underLoad([...readerTokens, officerToken!, officerToken!]);
      await Promise.all([reader, officer, archivist, other].map((c) => c.close()));
      return {
        entries: opts.entries,
        buildMs,
        readerPull,
        readerToEnd,
        officerPull,
        officerToEnd,
        archivistPage,
        archivistFirstWithRemaining,
        otherAlone,
        otherReadersLoad: readersLoad.other,
        readersLoadPulls: readersLoad.pulls,
        otherMixedLoad: mixedLoad.other,
        mixedLoadPulls: mixedLoad.pulls,
      };
    } finally {
      await server.stop();
    }
  } finally {
    removeDataDir(dataDir);
  }
}

const f = (n: number) => `${n.toFixed(1)} ms`;

export function renderAuditPull(r: AuditPullResults): string {
  const p = (x: Percentiles) => `p50 ${f(x.p50)}, p95 ${f(x.p95)}, max ${f(x.max)} (n=${x.n})`;
  return [
    `Actor register pull at ${r.entries.toLocaleString('en')} entries (built in ${f(r.buildMs)})`,
    `  reader (lasare), one pull message:       ${p(r.readerPull)}   target p95 < 50 ms: ${r.readerPull.p95 < 50 ? 'met' : 'NOT met'}`,
    `  reader to the end:                       ${r.readerToEnd.messages} message(s), ${f(r.readerToEnd.ms)}, ${r.readerToEnd.received} entries`,
    `  case officer, per message:               ${p(r.officerPull)}`,
    `  case officer to the end:                 ${r.officerToEnd.messages} message(s), ${f(r.officerToEnd.ms)}, ${r.officerToEnd.received} entries`,
    `  archivist (audit.read), one full page:   ${p(r.archivistPage)}`,
    `  archivist, first pull with withRemaining: ${p(r.archivistFirstWithRemaining)}`,
    `  other user's pull of cases, alone:       ${p(r.otherAlone)}`,
    `  … while 10 reader sockets pull:          ${p(r.otherReadersLoad)}   (${r.readersLoadPulls} register pulls meanwhile)`,
    `     ratio to alone:                       p50 ×${(r.otherReadersLoad.p50 / r.otherAlone.p50).toFixed(2)}, p95 ×${(r.otherReadersLoad.p95 / r.otherAlone.p95).toFixed(2)}`,
    `  … while 10 readers + 2 officers pull:    ${p(r.otherMixedLoad)}   (${r.mixedLoadPulls} register pulls meanwhile)`,
    `     ratio to alone:                       p50 ×${(r.otherMixedLoad.p50 / r.otherAlone.p50).toFixed(2)}, p95 ×${(r.otherMixedLoad.p95 / r.otherAlone.p95).toFixed(2)}`,
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { values } = parseArgs({ options: { entries: { type: 'string', default: String(AUDIT_BENCH_DEFAULTS.entries) } } });
  const entries = Number(values.entries);
  if (!Number.isInteger(entries) || entries < 1) throw new RangeError(`--entries must be a whole number ≥ 1, got ${values.entries}`);
  const results = await runAuditPullBench({ ...AUDIT_BENCH_DEFAULTS, entries });
  console.log(renderAuditPull(results));
}
