/**
 * The register list's memory (issue 15, step 6): the heap the list model holds over a replica of
 * many cases, paged (`PagedList` over indexed queries, as the app runs it) against the old model
 * (a live query of every case, newest first, each mapped to a row and kept with its record, as
 * `SortedRows`/`RowCache` held them) as the baseline, in the same process on the same replica.
 * RxDB on memory storage in Node (no IndexedDB here): the records themselves are in the heap
 * before either model starts and are not counted; each figure is the heap after a full GC with
 * the model alive, minus the heap before it. Runs in its own Node process (`--expose-gc`).
 * Alone: `npx tsx tests/bench/register-list.ts [--cases N]` (default 100 000).
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { Case } from '../../shared/src';
import { collator } from '../../renderer/src/lib/i18n/labels';
import { ReplicaPageSource } from '../../renderer/src/lib/register/page-source';
import { PagedList } from '../../renderer/src/lib/register/paged-list';
import type { ListSpec } from '../../renderer/src/lib/register/paging';
import { caseRow, type ListRow } from '../../renderer/src/lib/register/rows';
import { openDatabase } from '../../renderer/src/lib/replica/database';
import { sealRecord, viewOf } from '../../renderer/src/lib/replica/sealing';
import { REPO_ROOT, TS_EXEC_ARGV, exited } from './proc';
import { syntheticRegister } from './synthetic';

export interface RegisterListResults {
  cases: number;
  /** Heap held by the paged list scrolled to the middle, bytes, and the rows it holds. */
  pagedHeap: number;
  pagedRows: number;
  /** Heap held by the old all-rows list, bytes, and its rows. */
  allRowsHeap: number;
  allRows: number;
  /** Paged: count and first page; a jump to the middle; the next page by cursor; title order's first page (a scan). */
  firstPageMs: number;
  jumpMs: number;
  nextPageMs: number;
  titleFirstPageMs: number;
  /** The old list: its first full result (every case read and mapped). */
  allRowsMs: number;
}

const CHILD_FLAG = '--child';

function heap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await work();
  return [out, performance.now() - t0];
}

async function measure(cases: number): Promise<RegisterListResults> {
  const sink = { report: () => undefined, isRejected: () => false };
  const db = await openDatabase(`bench-list-${Date.now()}`, getRxStorageMemory() as never, sink, 'bench-list-secret-0123456789abcdef');
  for (const batch of syntheticRegister({ seed: 7, nowMs: Date.now(), cases, documentsPerCase: 1 })) {
    if (batch.collection === 'cases') await db.cases.bulkInsert(batch.records.map((c) => sealRecord('cases', c as never) as never));
  }
  const spec: ListSpec = { tab: 'cases', registerId: '', status: '', classCode: '', sort: 'newest' };
  const source = new ReplicaPageSource(db, collator.compare);

  // RxDB builds some of its machinery on a collection's first query: not the list's to carry.
  await new PagedList(source, () => undefined).setSpec({ ...spec, status: 'closed' });
  const before = heap();
  let paged: PagedList | null = new PagedList(source, () => undefined);
  const [, firstPageMs] = await timed(() => paged!.setSpec(spec));
  const middle = Math.floor(paged.total / 2);
  const [, jumpMs] = await timed(() => paged!.setRange(middle, middle + 30));
  const [, nextPageMs] = await timed(() => paged!.setRange(middle + 190, middle + 220));
  const pagedHeap = heap() - before;
  const pagedRows = paged.held();
  const [, titleFirstPageMs] = await timed(() => paged!.setSpec({ ...spec, sort: 'title' }));
  paged = null;

  const base = heap();
  const keep: unknown[] = [];
  const cache = new Map<string, { data: Case; row: ListRow }>();
  const [rows, allRowsMs] = await timed(
    () =>
      new Promise<ListRow[]>((resolve) => {
        const sub = db.cases.find({ selector: {}, sort: [{ newestKey: 'asc' }] }).$.subscribe((docs) => {
          const out = docs.map((d) => {
            const data = viewOf<Case>(d);
            const row = caseRow(data);
            cache.set(data.id, { data, row });
            return row;
          });
          // The old list kept its subscription (and with it the query's result) for the session.
          keep.push(sub, docs);
          resolve(out);
        });
      }),
  );
  const allRowsHeap = heap() - base;
  const allRows = rows.length;
  for (const x of keep) if (typeof x === 'object' && x && 'unsubscribe' in x) (x as { unsubscribe(): void }).unsubscribe();
  cache.clear();
  await db.remove();
  return { cases, pagedHeap, pagedRows, allRowsHeap, allRows, firstPageMs, jumpMs, nextPageMs, titleFirstPageMs, allRowsMs };
}

/** Runs the measurement in a fresh Node process with `--expose-gc`. */
export async function runRegisterListBench(cases: number): Promise<RegisterListResults> {
  const child = fork(fileURLToPath(import.meta.url), [CHILD_FLAG, '--cases', String(cases)], {
    cwd: REPO_ROOT,
    execArgv: [...TS_EXEC_ARGV, '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const result = new Promise<RegisterListResults>((resolve, reject) => {
    child.once('message', (m: RegisterListResults | { error: string }) => ('error' in m ? reject(new Error(m.error)) : resolve(m)));
    child.once('exit', (code) => reject(new Error(`register-list bench exited (${code}) before reporting`)));
  });
  try {
    return await result;
  } finally {
    await exited(child);
  }
}

const mib = (b: number) => `${(b / 1024 ** 2).toFixed(1)} MiB`;
const f = (x: number) => `${x.toFixed(0)} ms`;

export function renderRegisterList(r: RegisterListResults): string {
  return [
    `Register list over ${r.cases} cases in the replica (RxDB memory storage, Node; heap after GC, records not counted)`,
    `  paged (scrolled to the middle):  ${mib(r.pagedHeap)} holding ${r.pagedRows} rows`,
    `  baseline, every row held:        ${mib(r.allRowsHeap)} holding ${r.allRows} rows   ratio ×${(r.allRowsHeap / Math.max(1, r.pagedHeap)).toFixed(0)}`,
    `  paged: count + first page ${f(r.firstPageMs)}, jump to the middle ${f(r.jumpMs)}, next page by cursor ${f(r.nextPageMs)}, title order first page (scan) ${f(r.titleFirstPageMs)}`,
    `  baseline: every row read and mapped ${f(r.allRowsMs)}`,
  ].join('\n');
}

const { values } = parseArgs({
  options: { cases: { type: 'string', default: '100000' }, child: { type: 'boolean', default: false } },
  strict: false,
});
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(fileURLToPath(import.meta.url))) {
  const cases = Number(values.cases);
  if (!Number.isInteger(cases) || cases < 1) throw new RangeError(`--cases must be a whole number ≥ 1, got ${String(values.cases)}`);
  if (values.child) {
    try {
      process.send!(await measure(cases));
    } catch (e) {
      process.send!({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
    process.disconnect();
  } else {
    console.log(renderRegisterList(await runRegisterListBench(cases)));
  }
}
