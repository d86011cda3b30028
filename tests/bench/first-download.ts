/**
 * `npx tsx tests/bench/first-download.ts [--cases N]`: the first download as a registrar meets it
 * in headless Chromium (the product's client, IndexedDB on disk): sign-in to a usable list (own
 * open work and the newest 100 rows here, the list's first page read), the whole window, the
 * renderer's resident memory and JS heap sampled throughout, then a returning start (the page
 * reloaded, the window on disk) to a usable list. Targets from issue 15: < 10 s, < 60 s,
 * < 400 MiB, < 2 s at 100 000 cases.
 */
import path from 'node:path';
import { DEMO_PASSWORD } from '../../sync-server/src/demo/demo-data';
import { buildBenchPage, inFreshBrowser, RendererMemory } from './browser';
import type { FirstDownloadResult } from './browser/api';
import { REPO_ROOT } from './proc';
import { ms } from './table';
import { isMain, runStandalone } from './standalone';

const USER = 'registrator';
const MiB = 1024 * 1024;

export interface FirstDownloadBench {
  cases: number;
  first: FirstDownloadResult;
  /** Highest sampled resident memory of the renderer during the first download. */
  peakRss: number;
  returning: { ms: number; cases: number };
}

export async function runFirstDownloadBench(serverUrl: string, cases: number): Promise<FirstDownloadBench> {
  return inFreshBrowser(serverUrl, async (page) => {
    const memory = new RendererMemory();
    try {
      memory.takePeak();
      const first = await page.evaluate(([u, n, p]) => window.benchFirstDownload(u, n, p), [serverUrl, USER, DEMO_PASSWORD] as const);
      const peakRss = memory.takePeak();
      await page.reload();
      await page.waitForFunction(() => typeof window.benchReturning === 'function');
      const returning = await page.evaluate(([u, n, p]) => window.benchReturning(u, n, p), [serverUrl, USER, DEMO_PASSWORD] as const);
      return { cases, first, peakRss, returning };
    } finally {
      memory.stop();
    }
  });
}

export function renderFirstDownloadBench(r: FirstDownloadBench): string {
  const mib = (b: number) => `${Math.round(b / MiB)} MiB`;
  return [
    `\n| first download in Chromium (${r.cases} cases, user ${USER}) | measured | target |`,
    '|---|---|---|',
    `| sign-in to a usable list (own open work, newest 100 rows) | ${ms(r.first.usableMs)} | < 10 s |`,
    `| of which: signed in, replica open / first screen stored | ${ms(r.first.openedMs)} / ${ms(r.first.flagMs)} | |`,
    `| the whole window (${r.first.received} records, ${r.first.cases} cases) | ${ms(r.first.wholeMs)} | < 60 s |`,
    `| renderer resident memory, peak during the download | ${mib(r.peakRss)} | < 400 MiB |`,
    `| JS heap in use, peak during the download | ${mib(r.first.peakHeap)} | |`,
    `| returning start (window on disk, page reloaded) to a usable list | ${ms(r.returning.ms)} | < 2 s |`,
  ].join('\n');
}

if (isMain(import.meta.url))
  await runStandalone('first', async ({ server, cases }) => renderFirstDownloadBench(await runFirstDownloadBench(server.url, cases)), {
    prepare: async () => {
      const pageDir = path.join(REPO_ROOT, 'out', 'bench-first-download');
      await buildBenchPage(pageDir);
      return pageDir;
    },
  });
