/**
 * `npx tsx tests/bench/first-download-profile.ts [--cases N]`: where the first download's time
 * goes (issue 15). The same run as first-download.ts, watched through Chromium's DevTools
 * protocol: every pull on the socket (collection, records, bytes, the server's answer time, the
 * client's time until its next pull of that collection) and a CPU profile of the page, its self
 * time summed by script, with the server's CPU time and its longest event-loop stalls during the
 * download. Set DIARIUM_BENCH_CPU_PROF=<dir> for the server's own profile, and
 * DIARIUM_BENCH_HEAP=<file> for a heap snapshot of the page once the window is in (after a
 * collection), written there and summarised by first-download-heap.ts; DIARIUM_BENCH_PAGE_PROFILE=<file>
 * keeps the page's CPU profile (.cpuprofile, for DevTools).
 */
import path from 'node:path';
import type { CDPSession } from '@playwright/test';
import { DEMO_PASSWORD } from '../../sync-server/src/demo/demo-data';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { analyseHeapSnapshot, readHeapSnapshot } from './first-download-heap';
import { inFreshBrowser, rendererPids, RendererMemory } from './browser';
import { REPO_ROOT } from './proc';
import { isMain, runStandalone } from './standalone';
import { stallsBetween } from './server-process';

const USER = 'registrator';
const MiB = 1024 * 1024;

interface Pull {
  rid: number;
  collection: string;
  sentAt: number;
  answeredAt?: number;
  bytes?: number;
  records?: number;
  tier?: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Self time (ms) per script and per function of a CPU profile. */
function selfTimes(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const perScript = new Map<string, number>();
  const perFunction = new Map<string, number>();
  for (const [i, id] of profile.samples.entries()) {
    const n = byId.get(id)!;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const script = n.callFrame.url
      ? n.callFrame.url.replace(/^.*\/assets\//, '').replace(/^.*\//, '')
      : `(${n.callFrame.functionName || 'anonymous'})`;
    perScript.set(script, (perScript.get(script) ?? 0) + dt);
    const fn = `${n.callFrame.functionName || '(anonymous)'} ${script}:${n.callFrame.lineNumber}`;
    perFunction.set(fn, (perFunction.get(fn) ?? 0) + dt);
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, t]) => `  ${t.toFixed(0).padStart(7)} ms  ${name}`)
      .join('\n');
  // Inclusive time: a sample counts once for every distinct function on its stack.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  const dtOf = new Map<number, number>();
  for (const [i, id] of profile.samples.entries()) dtOf.set(id, (dtOf.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  for (const [id, dt] of dtOf) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)!.callFrame;
      seen.add(`${f.functionName || '(anonymous)'}:${f.lineNumber}`);
    }
    for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
  }
  return `self time by script:\n${top(perScript, 15)}\nself time by function:\n${top(perFunction, 40)}\ninclusive time by function:\n${top(inclusive, 60)}`;
}

/** The renderer's resident memory by kind (/proc status: anonymous, file-backed, shared) at its highest sample. */
class RssBreakdown {
  peak: Record<string, number> = {};
  private readonly timer = setInterval(() => this.sample(), 250);

  sample(): Record<string, number> {
    let best: Record<string, number> = {};
    for (const pid of rendererPids()) {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1] ?? 0) / 1024;
        const now = { VmRSS: kb('VmRSS'), RssAnon: kb('RssAnon'), RssFile: kb('RssFile'), RssShmem: kb('RssShmem') };
        if (now.VmRSS > (best.VmRSS ?? 0)) best = now;
      } catch {
        // The process ended between the listing and the read.
      }
    }
    if ((best.VmRSS ?? 0) > (this.peak.VmRSS ?? 0)) this.peak = best;
    return best;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

const mibs = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([k, v]) => `${k} ${v.toFixed(0)}`)
    .join(', ');

