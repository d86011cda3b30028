/**
 * The public register list (/postlista) under load: 200 readers at once over loopback, no sign-in,
 * each making 5 requests; p50/p95/max per request in three mixes, beside one reader alone and the
 * server's CPU time per request:
 * - every reader a different search (the worst case for kept pages): by turns the newest page, a
 *   day, a case number typed loosely, words from a year; every other request the last page's next;
 * - the public's mix (an assumption, stated so it can be argued with): half the readers read the
 *   newest days (the first page, then leaf on), a quarter one of the ten newest registration days,
 *   15 % a case or document number, 10 % words; each leafs on while there is a next page;
 * - all 200 reading the newest page.
 * The different searches run twice: first on a server that has answered only a warm-up of 80
 * requests (its first concurrent load: sockets opened, code not yet optimised), and again after the
 * other mixes, once the pages the first run kept have expired (KEPT_PAGE_MS), as a server that has
 * been answering for a while meets the same readers.
 * And the floor: the same readers against a bare node:http server answering the same number of
 * bytes at once (tests/bench/http-floor.ts), run right after, so the figures can be read against
 * what the machine gives now (2 cores shared with other work). `npm run bench` runs it on its
 * register; `npx tsx tests/bench/postlista.ts [--cases N]` loads one of its own (default 20 000
 * cases) and runs it alone.
 *
 * The readers share one keep-alive agent with a socket each (node:http): global fetch costs this
 * process about as much CPU per request as the server spends answering it, and the bench runs on
 * the other core of the same machine, so the client must not be what is measured. The client's
 * own CPU per request is reported beside the server's.
 */
import Database from 'better-sqlite3';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { tokenize } from '../../shared/src/search';
import { KEPT_PAGE_MS } from '../../sync-server/src/http/postlista.routes';
import { forkTs } from './proc';
import { percentiles, type Percentiles } from './stats';
import { ms, renderTable } from './table';
import { isMain, runStandalone } from './standalone';

export const POSTLISTA_READERS = 200;
const REQUESTS_PER_READER = 5;
const ALONE_RUNS = 60;
export const POSTLISTA_P95_TARGET_MS = 200;

export interface PostlistaBenchResults {
  readers: number;
  requests: number;
  /** One reader at a time (ms). */
  alone: Percentiles;
  /** 200 readers at once, every reader a different search (ms per request), the server's first concurrent load. */
  concurrent: Percentiles;
  /** The same readers and requests again, after the other mixes and once the pages they kept expired. */
  concurrentAgain: Percentiles;
  /** 200 readers at once in the public's mix (see the top of this file), ms per request. */
  publicMix: Percentiles;
  /** The same readers as `concurrent` against a bare server answering as many bytes at once (ms per request). */
  floor: Percentiles;
  /** Mean bytes of a page in the `concurrent` run (the floor's answers are this size). */
  meanBytes: number;
  /** 200 readers at once, all reading the newest page (kept pages shared), ms per request. */
  newestPage: Percentiles;
  /** Entries on the pages read (mean): the pages were not empty. */
  meanEntries: number;
  /** Server CPU time per request in the concurrent run (ms): what a dedicated core would need. */
  serverCpuPerRequest: number;
  /**
   * Server CPU time per request in the other mixes (ms): on a machine shared with other work the
   * latencies follow its load, the CPU a request costs much less so (old and new compare here).
   */
  serverCpuPerRequestAgain: number;
  serverCpuPerRequestPublic: number;
  /** This process's CPU time per request in the concurrent run (ms): the readers' own cost, which shares the machine. */
  clientCpuPerRequest: number;
  /** How long the concurrent run took from first request to last answer (ms). */
  concurrentWallMs: number;
  /** The machine's 1-minute load average when the run ended (other work on the same cores slows every figure). */
  loadAverage: number;
}

/** What readers ask for, from the stored register so each finds something: by kind, and the newest registration days. */
interface Searches {
  numbers: string[];
  days: string[];
  words: string[];
  newestDays: string[];
}

function pickSearches(file: string): Searches {
  const db = new Database(file, { readonly: true });
  try {
    const docs = db
      .prepare<[], { n: string; d: string; t: string }>(
        `SELECT json_extract(data, '$.documentNumber') AS n, json_extract(data, '$.registeredDate') AS d, json_extract(data, '$.title') AS t
         FROM records WHERE collection = 'documents' AND json_extract(data, '$.registeredDate') <> '' ORDER BY random() LIMIT 200`,
      )
      .all();
    const newestDays = db
      .prepare<[], string>(
        `SELECT DISTINCT json_extract(data, '$.registeredDate') AS d FROM records
         WHERE collection = 'documents' AND json_extract(data, '$.registeredDate') <> '' ORDER BY d DESC LIMIT 10`,
      )
      .pluck()
      .all();
    const searches: Searches = { numbers: [], days: [], words: [], newestDays: newestDays.map((d) => `/postlista?datum=${d}`) };
    for (const [i, doc] of docs.entries()) {
      const m = /^(\S+) (\d{4})-0*(\d+)/.exec(doc.n);
      // Typed loosely: lower case, no leading zeros, every other one without its prefix.
      if (m)
        searches.numbers.push(
          `/postlista?nummer=${encodeURIComponent(i % 2 ? `${m[1]!.toLowerCase()} ${m[2]}-${m[3]}` : `${m[2]}-${m[3]}`)}`,
        );
      searches.days.push(`/postlista?datum=${doc.d}`);
      const word = tokenize(doc.t).find((w) => /^\p{L}{5,}$/u.test(w));
      if (word) searches.words.push(`/postlista?ord=${encodeURIComponent(word)}&fran=${doc.d.slice(0, 4)}-01-01`);
    }
    return searches;
  } finally {
    db.close();
  }
}

