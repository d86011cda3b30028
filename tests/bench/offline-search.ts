/**
 * `npx tsx tests/bench/offline-search.ts [--cases N]`: offline search over the replica (issue 15,
 * target p95 < 50 ms over the window). The synthetic register's records of Kommunstyrelsen go
 * into an RxDB replica on memory storage (Node has no IndexedDB; the app's Dexie storage reads
 * slower), sealed as the replica keeps them, and each query runs as the search view runs it
 * (`searchReplica`: newest first, page by page, stopping after 200 hits). Names (parties, users,
 * processes, document types) come from the demo configuration the synthetic register uses.
 * Default 10 000 cases (≈ 36 000 records of the user: a working set, not the whole register).
 * `npm run bench` runs it at this default.
 */
import { parseArgs } from 'node:util';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { parseQuery } from '../../shared/src/search';
import { openDatabase } from '../../renderer/src/lib/replica/database';
import { sealRecord } from '../../renderer/src/lib/replica/sealing';
import { replicaNames } from '../../renderer/src/lib/search/names';
import { searchReplica } from '../../renderer/src/lib/search/replica-search';
import { KS_REGISTER_ID, buildDemoData } from '../../sync-server/src/demo/demo-data';
import { isMain } from './standalone';
import { percentiles, type Percentiles } from './stats';
import { syntheticRegister } from './synthetic';
import { ms } from './table';

const RUNS = 40;
export const OFFLINE_SEARCH_TARGET_MS = 50;

export interface OfflineSearchResults {
  /** Records of the user in the replica. */
  records: number;
  queries: { what: string; text: string; hits: number; p: Percentiles; firstMs: number }[];
}

/** Offline search over a replica of `cases` cases of the synthetic register (the user's records). */
export async function runOfflineSearchBench(cases: number): Promise<OfflineSearchResults> {
  const nowMs = Date.now();
  const demo = buildDemoData({ seed: 1, nowMs });
  const names = replicaNames(
    new Map(demo.users.map(({ user }) => [user.id, user])),
    demo.classes,
    new Map(demo.doctypes.map((d) => [d.id, d])),
    new Map(demo.parties.map((p) => [p.id, p])),
  );
  const sink = { report: () => undefined, isRejected: () => false };
  const db = await openDatabase(`bench-search-${nowMs}`, getRxStorageMemory() as never, sink, 'bench-search-secret-0123456789abcd');
  try {
    let records = 0;
    let sampleSender = '';
    let sampleNumber = '';
    let sampleTitle = '';
    for (const batch of syntheticRegister({ seed: 7, nowMs, cases, documentsPerCase: 3 })) {
      const mine = batch.records.filter((r) => r.registerId === KS_REGISTER_ID);
      if (batch.collection === 'cases') {
        await db.cases.bulkInsert(mine.map((c) => sealRecord('cases', c as never) as never));
        sampleNumber ||= (mine[Math.floor(mine.length / 2)] as { caseNumber: string } | undefined)?.caseNumber ?? '';
      } else {
        await db.documents.bulkInsert(mine.map((d) => sealRecord('documents', d as never) as never));
        const withSender = mine.find((d) => 'sender' in d && d.sender !== '') as { sender: string; title: string } | undefined;
        sampleSender ||= withSender?.sender ?? '';
        sampleTitle ||= withSender?.title ?? '';
      }
      records += mine.length;
    }
    const phrase = sampleTitle.split(/\s+/).slice(0, 2).join(' ');
    const queries: [string, string][] = [
      ['a common word (stops at 200 hits)', sampleTitle.split(/\s+/)[0]!.toLowerCase()],
      ['a phrase', `"${phrase}"`],
      ['a sender name', `avsändare:"${sampleSender}"`],
      ['a case number', sampleNumber.replace(/-0+/, '-').toLowerCase()],
      ['a word nowhere (full scan)', 'xyzzyplugh'],
    ];
    const out: OfflineSearchResults['queries'] = [];
    for (const [what, text] of queries) {
      const parsed = parseQuery(text);
      if (!parsed.ok) throw new Error(`${text}: ${parsed.error}`);
      const samples: number[] = [];
      let hits = 0;
      // The first search builds each collection's index (replica-index.ts), kept from then on.
      const cold = performance.now();
      await searchReplica(db, parsed.query, names);
      const firstMs = performance.now() - cold;
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const result = await searchReplica(db, parsed.query, names);
        samples.push(performance.now() - t0);
        hits = result.hits.length;
      }
      out.push({ what, text, hits, p: percentiles(samples), firstMs });
    }
    return { records, queries: out };
  } finally {
    await db.remove();
  }
}

export function renderOfflineSearchBench(r: OfflineSearchResults): string {
  const worst = Math.max(...r.queries.map((q) => q.p.p95));
  return [
    `\n| offline search over the replica (${r.records} records of the user, memory storage, ${RUNS} runs each) | hits | p50 | p95 | max | first search |`,
    '|---|---|---|---|---|---|',
    ...r.queries.map((q) => `| ${q.what} (${q.text}) | ${q.hits} | ${ms(q.p.p50)} | ${ms(q.p.p95)} | ${ms(q.p.max)} | ${ms(q.firstMs)} |`),
    `offline search over the window: worst p95 ${ms(worst)}, target p95 < ${OFFLINE_SEARCH_TARGET_MS} ms: ${worst < OFFLINE_SEARCH_TARGET_MS ? 'met' : 'NOT met'}`,
  ].join('\n');
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { cases: { type: 'string', default: '10000' } } });
  const cases = Number(values.cases);
  if (!Number.isInteger(cases) || cases < 1) throw new RangeError(`--cases must be a whole number ≥ 1, got ${values.cases}`);
  console.log(renderOfflineSearchBench(await runOfflineSearchBench(cases)));
}
