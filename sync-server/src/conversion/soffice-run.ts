import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

export interface SofficeRun {
  /** The `soffice` program (a path or a name on PATH). */
  readonly program: string;
  /** A profile folder of this run's own: two LibreOffice processes sharing one hand work to each other. */
  readonly profileDir: string;
  readonly inputPath: string;
  readonly outDir: string;
  readonly convertTo: string;
  readonly timeoutMs: number;
}

export type SofficeOutcome =
  | { readonly kind: 'exited'; readonly code: number | null; readonly stderr: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'not_installed' };

/** Stderr kept for the log: LibreOffice says little, and a broken file should not fill memory. */
const STDERR_KEEP = 4096;

/**
 * Runs one headless conversion in a process group of its own, so that at the time limit the whole
 * group (the `soffice` script, oosplash and soffice.bin) is killed, not just the script.
 */
export function runSoffice(run: SofficeRun): Promise<SofficeOutcome> {
  return new Promise((resolve) => {
    const args = [
      `-env:UserInstallation=${pathToFileURL(run.profileDir).href}`,
      '--headless',
      '--invisible',
      '--nodefault',
      '--nolockcheck',
      '--nologo',
      '--norestore',
      '--convert-to',
      run.convertTo,
      '--outdir',
      run.outDir,
      run.inputPath,
    ];
    const child = spawn(run.program, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < STDERR_KEEP) stderr += chunk.toString('utf8').slice(0, STDERR_KEEP - stderr.length);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group ended between the timer and the kill.
      }
    }, run.timeoutMs);
    child.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(
        err.code === 'ENOENT' || err.code === 'EACCES' ? { kind: 'not_installed' } : { kind: 'exited', code: null, stderr: String(err) },
      );
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve(timedOut ? { kind: 'timeout' } : { kind: 'exited', code, stderr });
    });
  });
}
