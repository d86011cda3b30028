import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { build } from 'vite';
import type { BrowserSyncResult, BulkInsertResult, QueryResult } from './browser/api';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Builds the bench page (browser/index.html and main.ts) into `outDir` with vite's defaults. */
export async function buildBenchPage(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: fileURLToPath(new URL('./browser', import.meta.url)),
    base: '/',
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, target: 'esnext', chunkSizeWarningLimit: 5000 },
  });
}

export interface BrowserResult {
  sync: BrowserSyncResult;
  queries: QueryResult[];
  bulkInsert: BulkInsertResult;
  /** Highest sampled resident memory of a renderer process during the sync, and during the queries (with the list's rows). */
  rendererPeakRss: { duringSync: number; duringQueries: number };
}

/**
 * Drives the bench page in headless Chromium, served by the sync server at `serverUrl`: the
 * product's initial sync into IndexedDB and the list queries over it in one browser, then a raw
 * bulk insert of the same records in another, so neither pays for the other's disk work.
 */
export async function runBrowserBench(serverUrl: string, username: string, password: string): Promise<BrowserResult> {
  const creds = [serverUrl, username, password] as const;
  const { sync, queries, rendererPeakRss } = await inFreshBrowser(serverUrl, async (page) => {
    const memory = new RendererMemory();
    try {
      memory.takePeak(); // the page as loaded, before the sync
      const synced = await page.evaluate(([u, n, p]) => window.benchSync(u, n, p), creds);
      const duringSync = memory.takePeak();
      const measured = await page.evaluate(() => window.benchQuery());
      return { sync: synced, queries: measured, rendererPeakRss: { duringSync, duringQueries: memory.takePeak() } };
    } finally {
      memory.stop();
    }
  });
  const bulkInsert = await inFreshBrowser(serverUrl, (page) => page.evaluate(([u, n, p]) => window.benchBulkInsert(u, n, p), creds));
  return { sync, queries, bulkInsert, rendererPeakRss };
}

const SAMPLE_MS = 250;

/**
 * Samples the resident memory (VmRSS) of the Chromium renderer processes below this process (the
 * page with the product's client is one of them; one browser runs at a time here). Sampled,
 * because Chromium resets its processes' VmHWM itself.
 */
export class RendererMemory {
  private max = 0;
  private readonly timer = setInterval(() => this.sample(), SAMPLE_MS);

  /** The highest sample since the last call; a new period starts. */
  takePeak(): number {
    this.sample();
    const peak = this.max;
    this.max = 0;
    if (peak === 0) throw new Error('no Chromium renderer process found below this process');
    return peak;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    for (const pid of rendererPids()) {
      try {
        const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (m) this.max = Math.max(this.max, Number(m[1]) * 1024);
      } catch {
        // The process ended between the listing and the read.
      }
    }
  }
}

export function rendererPids(): number[] {
  const parentOf = new Map<number, number>();
  const renderers: number[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parentOf.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) renderers.push(pid);
    } catch {
      // The process ended while the list was read.
    }
  }
  const descends = (pid: number): boolean => {
    for (let p = parentOf.get(pid); p !== undefined && p > 1; p = parentOf.get(p)) if (p === process.pid) return true;
    return false;
  };
  return renderers.filter(descends);
}

/**
 * Opens the bench page in a Chromium with a fresh profile in a temporary folder (so IndexedDB is
 * on disk, as in the real app), runs `work`, and removes the profile again.
 */
export async function inFreshBrowser<T>(serverUrl: string, work: (page: Page) => Promise<T>): Promise<T> {
  const profile = mkdtempSync(path.join(tmpdir(), 'diarium-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const errors: string[] = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (err) => errors.push(String(err)));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    await page.goto(`${serverUrl}/`);
    await page.waitForFunction(() => typeof window.benchSync === 'function');
    return await work(page);
  } catch (err) {
    throw new Error(`browser bench failed: ${String(err)}${errors.length ? `\npage errors:\n${errors.join('\n')}` : ''}`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
