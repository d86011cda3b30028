import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { cpuMs, exited, peakRss, REPO_ROOT, TS_EXEC_ARGV } from './proc';

export interface ServerProcess {
  url: string;
  pid: number;
  /** Peak resident memory of the server process so far, in bytes. */
  peakRss(): number;
  /** CPU time the server process has used so far, in ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

/**
 * The real sync server (sync-server/src/main.ts) in a child process, as it runs in production,
 * so its memory can be read from /proc. An empty data folder gets the demo register (DIARIUM_DEMO=1).
 * `searchWorkers` sets SEARCH_WORKERS (0: the server searches in its own process). `stallLog`: a
 * file where the server logs each time its event loop was held (event-loop-stalls.ts; read with `stallsBetween`).
 */
export async function startServerProcess(opts: {
  dataDir: string;
  staticDir?: string;
  searchWorkers?: number;
  stallLog?: string;
}): Promise<ServerProcess> {
  // The public list's bench is 200 readers from one loopback address: its rate limit must let them all through.
  const env: NodeJS.ProcessEnv = { POSTLISTA_RATE: '100000000/1', ...process.env, DIARIUM_DEMO: '1', DATA_DIR: opts.dataDir, PORT: '0' };
  if (opts.staticDir) env.STATIC_DIR = opts.staticDir;
  if (opts.searchWorkers !== undefined) env.SEARCH_WORKERS = String(opts.searchWorkers);
  if (opts.stallLog) env.DIARIUM_BENCH_STALLS = opts.stallLog;
  const stalls = opts.stallLog ? ['--import', path.join(REPO_ROOT, 'tests', 'bench', 'event-loop-stalls.ts')] : [];
  // DIARIUM_BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (to see where a row's time goes).
  const profile = process.env.DIARIUM_BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.DIARIUM_BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, ...TS_EXEC_ARGV, ...stalls, path.join('sync-server', 'src', 'main.ts')], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The server logs structured lines on stderr; keep the tail for a failure message.
  let tail = '';
  child.stderr.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const onExit = (code: number | null) => fail(new Error(`server exited (${code}) before listening`));
    const timer = setTimeout(() => fail(new Error('server did not start in time')), START_TIMEOUT_MS);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${err.message}\n${tail}`));
    };
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout.off('data', onData);
      child.stdout.resume();
      resolve(m[1]!);
    };
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
  return {
    url,
    pid: child.pid!,
    peakRss: () => peakRss(child.pid!),
    cpuMs: () => cpuMs(child.pid!),
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}

/** The server's event-loop stalls (ms) logged in `file` that ended in [fromMs, toMs] (epoch ms), longest first. */
export async function stallsBetween(file: string, fromMs: number, toMs: number): Promise<number[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ').map(Number) as [number, number])
    .filter(([at]) => at >= fromMs && at <= toMs)
    .map(([, ms]) => ms)
    .sort((a, b) => b - a);
}
