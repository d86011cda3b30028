import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { build } from 'vite';
import type { BrowserSyncResult, BulkInsertResult, QueryResult } from './browser/api';
import { peakRss } from './proc';

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
  /** Peak resident memory (VmHWM) of the largest renderer process: after the sync, and at the end (queries, list rows). */
  rendererPeakRss: { afterSync: number; whole: number };
}

/**
 * Drives the bench page in headless Chromium, served by the sync server at `serverUrl`: the
 * product's initial sync into IndexedDB and the list queries over it in one browser, then a raw
 * bulk insert of the same records in another, so neither pays for the other's disk work.
 */
export async function runBrowserBench(serverUrl: string, username: string, password: string): Promise<BrowserResult> {
  const creds = [serverUrl, username, password] as const;
  const { sync, queries, rendererPeakRss } = await inFreshBrowser(serverUrl, async (page) => {
    const synced = await page.evaluate(([u, n, p]) => window.benchSync(u, n, p), creds);
    const afterSync = largestRendererPeakRss();
    return { sync: synced, queries: await page.evaluate(() => window.benchQuery()), rendererPeakRss: { afterSync, whole: largestRendererPeakRss() } };
  });
  const bulkInsert = await inFreshBrowser(serverUrl, (page) => page.evaluate(([u, n, p]) => window.benchBulkInsert(u, n, p), creds));
  return { sync, queries, bulkInsert, rendererPeakRss };
}

/**
 * The largest peak resident memory among the renderer processes Chromium runs for this process
 * (the page with the product's client is one of them; only one browser runs at a time here).
 */
function largestRendererPeakRss(): number {
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
  const ours = renderers.filter(descends);
  if (ours.length === 0) throw new Error('no Chromium renderer process found below this process');
  return Math.max(...ours.map((pid) => peakRss(pid)));
}

/**
 * Opens the bench page in a Chromium with a fresh profile in a temporary folder (so IndexedDB is
 * on disk, as in the real app), runs `work`, and removes the profile again.
 */
async function inFreshBrowser<T>(serverUrl: string, work: (page: Page) => Promise<T>): Promise<T> {
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
