/**
 * How long a user's first window evaluation takes on the synthetic register, and a refresh after
 * one change (sync-server/src/working-set/window-evaluator.ts), and the longest time the first
 * evaluation kept the event loop busy (other users wait that long). Not a row of `npm run bench` yet:
 * `npx tsx tests/bench/window-evaluation.ts [cases] [--keep DIR]` prints the figures. With
 * `--keep DIR` the register is loaded into DIR once and later runs evaluate it again from scratch
 * (the user's window rows are removed first), so a change is measured before and after on one register.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SqliteStorage } from '../../sync-server/src/storage/sqlite.adapter';
import { WindowEvaluator } from '../../sync-server/src/working-set/window-evaluator';
import { WorkingSetStore } from '../../sync-server/src/working-set/working-set.store';
import { loadBenchData } from './data';
import { SYNTHETIC_DEFAULTS } from './synthetic';

const USER = 'usr-registrator';

/** Forgets the user's evaluated window, so the next evaluation is a fresh user's. */
function forgetWindow(sqliteFile: string): void {
  const db = new Database(sqliteFile);
  try {
    for (const table of ['window_members', 'window_log', 'window_state']) db.prepare(`DELETE FROM ${table} WHERE user_id = ?`).run(USER);
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { keep: { type: 'string' } }, allowPositionals: true });
  const cases = Number(positionals[0] ?? SYNTHETIC_DEFAULTS.cases);
  const dataDir = values.keep ? path.resolve(values.keep) : mkdtempSync(path.join(os.tmpdir(), 'diarium-bench-window-'));
  // A kept register is ready once its load time is written; its records are dated from it.
  const nowFile = path.join(dataDir, 'bench-now.json');
  try {
    let nowMs: number;
    if (existsSync(nowFile)) {
      nowMs = (JSON.parse(readFileSync(nowFile, 'utf8')) as { nowMs: number }).nowMs;
      forgetWindow(path.join(dataDir, 'diarium.sqlite'));
    } else {
      mkdirSync(dataDir, { recursive: true });
      nowMs = Date.now();
      await loadBenchData(dataDir, { ...SYNTHETIC_DEFAULTS, seed: 1, cases, nowMs });
      if (values.keep) writeFileSync(nowFile, JSON.stringify({ nowMs }));
    }
    const storage = new SqliteStorage(dataDir);
    const evaluator = new WindowEvaluator(storage, new WorkingSetStore(storage, () => nowMs), () => nowMs);
    const user = { id: USER, registerIds: ['reg-ks'], roles: ['registrar' as const], active: true };
    // The longest time the evaluation kept the event loop from other sockets' messages: the longest
    // gap between ticks of a 10 ms timer, the gap up to the evaluation's end included.
    let lastTick = performance.now();
    let longestStall = 0;
    const ticker = setInterval(() => {
      longestStall = Math.max(longestStall, performance.now() - lastTick);
      lastTick = performance.now();
    }, 10);
    let t = performance.now();
    const cpu = process.cpuUsage();
    const first = await evaluator.refresh(user);
    const firstMs = performance.now() - t;
    // CPU time as well: on a loaded machine the elapsed time says more about the neighbours.
    const firstCpu = process.cpuUsage(cpu);
    clearInterval(ticker);
    longestStall = Math.max(longestStall, performance.now() - lastTick);
    const c = (await storage.pullPage('cases', 0, 1, ['reg-ks']))[0]!;
    await storage.transaction((tx) => tx.putRecord('cases', { ...(c.data as { id: string; registerId: string }), title: 'Ändrad' }));
    t = performance.now();
    await evaluator.refresh(user);
    const changeMs = performance.now() - t;
    console.log(
      JSON.stringify({
        cases,
        members: first.head,
        firstEvaluationMs: Math.round(firstMs),
        firstEvaluationCpuMs: Math.round((firstCpu.user + firstCpu.system) / 1000),
        longestStallMs: Math.round(longestStall),
        refreshAfterOneChangeMs: Math.round(changeMs * 10) / 10,
        load: os.loadavg().map((l) => Math.round(l * 100) / 100),
      }),
    );
    await storage.close();
  } finally {
    if (!values.keep) rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