/** Every reader a different search, the kinds by turns (the worst case for kept pages). */
function differentSearches(s: Searches): string[] {
  const paths = ['/postlista', '/postlista?antal=50', '/postlista.json'];
  for (let i = 0; i < Math.max(s.numbers.length, s.days.length, s.words.length); i++)
    for (const kind of [s.numbers, s.days, s.words]) if (kind[i]) paths.push(kind[i]!);
  return paths;
}

function get(agent: http.Agent, url: string): Promise<{ status: number; body: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, body: body.toString('utf8'), bytes: body.length });
        });
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

async function timedGet(agent: http.Agent, url: string): Promise<{ ms: number; entries: number; next: string | null; bytes: number }> {
  const t0 = performance.now();
  const res = await get(agent, url);
  const elapsed = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  const next = /<a href="([^"]+)" rel="next">/.exec(res.body)?.[1]?.replaceAll('&amp;', '&') ?? null;
  return { ms: elapsed, entries: (res.body.match(/<tr><th scope="row">/g) ?? []).length, next, bytes: res.bytes };
}

interface ReadersRun {
  samples: number[];
  entries: number;
  bytes: number;
}

/**
 * POSTLISTA_READERS readers at once, each making REQUESTS_PER_READER requests one after the other:
 * `plan(reader, request, next)` says what, given the last page's "next page" link.
 */
async function readers(
  agent: http.Agent,
  url: string,
  plan: (reader: number, request: number, next: string | null) => string,
): Promise<ReadersRun> {
  const run: ReadersRun = { samples: [], entries: 0, bytes: 0 };
  await Promise.all(
    Array.from({ length: POSTLISTA_READERS }, async (_, r) => {
      let next: string | null = null;
      for (let i = 0; i < REQUESTS_PER_READER; i++) {
        const got = await timedGet(agent, `${url}${plan(r, i, next)}`);
        run.samples.push(got.ms);
        run.entries += got.entries;
        run.bytes += got.bytes;
        next = got.next;
      }
    }),
  );
  return run;
}

/** The public's mix (see the top of this file): what reader `r` starts when it has no next page to read. */
function publicStart(s: Searches, r: number, i: number): string {
  const k = r % 20;
  const pick = (paths: string[]) => paths[(r * REQUESTS_PER_READER + i) % paths.length]!;
  if (k < 10) return '/postlista';
  if (k < 15) return pick(s.newestDays);
  if (k < 18) return pick(s.numbers);
  return pick(s.words);
}

/** Reads /postlista of a running server whose database is `sqliteFile` (read here to pick the searches). */
export async function runPostlistaBench(url: string, sqliteFile: string, serverCpuMs: () => number): Promise<PostlistaBenchResults> {
  const searches = pickSearches(sqliteFile);
  const paths = differentSearches(searches);
  // One keep-alive socket per reader, reused for its requests, as a browser keeps its own.
  const agent = new http.Agent({ keepAlive: true, maxSockets: POSTLISTA_READERS });
  // Warm-up: statements prepared, pages read once.
  for (const p of paths.slice(0, 20)) await timedGet(agent, `${url}${p}`);
  const alone: number[] = [];
  for (let i = 0; i < ALONE_RUNS; i++) alone.push((await timedGet(agent, `${url}${paths[i % paths.length]}`)).ms);
  const cpuBefore = serverCpuMs();
  const clientBefore = process.cpuUsage();
  const wallBefore = performance.now();
  // Every other request follows the last page's "next page" link, as a reader leafing on does.
  const differentMix = (r: number, i: number, next: string | null) =>
    i % 2 === 1 && next ? next : paths[(r * REQUESTS_PER_READER + i) % paths.length]!;
  const mixed = await readers(agent, url, differentMix);
  const cpu = serverCpuMs() - cpuBefore;
  const concurrentWallMs = performance.now() - wallBefore;
  const client = process.cpuUsage(clientBefore);
  const meanBytes = Math.round(mixed.bytes / mixed.samples.length);
  const floorServer = forkTs(new URL('./http-floor.ts', import.meta.url), [String(meanBytes)]);
  let floor: ReadersRun;
  try {
    const { port } = await floorServer.message<{ port: number }>();
    const floorUrl = `http://127.0.0.1:${port}`;
    const floorAgent = new http.Agent({ keepAlive: true, maxSockets: POSTLISTA_READERS });
    for (let i = 0; i < 20; i++) await timedGet(floorAgent, `${floorUrl}/`);
    floor = await readers(floorAgent, floorUrl, () => '/');
    floorAgent.destroy();
  } finally {
    await floorServer.stop();
  }
  const publicCpu = serverCpuMs();
  const publicMix = await readers(agent, url, (r, i, next) => next ?? publicStart(searches, r, i));
  const publicCpuPerRequest = (serverCpuMs() - publicCpu) / publicMix.samples.length;
  const newest = await readers(agent, url, () => '/postlista');
  await new Promise((resolve) => setTimeout(resolve, KEPT_PAGE_MS + 500));
  const againCpu = serverCpuMs();
  const again = await readers(agent, url, differentMix);
  const againCpuPerRequest = (serverCpuMs() - againCpu) / again.samples.length;
  agent.destroy();
  return {
    serverCpuPerRequest: cpu / mixed.samples.length,
    serverCpuPerRequestAgain: againCpuPerRequest,
    serverCpuPerRequestPublic: publicCpuPerRequest,
    clientCpuPerRequest: (client.user + client.system) / 1000 / mixed.samples.length,
    concurrentWallMs,
    loadAverage: os.loadavg()[0]!,
    readers: POSTLISTA_READERS,
    requests: mixed.samples.length,
    alone: percentiles(alone),
    concurrent: percentiles(mixed.samples),
    concurrentAgain: percentiles(again.samples),
    publicMix: percentiles(publicMix.samples),
    floor: percentiles(floor.samples),
    meanBytes,
    newestPage: percentiles(newest.samples),
    meanEntries: mixed.entries / mixed.samples.length,
  };
}

