/**
 * The meeting documents made in the browser client: the notice of a meeting with 40 items listing
 * 200 documents, and its minutes (target < 5 s each, issue 14), in headless Chromium through
 * Playwright, served as the sync server serves the web client, with the fonts loaded from the
 * page's own origin as the app loads them; and the same work in Node in this process as the
 * baseline. Part of `npm run bench`; alone:
 * `tsx tests/bench/meeting-pdf.ts [--runs N]`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { pdfjsAssets } from '../../renderer/vite.config';
import { serveStatic } from '../../sync-server/src/http/static';
import { percentiles, type Percentiles } from './stats';
import { meetingPdfRuns } from './meeting-pdf-work';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const TARGET_MS = 5000;
const FONT_DIR = fileURLToPath(new URL('../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url));

export interface MeetingPdfSide {
  /** The first run (cold: JIT and caches empty). */
  noticeFirstMs: number;
  minutesFirstMs: number;
  notice: Percentiles;
  minutes: Percentiles;
  noticeBytes: number;
  minutesBytes: number;
}

export interface MeetingPdfBenchResults {
  runs: number;
  browser: MeetingPdfSide & { fontsMs: number };
  node: MeetingPdfSide;
  /** One-minute load average before and after (the machine is shared). */
  load: [number, number];
}

function side(r: { noticeMs: number[]; minutesMs: number[]; noticeBytes: number; minutesBytes: number }): MeetingPdfSide {
  return {
    noticeFirstMs: r.noticeMs[0]!,
    minutesFirstMs: r.minutesMs[0]!,
    notice: percentiles(r.noticeMs),
    minutes: percentiles(r.minutesMs),
    noticeBytes: r.noticeBytes,
    minutesBytes: r.minutesBytes,
  };
}

/** Serves the built page from `dir` on a random port as the sync server serves the web client (its CSP, its index.html fallback). */
async function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => serveStatic(req, res, dir, new URL(req.url ?? '/', 'http://127.0.0.1').pathname));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function inBrowser(runs: number): Promise<MeetingPdfBenchResults['browser']> {
  if (!existsSync(CHROMIUM)) throw new Error(`the meeting-PDF bench needs Chromium at ${CHROMIUM}`);
  const outDir = mkdtempSync(path.join(tmpdir(), 'diarium-bench-meeting-pdf-'));
  try {
    await build({
      configFile: false,
      root: fileURLToPath(new URL('./meeting-pdf-page', import.meta.url)),
      base: '/',
      logLevel: 'error',
      plugins: [pdfjsAssets()],
      build: { outDir, emptyOutDir: true, target: 'esnext', chunkSizeWarningLimit: 5000 },
    });
    const server = await serve(outDir);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    const errors: string[] = [];
    try {
      const page = await browser.newPage();
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(server.url);
      await page.waitForFunction(() => typeof window.benchMeetingPdf === 'function');
      const r = await page.evaluate((n) => window.benchMeetingPdf(n), runs);
      return { ...side(r), fontsMs: r.fontsMs };
    } catch (e) {
      throw new Error(`meeting-PDF browser bench failed: ${String(e)}${errors.length ? `\npage errors:\n${errors.join('\n')}` : ''}`);
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export async function runMeetingPdfBench(runs = 5): Promise<MeetingPdfBenchResults> {
  const loadBefore = loadavg()[0]!;
  const browser = await inBrowser(runs);
  const fonts = {
    regular: new Uint8Array(readFileSync(path.join(FONT_DIR, 'LiberationSans-Regular.ttf'))),
    bold: new Uint8Array(readFileSync(path.join(FONT_DIR, 'LiberationSans-Bold.ttf'))),
  };
  const node = side(await meetingPdfRuns(fonts, runs));
  return { runs, browser, node, load: [loadBefore, loadavg()[0]!] };
}

export function renderMeetingPdf(r: MeetingPdfBenchResults): string {
  const ms = (x: number) => `${Math.round(x)} ms`;
  const met = (x: number) => (x < TARGET_MS ? 'met' : 'NOT met');
  const line = (what: string, b: number, n: number) =>
    `  ${what.padEnd(34)} browser ${ms(b).padStart(8)}   node ${ms(n).padStart(8)}   browser/node ×${(b / n).toFixed(2)}`;
  return [
    `Meeting documents (PDF/A-2b), 40 items listing 200 documents, ${r.runs} runs each (load ${r.load[0].toFixed(2)} → ${r.load[1].toFixed(2)})`,
    `  fonts loaded in the browser:       ${ms(r.browser.fontsMs)}`,
    line('notice, first run', r.browser.noticeFirstMs, r.node.noticeFirstMs),
    line('notice, median', r.browser.notice.p50, r.node.notice.p50),
    line('notice, slowest', r.browser.notice.max, r.node.notice.max),
    line('minutes, first run', r.browser.minutesFirstMs, r.node.minutesFirstMs),
    line('minutes, median', r.browser.minutes.p50, r.node.minutes.p50),
    line('minutes, slowest', r.browser.minutes.max, r.node.minutes.max),
    `  target < 5 s each in the browser:  notice ${met(r.browser.notice.max)}, minutes ${met(r.browser.minutes.max)}`,
    `  sizes: notice ${Math.round(r.browser.noticeBytes / 1024)} KiB, minutes ${Math.round(r.browser.minutesBytes / 1024)} KiB`,
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(fileURLToPath(import.meta.url))) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`--runs must be a whole number ≥ 1, got ${values.runs}`);
  console.log(renderMeetingPdf(await runMeetingPdfBench(runs)));
}
