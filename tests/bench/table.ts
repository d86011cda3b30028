import { PULL_BATCH } from '../../renderer/src/lib/replica/pull-gather';
import type { BrowserResult } from './browser';
import type { LoadResult } from './data';
import { percentiles, type Percentiles } from './stats';
import type { StockSyncResult } from './stock-sync';
import type { SyncResult } from './sync-result';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  node: string;
  os: string;
}

export interface BenchResults {
  machine: Machine;
  options: {
    cases: number;
    documentsPerCase: number;
    foreignShare: number;
    user: string;
    stockBatch: number;
    propagationClients: number;
    inserts: number;
  };
  load: LoadResult;
  protocol: SyncResult;
  stock: StockSyncResult;
  /** Peak memory of the sync server process after the protocol sync, and after every phase on the large data. */
  serverPeakRss: { afterSync: number; whole: number };
  browser: BrowserResult;
  propagation: { samples: number[]; backToBack: number[]; serverPeakRss: number };
}

export interface Row {
  measure: string;
  result: string;
  target?: string;
  pass?: boolean;
}

const GiB = 1024 ** 3;
const SYNC_RATIO_TARGET = 3;
const BROWSER_RATIO_TARGET = 1.5;
const BROWSER_SYNC_TARGET_MS = 60_000;
const PROPAGATION_P95_TARGET_MS = 100;
const QUERY_P95_TARGET_MS = 50;
const MEMORY_TARGET_BYTES = GiB;