/** CPU per request, to the hundredth: a tenth of a millisecond is a tenth of the whole. */
const cpuMs = (value: number) => `${value.toFixed(2)} ms`;

export function renderPostlistaBench(r: PostlistaBenchResults): string {
  return renderTable([
    { measure: 'public register list (/postlista, no sign-in)', result: '' },
    { measure: 'postlista: one reader, p50 / p95', result: `${ms(r.alone.p50)} / ${ms(r.alone.p95)}` },
    {
      measure: 'postlista: server CPU per request (200 readers): different searches first / again, public mix',
      result: `${cpuMs(r.serverCpuPerRequest)} / ${cpuMs(r.serverCpuPerRequestAgain)}, ${cpuMs(r.serverCpuPerRequestPublic)} (load average ${r.loadAverage.toFixed(1)})`,
    },
    {
      measure: "postlista: readers' own CPU per request, run length",
      result: `${ms(r.clientCpuPerRequest)}, ${ms(r.concurrentWallMs)} for ${r.requests} requests`,
    },
    {
      measure: `postlista: ${r.readers} concurrent readers over loopback, every one a different search, p95 (server's first load)`,
      result: `${ms(r.concurrent.p95)} (p50 ${ms(r.concurrent.p50)}, max ${ms(r.concurrent.max)}, ${r.requests} requests, ${r.meanEntries.toFixed(1)} entries a page)`,
      target: `< ${POSTLISTA_P95_TARGET_MS} ms`,
      pass: r.concurrent.p95 < POSTLISTA_P95_TARGET_MS,
    },
    {
      measure: `postlista: the same readers and searches again, kept pages expired, p95`,
      result: `${ms(r.concurrentAgain.p95)} (p50 ${ms(r.concurrentAgain.p50)}, max ${ms(r.concurrentAgain.max)})`,
      target: `< ${POSTLISTA_P95_TARGET_MS} ms`,
      pass: r.concurrentAgain.p95 < POSTLISTA_P95_TARGET_MS,
    },
    {
      measure: `postlista: the floor, a bare server answering ${r.meanBytes} bytes to the same readers, p95`,
      result: `${ms(r.floor.p95)} (p50 ${ms(r.floor.p50)}, max ${ms(r.floor.max)}); /postlista p95 is ${(r.concurrent.p95 / r.floor.p95).toFixed(1)}× this`,
    },
    {
      measure: `postlista: ${r.readers} concurrent readers in the public's mix, p95`,
      result: `${ms(r.publicMix.p95)} (p50 ${ms(r.publicMix.p50)}, max ${ms(r.publicMix.max)}; half the newest days, 25 % a recent day, 15 % a number, 10 % words)`,
      target: `< ${POSTLISTA_P95_TARGET_MS} ms`,
      pass: r.publicMix.p95 < POSTLISTA_P95_TARGET_MS,
    },
    {
      measure: `postlista: ${r.readers} concurrent readers of the newest page, p95`,
      result: `${ms(r.newestPage.p95)} (p50 ${ms(r.newestPage.p50)}, max ${ms(r.newestPage.max)})`,
    },
  ]);
}

if (isMain(import.meta.url))
  await runStandalone('postlista', async ({ server, dataDir }) =>
    renderPostlistaBench(await runPostlistaBench(server.url, path.join(dataDir, 'diarium.sqlite'), () => server.cpuMs())),
  );