/** Every 2 s: records received so far, the renderer's resident memory by kind and V8's heap (used / allocated). */
class MemorySeries {
  private readonly rows: string[] = ['     t(s)  records   VmRSS  RssAnon  heapUsed  heapTotal  (MiB)'];
  private readonly t0 = performance.now();
  private readonly timer = setInterval(() => void this.sample(), 2000);

  constructor(
    private readonly cdp: CDPSession,
    private readonly rss: RssBreakdown,
    private readonly records: () => number,
  ) {}

  async sample(label = ''): Promise<void> {
    const heap = await this.cdp.send('Runtime.getHeapUsage').catch(() => ({ usedSize: 0, totalSize: 0 }));
    const r = this.rss.sample();
    const f = (n: number | undefined, w: number) => (n ?? 0).toFixed(0).padStart(w);
    this.rows.push(
      `  ${((performance.now() - this.t0) / 1000).toFixed(0).padStart(7)}  ${f(this.records(), 7)}  ${f(r.VmRSS, 6)}  ${f(r.RssAnon, 7)}  ${f(heap.usedSize / MiB, 8)}  ${f(heap.totalSize / MiB, 9)}  ${label}`,
    );
  }

  stop(): string {
    clearInterval(this.timer);
    return this.rows.join('\n');
  }
}

function watchPulls(cdp: CDPSession): Map<number, Pull> {
  const pulls = new Map<number, Pull>();
  cdp.on('Network.webSocketFrameSent', (e) => {
    const text = e.response.payloadData;
    if (!text.startsWith('{"t":"pull"')) return;
    const m = JSON.parse(text) as { rid: number; collection: string };
    pulls.set(m.rid, { rid: m.rid, collection: m.collection, sentAt: e.timestamp * 1000 });
  });
  cdp.on('Network.webSocketFrameReceived', (e) => {
    const text = e.response.payloadData;
    const rid = /"rid":(\d+)/.exec(text.slice(0, 200)) ?? /"rid":(\d+)/.exec(text.slice(-400));
    if (!rid) return;
    const p = pulls.get(Number(rid[1]));
    if (!p) return;
    const m = JSON.parse(text) as { documents: unknown[]; checkpoint: { first?: { tier: number } } };
    Object.assign(p, { answeredAt: e.timestamp * 1000, bytes: text.length, records: m.documents.length, tier: m.checkpoint.first?.tier });
  });
  return pulls;
}

function renderPulls(pulls: Pull[], t0: number): string {
  const lines = ['  start(s)  coll        tier  records     KiB  server(ms)  client-until-next(ms)'];
  const byColl = new Map<string, Pull[]>();
  for (const p of pulls) byColl.set(p.collection, [...(byColl.get(p.collection) ?? []), p]);
  const summary: string[] = [];
  for (const [c, ps] of byColl) {
    let server = 0;
    let client = 0;
    let bytes = 0;
    let records = 0;
    for (const [i, p] of ps.entries()) {
      const next = ps[i + 1];
      const s = (p.answeredAt ?? p.sentAt) - p.sentAt;
      const cl = next && p.answeredAt ? next.sentAt - p.answeredAt : 0;
      server += s;
      client += cl;
      bytes += p.bytes ?? 0;
      records += p.records ?? 0;
      if ((p.records ?? 0) > 0 || i === 0)
        lines.push(
          `  ${((p.sentAt - t0) / 1000).toFixed(2).padStart(8)}  ${c.padEnd(10)}  ${String(p.tier ?? '-').padStart(4)}  ${String(p.records ?? '?').padStart(7)}  ${((p.bytes ?? 0) / 1024).toFixed(0).padStart(6)}  ${s.toFixed(0).padStart(10)}  ${cl.toFixed(0).padStart(10)}`,
        );
    }
    summary.push(
      `  ${c.padEnd(10)} pulls ${String(ps.length).padStart(3)}  records ${String(records).padStart(6)}  ${(bytes / MiB).toFixed(1).padStart(5)} MiB  server ${server.toFixed(0).padStart(6)} ms  client ${client.toFixed(0).padStart(6)} ms  (${records ? ((client / records) * 1000).toFixed(0) : '-'} µs/record)`,
    );
  }
  return `${lines.join('\n')}\nper collection:\n${summary.join('\n')}`;
}

