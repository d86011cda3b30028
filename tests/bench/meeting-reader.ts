/**
 * The elected officials' reader: a package of 40 documents / 500 pages (PDFs made with pdf-lib)
 * arrives in the browser's encrypted file cache, and then, with the browser offline, random pages
 * of random documents are opened in the reader (the product's web build in headless Chromium
 * against a real server). Target: opening any page offline < 300 ms. Baseline in the same browser:
 * opening the first page of the same documents. Run alone with `npx tsx tests/bench/meeting-reader.ts`
 * (builds the web mode into out/renderer when it is missing); `npm run bench` runs it too.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import type { MeetingRecord } from '../../shared/src/model/meeting';
import { startServer } from '../../sync-server/src/app';
import { silentLogger } from '../../sync-server/src/logger';
import { DEMO_PASSWORD } from '../../sync-server/src/demo/people';
import { body, daysFromNow, item, meeting, pagedPdf, putMeetingRecords, registerDocuments } from '../integration/reader/fixtures';
import { removeDataDir, REPO_ROOT } from './proc';
import { percentiles, type Percentiles } from './stats';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const DOCUMENTS = 40;
const PAGES = 500;
const SAMPLES = 60;
export const READER_TARGET_MS = 300;

export interface MeetingReaderResults {
  documents: number;
  pages: number;
  packageBytes: number;
  /** From sign-in until the reader says every document is on the device. */
  arrivalMs: number;
  /** Offline: a document opened from the device at a random page (tap → page drawn). */
  randomPage: Percentiles;
  /** Offline: within an open document, another random page (page number entered → page drawn). */
  turnPage: Percentiles;
  /** Baseline, offline: the same documents opened at their first page. */
  firstPage: Percentiles;
}

/** Pages per document: 500 over 40 documents (12 or 13 each). */
function pageCounts(): number[] {
  return Array.from({ length: DOCUMENTS }, (_, i) => Math.floor(PAGES / DOCUMENTS) + (i < PAGES % DOCUMENTS ? 1 : 0));
}

/**
 * In the page: opens the meeting, then the document at `target` (through the page number field),
 * and returns how long the first page and the target page took to be drawn.
 */
async function openAt(page: Page, meetingId: string, documentId: string, target: number): Promise<{ first: number; target: number }> {
  return page.evaluate(
    async ([m, d, n]) => {
      const rendered = (p: number) =>
        new Promise<void>((resolve) => {
          const check = () => {
            const el = document.querySelector(`[data-rendered-page="${p}"]`);
            if (el) resolve();
            else requestAnimationFrame(check);
          };
          check();
        });
      location.hash = `#/lasplatta/${m}`;
      await new Promise<void>((resolve) => {
        const check = () => (document.querySelector('[data-rendered-page]') ? requestAnimationFrame(check) : resolve());
        check();
      });
      const start = performance.now();
      location.hash = `#/lasplatta/${m}/${d}`;
      await rendered(1);
      const first = performance.now() - start;
      if (n === 1) return { first, target: first };
      const input = document.querySelector<HTMLInputElement>('input[type="number"]')!;
      const turn = performance.now();
      input.value = String(n);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.form!.requestSubmit();
      await rendered(n);
      return { first, target: first + (performance.now() - turn) };
    },
    [meetingId, documentId, target] as const,
  );
}

export async function runMeetingReaderBench(): Promise<MeetingReaderResults> {
  const staticDir = path.join(REPO_ROOT, 'out', 'renderer');
  if (!existsSync(path.join(staticDir, 'index.html'))) execFileSync('npm', ['run', 'build:web'], { cwd: REPO_ROOT, stdio: 'inherit' });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'diarium-bench-reader-'));
  const server = await startServer({ dataDir, port: 0, host: '127.0.0.1', staticDir, seedDemo: true, logger: silentLogger });
  const profile = mkdtempSync(path.join(os.tmpdir(), 'diarium-bench-reader-chromium-'));
  try {
    const url = server.url.replace(/\/+$/, '');
    const counts = pageCounts();
    const pdfs = await Promise.all(
      counts.map(async (n, i) => ({ title: `Handling ${i + 1}`, bytes: await pagedPdf(`Handling ${i + 1}`, n) })),
    );
    const docs = await registerDocuments(url, 'registrator', pdfs);
    const board = body('Kommunstyrelsen', [{ userId: 'usr-politiker', role: 'member' }]);
    const coming: MeetingRecord = meeting(board.id, daysFromNow(5), { title: 'Kommunstyrelsens sammanträde' });
    const items = Array.from({ length: DOCUMENTS / 2 }, (_, i) =>
      item(coming, i + 1, `Ärende ${i + 1}`, [docs[2 * i]!.id, docs[2 * i + 1]!.id]),
    );
    await putMeetingRecords(server.storage, board, coming, ...items);

    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.setViewportSize({ width: 1024, height: 768 });
      // tsx keeps function names with a helper the evaluated code would not find in the page.
      await page.addInitScript('window.__name = (f) => f');
      await page.goto(`${url}/#/lasplatta`);
      const start = Date.now();
      await page.getByLabel('Användarnamn').fill('politiker');
      await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.getByText(`Alla ${DOCUMENTS} handlingar finns på enheten`).waitFor({ timeout: 300_000 });
      const arrivalMs = Date.now() - start;
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

      await context.setOffline(true);
      // One warm-up (pdf.js' worker and fonts load once per session), not counted.
      await openAt(page, coming.id, docs[0]!.id, 2);
      let seed = 11;
      const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
      const randomPage: number[] = [];
      const turnPage: number[] = [];
      const firstPage: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const d = random(DOCUMENTS);
        const target = 2 + random(counts[d]! - 1);
        const opened = await openAt(page, coming.id, docs[d]!.id, target);
        randomPage.push(opened.target);
        turnPage.push(opened.target - opened.first);
        firstPage.push(opened.first);
      }
      await context.setOffline(false);
      return {
        documents: DOCUMENTS,
        pages: counts.reduce((a, b) => a + b, 0),
        packageBytes: pdfs.reduce((s, p) => s + p.bytes.length, 0),
        arrivalMs,
        randomPage: percentiles(randomPage),
        turnPage: percentiles(turnPage),
        firstPage: percentiles(firstPage),
      };
    } finally {
      await context.close();
    }
  } finally {
    await server.close();
    rmSync(profile, { recursive: true, force: true });
    removeDataDir(dataDir);
  }
}

const f = (n: number) => `${n.toFixed(1)} ms`;

export function renderMeetingReader(r: MeetingReaderResults): string {
  const p = (x: Percentiles) => `p50 ${f(x.p50)}, p95 ${f(x.p95)}, max ${f(x.max)} (n=${x.n})`;
  return [
    `Elected officials' reader: a package of ${r.documents} documents / ${r.pages} pages (${(r.packageBytes / 1024).toFixed(0)} KiB)`,
    `  package on the device after sign-in:      ${f(r.arrivalMs)}`,
    `  offline, open a document at a random page: ${p(r.randomPage)}   target p95 < ${READER_TARGET_MS} ms: ${r.randomPage.p95 < READER_TARGET_MS ? 'met' : 'NOT met'}`,
    `  offline, turn to a random page:            ${p(r.turnPage)}`,
    `  baseline, offline, open at the first page: ${p(r.firstPage)}`,
    `     ratio random page to first page:        p50 ×${(r.randomPage.p50 / r.firstPage.p50).toFixed(2)}, p95 ×${(r.randomPage.p95 / r.firstPage.p95).toFixed(2)}`,
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  console.log(renderMeetingReader(await runMeetingReaderBench()));
}
