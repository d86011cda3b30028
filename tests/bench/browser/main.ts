/**
 * The bench page: the product's real client (login, openReplica: Dexie/IndexedDB) in a real
 * browser, plus the raw RxDB write and query figures to compare it with. Served by the sync
 * server from STATIC_DIR, so it shares the server's origin and CSP.
 */
import { uncacheRxQuery, type MangoQuery } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { COLLECTION_NAMES, type Case } from '../../../shared/src';
import { caseRow, filterRows } from '../../../renderer/src/lib/register/rows';
import { viewOf } from '../../../renderer/src/lib/replica/sealing';
import { login, openReplica, unlockReplica, type Replica } from '../../../renderer/src/lib/replica';
import type { WebSocketFactory } from '../../../renderer/src/lib/replica/connection';
import { PULL_BATCH } from '../../../renderer/src/lib/replica/pull-gather';
import { bulkInsertAll, createBenchDatabase } from '../bench-db';
import { pullAll, type WireRecord } from '../pull-all';
import { percentiles } from '../stats';
import { filter, firstValueFrom } from 'rxjs';
import type { QueryResult } from './api';

const QUERY_RUNS = 200;

/**
 * Queries over cases, newest first through the `newestKey` index. The register list reads its
 * first page and its filters this way; free-text search it does over the rows it holds (below),
 * so the RxDB `$regex` query is measured for information only.
 */
const QUERIES: { name: string; query: MangoQuery<WireRecord>; productPath: boolean }[] = [
  { name: 'newest 100', query: { selector: {}, sort: [{ newestKey: 'asc' }], limit: 100 }, productPath: true },
  {
    name: 'status = registered, newest 100',
    query: { selector: { status: 'registered' }, sort: [{ newestKey: 'asc' }], limit: 100 },
    productPath: true,
  },
  {
    name: 'title contains "skola", newest 100, RxDB $regex (not how the list searches)',
    query: { selector: { title: { $regex: 'skola', $options: 'i' } }, sort: [{ newestKey: 'asc' }], limit: 100 },
    productPath: false,
  },
];
const LIST_SEARCH = 'skola';

let replica: Replica | null = null;

window.benchSync = async (serverUrl, username, password) => {
  const session = await login(serverUrl, username, password);
  await unlockReplica(session, password);
  const started = performance.now();
  replica = (await openReplica(session)).replica;
  await replica.awaitInitialSync();
  return { ms: performance.now() - started, received: replica.status.value.initialSync.received };
};

window.benchQuery = async () => {
  if (!replica) throw new Error('benchSync first');
  const cases = replica.db.cases;
  const results: QueryResult[] = [];
  for (const { name, query, productPath } of QUERIES) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < QUERY_RUNS; i++) {
      const q = cases.find(query as never);
      const started = performance.now();
      rows = (await q.exec()).length;
      times.push(performance.now() - started);
      // RxDB answers a repeated query from its query cache; dropping it makes every run read the storage.
      uncacheRxQuery(cases._queryCache, q as never);
    }
    results.push({ name, rows, productPath, ...percentiles(times) });
  }
  // The register list holds a row per case (built once, as the replica streams in) and filters
  // those on every keystroke of its search box.
  const all = await cases.find({ selector: {}, sort: [{ newestKey: 'asc' }] }).exec();
  const rows = all.map((d) => caseRow(viewOf<Case>(d)));
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < QUERY_RUNS; i++) {
    const started = performance.now();
    found = filterRows(rows, { text: LIST_SEARCH, status: '', classCode: '', registerId: '' }).length;
    times.push(performance.now() - started);
  }
  results.push({
    name: `title contains "${LIST_SEARCH}", newest first, as the register list searches its ${rows.length} rows`,
    rows: found,
    productPath: true,
    ...percentiles(times),
  });
  return results;
};

window.benchBulkInsert = async (serverUrl, username, password) => {
  const session = await login(serverUrl, username, password);
  const records = await pullAll(session, COLLECTION_NAMES, WebSocket as unknown as WebSocketFactory, fetch.bind(globalThis));
  const started = performance.now();
  const db = await createBenchDatabase(`bench_bulk_${Date.now()}`, getRxStorageDexie() as never);
  // Chunks of the replication's pull batch: the same unit of write as the sync.
  const inserted = await bulkInsertAll(db, records, PULL_BATCH);
  const ms = performance.now() - started;
  await db.close();
  return { ms, inserted };
};

/** The list's first page, as the register list reads it. */
const firstPage = (r: Replica) => r.db.cases.find({ selector: {}, sort: [{ newestKey: 'asc' }], limit: 100 } as never).exec();
const usable = (r: Replica) => firstValueFrom(r.status.pipe(filter((s) => s.initialSync.usable)));

window.benchFirstDownload = async (serverUrl, username, password) => {
  let peakHeap = 0;
  const heap = () => {
    const used = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
    peakHeap = Math.max(peakHeap, used);
  };
  const sampler = setInterval(heap, 250);
  try {
    const started = performance.now();
    const session = await login(serverUrl, username, password);
    await unlockReplica(session, password);
    replica = (await openReplica(session)).replica;
    const openedMs = performance.now() - started;
    await usable(replica);
    const flagMs = performance.now() - started;
    await firstPage(replica);
    const usableMs = performance.now() - started;
    await replica.awaitInitialSync();
    const wholeMs = performance.now() - started;
    heap();
    return {
      openedMs,
      flagMs,
      usableMs,
      wholeMs,
      received: replica.status.value.initialSync.received,
      cases: await replica.db.cases.count().exec(),
      peakHeap,
    };
  } finally {
    clearInterval(sampler);
  }
};

window.benchReturning = async (serverUrl, username, password) => {
  const session = await login(serverUrl, username, password);
  await unlockReplica(session, password);
  const started = performance.now();
  replica = (await openReplica(session)).replica;
  await usable(replica);
  await firstPage(replica);
  return { ms: performance.now() - started, cases: await replica.db.cases.count().exec() };
};
