import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root, for child processes that resolve paths relative to it. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Removes a bench's server data folder and the folder beside it where the server keeps its
 * checkpoint key and checkpoints (`<dir>-audit`, audit/checkpoint-key.ts), which benches left in /tmp.
 */
export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(`${dataDir}-audit`, { recursive: true, force: true });
}

/** Node flags that let a child process run TypeScript modules directly. */
export const TS_EXEC_ARGV = ['--import', 'tsx'];

/** Peak resident set size (VmHWM) of a running process, in bytes. */
export function peakRss(pid: number | 'self'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  if (!m) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(m[1]) * 1024;
}

/** CPU time (user + system) a running process has used so far, in milliseconds. */
export function cpuMs(pid: number): number {
  // Fields after the command name (which may hold spaces) in /proc/<pid>/stat: utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').pop()!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** Waits until a process uses (almost) no CPU for a second: its start-up work is done. */
export async function quiet(pid: number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let last = cpuMs(pid); Date.now() < deadline;) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = cpuMs(pid);
    if (now - last < 50) return;
    last = now;
  }
  throw new Error(`process ${pid} still busy after ${timeoutMs} ms`);
}

/** Waits until a child process has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** A TypeScript module running in a child Node process that reports back over IPC. */
export interface TsChild {
  /** The next message the child sends; rejects if it reports an error or exits first. */
  message<T>(): Promise<T>;
  /** Ends the child (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts `module` (a .ts file) in its own Node process, so its realm and memory are its own. */
export function forkTs(module: URL, args: readonly string[] = []): TsChild {
  const child = fork(fileURLToPath(module), [...args], {
    cwd: REPO_ROOT,
    execArgv: TS_EXEC_ARGV,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    message<T>() {
      return new Promise<T>((resolve, reject) => {
        const onMessage = (msg: { error?: string }) => {
          child.off('exit', onExit);
          if (msg.error) reject(new Error(`${shortName(module)}: ${msg.error}`));
          else resolve(msg as T);
        };
        const onExit = (code: number | null) => {
          child.off('message', onMessage);
          reject(new Error(`${shortName(module)} exited (${code}) before reporting`));
        };
        child.once('message', onMessage);
        child.once('exit', onExit);
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited(child);
    },
  };
}

function shortName(module: URL): string {
  return fileURLToPath(module).slice(REPO_ROOT.length);
}

/** Child side: sends one result (or the error) to the parent, then exits unless told to stay. */
export function report(work: () => Promise<object>, opts: { exit: boolean } = { exit: true }): void {
  const send = (msg: object) =>
    new Promise<void>((resolve) => {
      process.send!(msg, () => resolve());
    });
  work().then(
    async (result) => {
      await send(result);
      if (opts.exit) process.exit(0);
    },
    async (err: unknown) => {
      await send({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      process.exit(1);
    },
  );
}
