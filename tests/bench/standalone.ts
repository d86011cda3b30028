/**
 * Running one benchmark alone (`npx tsx tests/bench/<name>.ts --cases N`): the synthetic
 * register loaded into a temporary data folder, a real server process on it, the benchmark's
 * report printed, and everything removed afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadBenchData } from './data';
import { startServerProcess, type ServerProcess } from './server-process';
import { SYNTHETIC_DEFAULTS } from './synthetic';
import { ms } from './table';
import { removeDataDir } from './proc';

/** Whether the module at `moduleUrl` is the script node was started with. */
export function isMain(moduleUrl: string): boolean {
  return Boolean(process.argv[1]) && path.resolve(process.argv[1]!) === path.resolve(fileURLToPath(moduleUrl));
}

export interface StandaloneRun {
  server: ServerProcess;
  dataDir: string;
  cases: number;
  /** With `stalls`: where the server logs its event-loop stalls (`stallsBetween`). */
  stallLog?: string;
}

/**
 * Loads `--cases` (default 20,000) cases, `--closed-share` of those older than 60 days closed
 * (default the generator's, 0.9; 0.45 is the share before session 14), starts the server (serving
 * `staticDir` when given, made by `prepare` after the load), and prints what `run` reports.
 * `stalls`: the server logs its event-loop stalls.
 */
export async function runStandalone(
  name: string,
  run: (ctx: StandaloneRun) => Promise<string>,
  opts: { prepare?: () => Promise<string>; stalls?: boolean } = {},
): Promise<void> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '20000' },
      'closed-share': { type: 'string', default: String(SYNTHETIC_DEFAULTS.closedShare) },
    },
    strict: false,
  });
  const cases = Number(values.cases);
  if (!Number.isInteger(cases) || cases < 1) throw new RangeError(`--cases must be a whole number ≥ 1, got ${String(values.cases)}`);
  const closedShare = Number(values['closed-share']);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `diarium-bench-${name}-`));
  try {
    const t0 = performance.now();
    const load = await loadBenchData(dataDir, {
      seed: 7,
      nowMs: Date.now(),
      cases,
      documentsPerCase: SYNTHETIC_DEFAULTS.documentsPerCase,
      foreignShare: SYNTHETIC_DEFAULTS.foreignShare,
      closedShare,
    });
    console.log(
      `Loaded ${load.cases} cases (${closedShare} of those older than 60 days closed), ${load.documents} documents in ${ms(performance.now() - t0)}`,
    );
    const staticDir = opts.prepare ? await opts.prepare() : undefined;
    const stallLog = opts.stalls ? `${dataDir}.stalls` : undefined;
    const server = await startServerProcess({ dataDir, ...(staticDir ? { staticDir } : {}), ...(stallLog ? { stallLog } : {}) });
    try {
      console.log(await run({ server, dataDir, cases, ...(stallLog ? { stallLog } : {}) }));
    } finally {
      await server.stop();
    }
  } finally {
    removeDataDir(dataDir);
    rmSync(`${dataDir}.stalls`, { force: true });
  }
}
