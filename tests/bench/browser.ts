import { mkdtempSync, rmSync } from 'node:fs';
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
}

/**
 * Drives the bench page in headless Chromium, served by the sync server at `serverUrl`: the
 * product's initial sync into IndexedDB and the list queries over it in one browser, then a raw
 * bulk insert of the same records in another, so neither pays for the other's disk work.
 */
export async function runBrowserBench(serverUrl: string, username: string, password: string): Promise<BrowserResult> {
  const creds = [serverUrl, username, password] as const;
  const { sync, queries } = await inFreshBrowser(serverUrl, async (page) => ({
    sync: await page.evaluate(([u, n, p]) => window.benchSync(u, n, p), creds),
    queries: await page.evaluate(() => window.benchQuery()),
  }));
  const bulkInsert = await inFreshBrowser(serverUrl, (page) => page.evaluate(([u, n, p]) => window.benchBulkInsert(u, n, p), creds));
  return { sync, queries, bulkInsert };
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