export function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(1)} ms`;
}

function mib(bytes: number): string {
  return `${Math.round(bytes / 1024 ** 2)} MiB`;
}

function int(n: number): string {
  return n.toLocaleString('en-US');
}

function rate(records: number, millis: number): string {
  return `${int(Math.round((records / millis) * 1000))} rec/s`;
}

function pcts(p: Percentiles): string {
  return `p50 ${ms(p.p50)}, p95 ${ms(p.p95)}, max ${ms(p.max)} (n=${p.n})`;
}

function memoryRow(measure: string, bytes: number): Row {
  return { measure, result: mib(bytes), target: '< 1 GiB', pass: bytes < MEMORY_TARGET_BYTES };
}

/** The table's rows, with the targets checked. Section headers are rows without a result. */
export function benchRows(r: BenchResults): Row[] {
  const o = r.options;
  const syncRatio = r.stock.ms / r.protocol.ms;
  const browserRatio = r.browser.sync.ms / r.browser.bulkInsert.ms;
  const prop = percentiles(r.propagation.samples);
  const loaded = r.load.cases + r.load.documents;
  return [
    {
      measure: `Data: ${int(o.cases)} cases × ${o.documentsPerCase} documents, ${o.foreignShare * 100} % in a register '${o.user}' cannot read`,
      result: '',
    },
    {
      measure: 'load into SQLite (generate + import)',
      result: `${ms(r.load.ms)} for ${int(loaded)} records (${rate(loaded, r.load.ms)}) + ${int(r.load.configRecords)} config`,
    },
    { measure: `Initial sync in Node, '${o.user}', all 10 collections, memory storage`, result: '' },
    {
      measure: `Diarium protocol (openReplicaWith, pull ${PULL_BATCH})`,
      result: `${ms(r.protocol.ms)}, ${int(r.protocol.received ?? 0)} received, ${int(r.protocol.stored)} stored (${rate(r.protocol.stored, r.protocol.ms)})`,
    },
    {
      measure: `RxDB stock websocket replication (batch ${o.stockBatch})`,
      result: `${ms(r.stock.ms)}, ${int(r.stock.stored)} stored of ${int(r.stock.serverRecords)} (${rate(r.stock.stored, r.stock.ms)})`,
    },
    {
      measure: 'speed-up: stock time / protocol time',
      result: `${syncRatio.toFixed(2)}×`,
      target: `≥ ${SYNC_RATIO_TARGET}×`,
      pass: syncRatio >= SYNC_RATIO_TARGET,
    },
    memoryRow('client peak memory (VmHWM), Diarium protocol', r.protocol.peakRss),
    { measure: 'client peak memory (VmHWM), stock replication', result: mib(r.stock.peakRss) },
    memoryRow('server peak memory (VmHWM) after the protocol sync', r.serverPeakRss.afterSync),
    { measure: 'server peak memory (VmHWM), whole large-data run', result: mib(r.serverPeakRss.whole) },
    { measure: 'Headless Chromium, product client (Dexie/IndexedDB)', result: '' },
    {
      measure: 'initial sync (login + openReplica)',
      result: `${ms(r.browser.sync.ms)}, ${int(r.browser.sync.received)} received (${rate(r.browser.sync.received, r.browser.sync.ms)})`,
      target: `< ${ms(BROWSER_SYNC_TARGET_MS)}`,
      pass: r.browser.sync.ms < BROWSER_SYNC_TARGET_MS,
    },
    {
      measure: 'raw bulkInsert of the same records (fresh DB)',
      result: `${ms(r.browser.bulkInsert.ms)}, ${int(r.browser.bulkInsert.inserted)} records (${rate(r.browser.bulkInsert.inserted, r.browser.bulkInsert.ms)})`,
    },
    memoryRow('client peak memory during the sync (renderer process, VmRSS sampled every 250 ms)', r.browser.rendererPeakRss.duringSync),
    memoryRow("client peak memory during the queries, with the list's rows (same)", r.browser.rendererPeakRss.duringQueries),
    {
      measure: 'sync time / bulkInsert time',
      result: `${browserRatio.toFixed(2)}×`,
      target: `≤ ${BROWSER_RATIO_TARGET}×`,
      pass: browserRatio <= BROWSER_RATIO_TARGET,
    },
    ...r.browser.queries.map((q): Row =>
      q.productPath
        ? {
            measure: `query cases: ${q.name} (${q.rows} rows)`,
            result: pcts(q),
            target: `p95 < ${QUERY_P95_TARGET_MS} ms`,
            pass: q.p95 < QUERY_P95_TARGET_MS,
          }
        : { measure: `query cases: ${q.name} (${q.rows} rows)`, result: `${pcts(q)} (for information)` },
    ),
    { measure: `Propagation, demo register, ${o.propagationClients} clients in workers, ${o.inserts} inserts`, result: '' },
    {
      measure: 'insert → numbered case in another replica',
      result: pcts(prop),
      target: `p95 < ${PROPAGATION_P95_TARGET_MS} ms`,
      pass: prop.p95 < PROPAGATION_P95_TARGET_MS,
    },
    {
      measure: 'the same, inserts back to back (each behind the last one’s tail)',
      result: `${pcts(percentiles(r.propagation.backToBack))} (for information)`,
    },
    { measure: 'server peak memory (VmHWM)', result: mib(r.propagation.serverPeakRss) },
  ];
}

/** Renders rows as a plain-text table; section rows span the line. */
export function renderTable(rows: readonly Row[]): string {
  const body = rows.filter((row) => row.result !== '');
  const w = [
    Math.max(7, ...body.map((row) => row.measure.length + 2)),
    Math.max(6, ...body.map((row) => row.result.length)),
    Math.max(6, ...body.map((row) => (row.target ?? '').length)),
  ] as const;
  const line = (a: string, b: string, c: string, d: string) => `${a.padEnd(w[0])} | ${b.padEnd(w[1])} | ${c.padEnd(w[2])} | ${d}`;
  const rule = '-'.repeat(w[0] + w[1] + w[2] + 15);
  const out = [line('Measure', 'Result', 'Target', 'Pass'), rule];
  for (const row of rows) {
    if (row.result === '') out.push(`${out.length > 2 ? `${rule}\n` : ''}${row.measure}`);
    else out.push(line(`  ${row.measure}`, row.result, row.target ?? '', row.pass === undefined ? '' : row.pass ? 'PASS' : 'FAIL'));
  }
  return out.join('\n');
}