/** A heap snapshot of the page after a full collection, streamed to `file`, and its summary. */
async function heapSnapshot(cdp: CDPSession, file: string): Promise<string> {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const out = createWriteStream(file);
  const write = (e: { chunk: string }) => out.write(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', write);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', write);
  out.end();
  await finished(out);
  return analyseHeapSnapshot(await readHeapSnapshot(file));
}

if (isMain(import.meta.url))
  await runStandalone(
    'first-profile',
    async ({ server, stallLog }) =>
      inFreshBrowser(server.url, async (page) => {
        const memory = new RendererMemory();
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Network.enable');
        const pulls = watchPulls(cdp);
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
        await cdp.send('Profiler.start');
        const rss = new RssBreakdown();
        const atStart = rss.sample();
        const series = new MemorySeries(cdp, rss, () => [...pulls.values()].reduce((n, p) => n + (p.records ?? 0), 0));
        try {
          memory.takePeak();
          const [cpu0, epoch0] = [server.cpuMs(), Date.now()];
          const first = await page.evaluate(([u, n, p]) => window.benchFirstDownload(u, n, p), [server.url, USER, DEMO_PASSWORD] as const);
          const serverCpu = server.cpuMs() - cpu0;
          const stalls = await stallsBetween(stallLog!, epoch0, Date.now());
          const { profile } = await cdp.send('Profiler.stop');
          if (process.env.DIARIUM_BENCH_PAGE_PROFILE) writeFileSync(process.env.DIARIUM_BENCH_PAGE_PROFILE, JSON.stringify(profile));
          await series.sample('window in');
          await cdp.send('HeapProfiler.collectGarbage');
          await series.sample('after a full collection');
          const memorySeries = series.stop();
          const heapFile = process.env.DIARIUM_BENCH_HEAP;
          const heap = heapFile ? await heapSnapshot(cdp, heapFile) : '';
          const all = [...pulls.values()].sort((a, b) => a.sentAt - b.sentAt);
          const start = all[0]?.sentAt ?? 0;
          return [
            `opened ${first.openedMs.toFixed(0)} ms, usable flag ${first.flagMs.toFixed(0)} ms, first page read ${first.usableMs.toFixed(0)} ms, whole ${first.wholeMs.toFixed(0)} ms, ${first.received} records, peak RSS ${(memory.takePeak() / MiB).toFixed(0)} MiB, heap ${(first.peakHeap / MiB).toFixed(0)} MiB`,
            `renderer MiB before the download: ${mibs(atStart)}; at its peak: ${mibs(rss.peak)}`,
            `server CPU during the download ${serverCpu.toFixed(0)} ms; its longest event-loop stalls ${
              stalls
                .slice(0, 3)
                .map((x) => x.toFixed(0))
                .join(', ') || '-'
            } ms, ${stalls.filter((x) => x > 50).length} over 50 ms; load ${readFileSync('/proc/loadavg', 'utf8').trim()}`,
            memorySeries,
            renderPulls(all, start),
            selfTimes(profile as never),
            heap,
          ].join('\n');
        } finally {
          series.stop();
          memory.stop();
          rss.stop();
        }
      }),
    {
      prepare: async () => {
        // Unminified, so the profile names RxDB's, Dexie's and our functions.
        const pageDir = path.join(REPO_ROOT, 'out', 'bench-first-download-profile');
        await build({
          configFile: false,
          root: fileURLToPath(new URL('./browser', import.meta.url)),
          base: '/',
          logLevel: 'error',
          resolve: { alias: { dexie: path.join(REPO_ROOT, 'node_modules/dexie/dist/dexie.mjs') } },
          build: { outDir: pageDir, emptyOutDir: true, target: 'esnext', minify: false, chunkSizeWarningLimit: 50000 },
        });
        return pageDir;
      },
      stalls: true,
    },
  );
