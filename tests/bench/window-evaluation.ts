/**
 * How long a user's first window evaluation takes on the synthetic register, and a refresh after
 * one change (sync-server/src/working-set/window-evaluator.ts). Not a row of `npm run bench` yet:
 * `npx tsx tests/bench/window-evaluation.ts [cases]` prints the figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStorage } from '../../sync-server/src/storage/sqlite.adapter';
import { WindowEvaluator } from '../../sync-server/src/working-set/window-evaluator';
import { WorkingSetStore } from '../../sync-server/src/working-set/working-set.store';
import { loadBenchData } from './data';
import { SYNTHETIC_DEFAULTS } from './synthetic';

async function main(): Promise<void> {
  const cases = Number(process.argv[2] ?? SYNTHETIC_DEFAULTS.cases);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'diarium-bench-window-'));
  const nowMs = Date.now();
  try {
    const loaded = await loadBenchData(dataDir, { ...SYNTHETIC_DEFAULTS, seed: 1, cases, nowMs });
    const storage = new SqliteStorage(dataDir);
    const evaluator = new WindowEvaluator(storage, new WorkingSetStore(storage, () => nowMs), () => nowMs);
    const user = { id: 'usr-registrator', registerIds: ['reg-ks'] };
    let t = performance.now();
    const first = await evaluator.refresh(user);
    const firstMs = performance.now() - t;
    const c = (await storage.pullPage('cases', 0, 1, ['reg-ks']))[0]!;
    await storage.transaction((tx) => tx.putRecord('cases', { ...(c.data as { id: string; registerId: string }), title: 'Ändrad' }));
    t = performance.now();
    await evaluator.refresh(user);
    const changeMs = performance.now() - t;
    console.log(
      JSON.stringify({
        cases: loaded.cases,
        documents: loaded.documents,
        members: first.head,
        firstEvaluationMs: Math.round(firstMs),
        refreshAfterOneChangeMs: Math.round(changeMs * 10) / 10,
      }),
    );
    await storage.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
