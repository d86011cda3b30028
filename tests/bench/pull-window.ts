/**
 * `npx tsx tests/bench/pull-window.ts [--cases N] [--limit L]`: the server's share of a fresh
 * registrar's first download (issue 15) over the raw protocol (pull-all.ts, no RxDB, no client
 * storage). The collections are pulled side by side as the replica pulls them (the actor register,
 * files and flows once the others have had their first answer), each first pull
 * asking how many records remain (the progress total), each answer timed (server, wire and JSON),
 * with the server's CPU time and its longest event-loop stalls, while a second user asks for a
 * small collection every 100 ms: its answer times show how long the download keeps the server
 * from serving anyone else.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { firstValueFrom } from 'rxjs';
import WebSocket from 'ws';
import { BACKGROUND_COLLECTIONS, COLLECTION_NAMES } from '../../shared/src';
import { DEMO_PASSWORD } from '../../sync-server/src/demo/demo-data';
import { login } from '../../renderer/src/lib/replica';
import { SyncConnection, type WebSocketFactory } from '../../renderer/src/lib/replica/connection';
import { PULL_BATCH } from '../../renderer/src/lib/replica/pull-gather';
import { pullAll, type PullTiming } from './pull-all';
import { stallsBetween } from './server-process';
import { runStandalone } from './standalone';

const ws = WebSocket as unknown as WebSocketFactory;

/** Asks for `registers` from scratch every `everyMs` as another user until stopped; the answer times. */
async function probe(url: string, username: string, everyMs: number): Promise<{ stop: () => Promise<number[]> }> {
  const session = await login(url, username, DEMO_PASSWORD);
  const conn = new SyncConnection(session.serverUrl, session.token, ws, fetch);
  const opened = firstValueFrom(conn.opened);
  conn.start();
  await opened;
  const times: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      await conn.request({ t: 'pull', collection: 'registers', checkpoint: null, limit: 100 });
      times.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      conn.stop();
      return times;
    },
  };
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;
const f0 = (n: number) => n.toFixed(0);

await runStandalone(
  'pull-window',
  async ({ server, cases, stallLog }) => {
    const { values } = parseArgs({ options: { limit: { type: 'string', default: String(PULL_BATCH) } }, strict: false });
    const limit = Number(values.limit);
    const load = () =>
      os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ');
    const session = await login(server.url, 'registrator', DEMO_PASSWORD);
    const other = await probe(server.url, 'registrator2', 100);
    const timings: PullTiming[] = [];
    const cpu0 = server.cpuMs();
    const [t0, epoch0] = [performance.now(), Date.now()];
    const got = await pullAll(session, COLLECTION_NAMES, ws, fetch, {
      limit,
      parallel: true,
      withRemaining: true,
      background: BACKGROUND_COLLECTIONS,
      onPull: (t) => timings.push(t),
    });
    const wholeMs = performance.now() - t0;
    const serverCpu = server.cpuMs() - cpu0;
    const stalls = await stallsBetween(stallLog!, epoch0, Date.now());
    const probeMs = await other.stop();
    const rows = COLLECTION_NAMES.map((c) => {
      const ts = timings.filter((t) => t.collection === c);
      const sum = ts.reduce((a, t) => a + t.ms, 0);
      const n = ts.reduce((a, t) => a + t.records, 0);
      // The progress total the first answer gives (its records and what remains) against what came.
      const total = ts[0]?.remaining === undefined ? '-' : String(ts[0].records + ts[0].remaining);
      return `| ${c} | ${ts.length} | ${got.get(c)?.length ?? 0} | ${n} | ${total} | ${f0(sum)} | ${f0(Math.max(0, ...ts.map((t) => t.ms)))} | ${n ? f0((sum / n) * 1000) : '-'} |`;
    });
    return [
      `\n| raw protocol first download (${cases} cases, registrator, pull ${limit}, collections side by side) | |`,
      '|---|---|',
      `| whole window, no client storage | ${f0(wholeMs)} ms |`,
      `| server CPU during it | ${f0(serverCpu)} ms |`,
      `| server's longest event-loop stalls (ms) / stalls over 50 ms | ${stalls.slice(0, 3).map(f0).join(', ') || '-'} / ${stalls.filter((x) => x > 50).length} |`,
      `| another user's small pull every 100 ms: p50 / p95 / max | ${f0(quantile(probeMs, 0.5))} / ${f0(quantile(probeMs, 0.95))} / ${f0(Math.max(...probeMs))} ms (${probeMs.length}) |`,
      `| load average (1, 5, 15 min) at the end | ${load()} |`,
      '\n| collection | pulls | records kept | records sent | progress total (first answer) | sum of answer times (ms) | slowest answer (ms) | µs per record |',
      '|---|---|---|---|---|---|---|---|',
      ...rows,
    ].join('\n');
  },
  { stalls: true },
);
