/**
 * The public register list (/postlista) under load: 200 readers at once over loopback, each
 * reading pages as the public does (the newest page, a day, a case number typed loosely, words,
 * the next page), no sign-in; p50/p95/max per request, beside one reader alone, the server's CPU
 * time per request, and 200 readers all reading the newest page (which share kept pages). `npm run bench`
 * runs it on its register; `npx tsx tests/bench/postlista.ts [--cases N]` loads one of its own
 * (default 20 000 cases) and runs it alone.
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
  /** 200 readers at once, the kinds of page mixed (ms per request). */
  concurrent: Percentiles;
  /** 200 readers at once, all reading the newest page (kept pages shared), ms per request. */
  newestPage: Percentiles;
  /** Entries on the pages read (mean): the pages were not empty. */
  meanEntries: number;
  /** Server CPU time per request in the concurrent run (ms): what a dedicated core would need. */
  serverCpuPerRequest: number;
  /** This process's CPU time per request in the concurrent run (ms): the readers' own cost, which shares the machine. */
  clientCpuPerRequest: number;
  /** How long the concurrent run took from first request to last answer (ms). */
  concurrentWallMs: number;
  /** The machine's 1-minute load average when the run ended (other work on the same cores slows every figure). */
  loadAverage: number;
}

/** What readers ask for, from the stored register so each finds something. */
function pickPaths(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const docs = db
      .prepare<[], { n: string; d: string; t: string }>(
        `SELECT json_extract(data, '$.documentNumber') AS n, json_extract(data, '$.registeredDate') AS d, json_extract(data, '$.title') AS t
         FROM records WHERE collection = 'documents' AND json_extract(data, '$.registeredDate') <> '' ORDER BY random() LIMIT 200`,
      )
      .all();
    const paths = ['/postlista', '/postlista?antal=50', '/postlista.json'];
    for (const [i, doc] of docs.entries()) {
      const m = /^(\S+) (\d{4})-0*(\d+)/.exec(doc.n);
      // Typed loosely: lower case, no leading zeros, every other one without its prefix.
      if (m) paths.push(`/postlista?nummer=${encodeURIComponent(i % 2 ? `${m[1]!.toLowerCase()} ${m[2]}-${m[3]}` : `${m[2]}-${m[3]}`)}`);
      paths.push(`/postlista?datum=${doc.d}`);
      const word = tokenize(doc.t).find((w) => /^\p{L}{5,}$/u.test(w));
      if (word) paths.push(`/postlista?ord=${encodeURIComponent(word)}&fran=${doc.d.slice(0, 4)}-01-01`);
    }
    return paths;
  } finally {
    db.close();
  }
}

function get(agent: http.Agent, url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

async function timedGet(agent: http.Agent, url: string): Promise<{ ms: number; entries: number; next: string | null }> {
  const t0 = performance.now();
  const res = await get(agent, url);
  const elapsed = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  const next = /<a href="([^"]+)" rel="next">/.exec(res.body)?.[1]?.replaceAll('&amp;', '&') ?? null;
  return { ms: elapsed, entries: (res.body.match(/<tr><th scope="row">/g) ?? []).length, next };
}

/** Reads /postlista of a running server whose database is `sqliteFile` (read here to pick the searches). */
export async function runPostlistaBench(url: string, sqliteFile: string, serverCpuMs: () => number): Promise<PostlistaBenchResults> {
  const paths = pickPaths(sqliteFile);
  // One keep-alive socket per reader, reused for its requests, as a browser keeps its own.
  const agent = new http.Agent({ keepAlive: true, maxSockets: POSTLISTA_READERS });
  // Warm-up: statements prepared, pages read once.
  for (const p of paths.slice(0, 20)) await timedGet(agent, `${url}${p}`);
  const alone: number[] = [];
  for (let i = 0; i < ALONE_RUNS; i++) alone.push((await timedGet(agent, `${url}${paths[i % paths.length]}`)).ms);
  const samples: number[] = [];
  let entries = 0;
  const cpuBefore = serverCpuMs();
  const clientBefore = process.cpuUsage();
  const wallBefore = performance.now();
  await Promise.all(
    Array.from({ length: POSTLISTA_READERS }, async (_, r) => {
      let path: string | null = null;
      for (let i = 0; i < REQUESTS_PER_READER; i++) {
        // Every other request follows the last page's "next page" link, as a reader leafing on does.
        const target: string = i % 2 === 1 && path ? path : paths[(r * REQUESTS_PER_READER + i) % paths.length]!;
        const got = await timedGet(agent, `${url}${target}`);
        samples.push(got.ms);
        entries += got.entries;
        path = got.next;
      }
    }),
  );
  const cpu = serverCpuMs() - cpuBefore;
  const concurrentWallMs = performance.now() - wallBefore;
  const client = process.cpuUsage(clientBefore);
  const newest: number[] = [];
  await Promise.all(
    Array.from({ length: POSTLISTA_READERS }, async () => {
      for (let i = 0; i < REQUESTS_PER_READER; i++) newest.push((await timedGet(agent, `${url}/postlista`)).ms);
    }),
  );
  agent.destroy();
  return {
    serverCpuPerRequest: cpu / samples.length,
    clientCpuPerRequest: (client.user + client.system) / 1000 / samples.length,
    concurrentWallMs,
    loadAverage: os.loadavg()[0]!,
    readers: POSTLISTA_READERS,
    requests: samples.length,
    alone: percentiles(alone),
    concurrent: percentiles(samples),
    newestPage: percentiles(newest),
    meanEntries: entries / samples.length,
  };
}

export function renderPostlistaBench(r: PostlistaBenchResults): string {
  return renderTable([
    { measure: 'public register list (/postlista, no sign-in)', result: '' },
    { measure: 'postlista: one reader, p50 / p95', result: `${ms(r.alone.p50)} / ${ms(r.alone.p95)}` },
    {
      measure: 'postlista: server CPU per request (200 readers)',
      result: `${ms(r.serverCpuPerRequest)} (load average ${r.loadAverage.toFixed(1)})`,
    },
    {
      measure: "postlista: readers' own CPU per request, run length",
      result: `${ms(r.clientCpuPerRequest)}, ${ms(r.concurrentWallMs)} for ${r.requests} requests`,
    },
    {
      measure: `postlista: ${r.readers} concurrent readers over loopback, p95`,
      result: `${ms(r.concurrent.p95)} (p50 ${ms(r.concurrent.p50)}, max ${ms(r.concurrent.max)}, ${r.requests} requests, ${r.meanEntries.toFixed(1)} entries a page)`,
      target: `< ${POSTLISTA_P95_TARGET_MS} ms`,
      pass: r.concurrent.p95 < POSTLISTA_P95_TARGET_MS,
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
