/**
 * The elected officials' reader on a tablet: an elected official signs in, sees the coming
 * meeting, its package downloads, the network is cut, a document opens and its pages render, a
 * private note is saved and survives a reload offline; once the meeting is closed, the package and
 * the note are gone from the device. Meeting records are written straight into the server's
 * storage (as the demo data or a coordinator's client would put them there).
 */
import { test as base, expect, type Page } from '@playwright/test';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MeetingRecord } from '../../shared/src/model/meeting';
import { startServer } from '../../sync-server/src/app';
import { silentLogger } from '../../sync-server/src/logger';
import { databaseName } from '../../renderer/src/lib/replica/database';
import { STATIC_DIR, login } from './fixtures';
import { SyncLine } from './sync-line';
import { eventually } from './raw-register';
import {
  body,
  daysFromNow,
  item,
  meeting,
  pagedPdf,
  putMeetingRecords,
  registerDocuments,
  type RegisteredDocument,
} from '../integration/reader/fixtures';

const POLITIKER = 'usr-politiker';
const NOTE = 'Fråga om driftkostnaden på sidan 3';

type Running = Awaited<ReturnType<typeof startServer>> & { dataDir: string };

/** This spec's own server: it writes meeting records into the server's storage. */
const test = base.extend<Record<never, never>, { server: Running }>({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      if (!existsSync(path.join(STATIC_DIR, 'index.html')))
        throw new Error(`No web-mode build in ${STATIC_DIR}: run \`npm run build:web\``);
      const dataDir = await mkdtemp(path.join(tmpdir(), 'diarium-e2e-reader-'));
      const running = await startServer({
        dataDir,
        port: 0,
        host: '127.0.0.1',
        staticDir: STATIC_DIR,
        seedDemo: true,
        logger: silentLogger,
      });
      try {
        await use({ ...running, dataDir });
      } finally {
        await running.close();
        await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
        await rm(`${dataDir}-audit`, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

test.use({ viewport: { width: 768, height: 1024 }, hasTouch: true });

/** Every file of the server's data folder (SQLite with its WAL, blobs) as text. */
function serverBytes(dir: string): string {
  return readdirSync(dir)
    .map((name) => path.join(dir, name))
    .map((p) => (statSync(p).isDirectory() ? serverBytes(p) : readFileSync(p).toString('utf8')))
    .join('\n');
}

/** Keys of the replica's encrypted file cache (SHA-256 of each cached file). */
function cachedFiles(page: Page, dbName: string): Promise<string[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      if (!db.objectStoreNames.contains('meta')) return [];
      return await new Promise<string[]>((resolve, reject) => {
        const req = db.transaction('meta', 'readonly').objectStore('meta').getAllKeys();
        req.onsuccess = () => resolve(req.result.map(String));
        req.onerror = () => reject(req.error);
      });
    } finally {
      db.close();
    }
  }, `${dbName}_files`);
}

/** Every stored row of every IndexedDB database that mentions `needle`, as JSON. */
function rowsMentioning(page: Page, needle: string): Promise<string[]> {
  return page.evaluate(async (text) => {
    const out: string[] = [];
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name!);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(store, 'readonly').objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        for (const r of rows) {
          const json = JSON.stringify(r);
          if (json?.includes(text)) out.push(json);
        }
      }
      db.close();
    }
    return out;
  }, needle);
}

test('an elected official reads the coming meeting’s package offline, with a private note; it leaves when the meeting is closed', async ({
  page,
  context,
  server,
}) => {
  test.setTimeout(180_000);
  const url = server.url.replace(/\/+$/, '');
  const docs: RegisteredDocument[] = await registerDocuments(url, 'registrator', [
    { title: 'Tjänsteskrivelse om budget 2027', bytes: await pagedPdf('Tjansteskrivelse', 5) },
    { title: 'Bilaga driftbudget', bytes: await pagedPdf('Driftbudget', 2) },
  ]);
  const board = body('Kultur- och fritidsnämnden', [{ userId: POLITIKER, role: 'member', from: daysFromNow(-30) }]);
  const coming: MeetingRecord = meeting(board.id, daysFromNow(7), { title: 'Sammanträde med kultur- och fritidsnämnden' });
  await putMeetingRecords(
    server.storage,
    board,
    coming,
    item(coming, 1, 'Budget 2027', [docs[0]!.id, docs[1]!.id]),
    item(coming, 2, 'Val av justerare', [], { itemKind: 'adjuster_election' }),
  );

  // Everything the page sends, to show the private note never leaves the device.
  const sent: string[] = [];
  page.on('websocket', (ws) => ws.on('framesent', (f) => sent.push(String(f.payload))));
  page.on('request', (r) => sent.push(`${r.url()} ${r.postData() ?? ''}`));
  const line = await SyncLine.route(context);
  await page.goto(`${url}/`);
  await login(page, 'politiker');
  const status = page.getByRole('status', { name: 'Synkronisering' });
  await expect(status).toContainText('Ansluten');

  // 1. The coming meeting is listed and its package arrives.
  await page.getByRole('link', { name: 'Läsplatta' }).click();
  await expect(page.getByRole('heading', { name: 'Mina sammanträden' })).toBeVisible();
  const entry = page.getByRole('link', { name: /Sammanträde med kultur- och fritidsnämnden/ });
  await expect(entry).toContainText('Kultur- och fritidsnämnden');
  await expect(entry).toContainText('Alla 2 handlingar finns på enheten', { timeout: 30_000 });
  const dbName = databaseName(url, POLITIKER);
  expect(await cachedFiles(page, dbName)).toEqual(expect.arrayContaining(docs.map((d) => d.file.sha256)));

  // 2. The agenda, items in order with their documents.
  await entry.click();
  await expect(page.getByRole('heading', { name: 'Sammanträde med kultur- och fritidsnämnden', level: 1 })).toBeVisible();
  const items = page.getByRole('heading', { level: 3 });
  await expect(items).toHaveText([/Punkt 1.*Budget 2027/, /Punkt 2.*Val av justerare/]);
  const documentRow = page.locator('li.doc').filter({ hasText: 'Tjänsteskrivelse om budget 2027' });
  await expect(documentRow).toContainText('Finns på enheten');

  // 3. The network is cut: the document opens from the device and its pages render.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await line.cut({ offline: true });
  await expect(status).toContainText('Frånkopplad');
  await page.getByRole('link', { name: /Tjänsteskrivelse om budget 2027/ }).click();
  const pageBox = page.getByRole('group', { name: /Sida \d+ av 5/ });
  await expect(pageBox).toHaveAttribute('data-rendered-page', '1', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Nästa sida' }).click();
  await expect(pageBox).toHaveAttribute('data-rendered-page', '2');
  await page.getByRole('spinbutton', { name: 'Sida' }).fill('5');
  await page.getByRole('button', { name: 'Gå till sidan' }).click();
  await expect(pageBox).toHaveAttribute('data-rendered-page', '5');
  await pageBox.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(pageBox).toHaveAttribute('data-rendered-page', '4');
  // It opened fitted to the tablet's width; zooming in goes one step up.
  const scale = page.getByText(/^Skala \d+ %$/);
  const fitted = Number(/\d+/.exec((await scale.textContent()) ?? '')![0]);
  expect(fitted).toBeGreaterThanOrEqual(100);
  await page.getByRole('button', { name: 'Förstora' }).click();
  await expect(scale).not.toHaveText(`Skala ${fitted} %`);
  expect(Number(/\d+/.exec((await scale.textContent()) ?? '')![0])).toBeGreaterThan(fitted);
  // The page really was drawn: pixels other than white on the canvas.
  const inked = await pageBox.locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) dark++;
    return dark;
  });
  expect(inked).toBeGreaterThan(100);

  // 4. A private note and a highlight, saved on the device; both survive a reload offline.
  await page.getByRole('textbox', { name: 'Anteckning till handlingen' }).fill(NOTE);
  await page.getByRole('button', { name: 'Spara anteckningen' }).click();
  await expect(page.getByText('Anteckningen är sparad på enheten.')).toBeVisible();
  await page.getByRole('button', { name: 'Markera på sidan' }).click();
  const box = (await pageBox.locator('.page').boundingBox())!;
  await page.mouse.move(box.x + 60, box.y + 80);
  await page.mouse.down();
  await page.mouse.move(box.x + 300, box.y + 140, { steps: 4 });
  await page.mouse.up();
  await expect(page.getByRole('button', { name: 'Visa sidan 4' })).toBeVisible();
  // Sealed at rest: the note's text is nowhere in the browser's storage in the clear.
  expect(await rowsMentioning(page, 'driftkostnaden')).toEqual([]);
  expect((await rowsMentioning(page, 'Sammanträde med kultur- och fritidsnämnden')).length).toBeGreaterThan(0); // the scan sees the replica

  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Anteckning till handlingen' })).toHaveValue(NOTE, { timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Visa sidan 4' })).toBeVisible();
  await expect(page.getByRole('group', { name: /Sida \d+ av 5/ })).toHaveAttribute('data-rendered-page', '1', { timeout: 20_000 });

  // 5. The meeting is closed (on the server); when the connection returns, the package leaves.
  await putMeetingRecords(server.storage, { ...coming, status: 'closed' });
  await line.restore();
  await expect(status).toContainText('Ansluten', { timeout: 30_000 });
  await eventually('the package removed from the file cache', async () => {
    const keys = await cachedFiles(page, dbName);
    return docs.every((d) => !keys.includes(d.file.sha256)) || null;
  });
  await expect(page.getByRole('textbox', { name: 'Anteckning till handlingen' })).toBeVisible();
  await page.getByRole('link', { name: 'Läsplatta' }).click();
  await expect(page.getByRole('heading', { name: 'Mina sammanträden' })).toBeVisible();
  await expect(entry).toHaveCount(0);
  // The note never left the device: not in any frame or request, not in the server's data folder.
  expect(sent.length).toBeGreaterThan(0);
  expect(sent.filter((x) => x.includes('driftkostnaden'))).toEqual([]);
  const stored = serverBytes(server.dataDir);
  expect(stored).toContain('Tjänsteskrivelse om budget 2027'); // the scan does see what the server keeps
  expect(stored).not.toContain('driftkostnaden');
  // The note is gone too: no sealed note is left for that document.
  expect((await rowsMentioning(page, `reader-note|${docs[0]!.id}`)).filter((r) => r.includes('diariumCipher'))).toEqual([]);
});

test.describe('landscape tablet', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('a restricted document is listed without its title and asks for the second factor; a late addition is marked new', async ({
    page,
    context,
    server,
  }) => {
    test.setTimeout(120_000);
    const url = server.url.replace(/\/+$/, '');
    const [open, secret, late] = await registerDocuments(url, 'registrator', [
      { title: 'Protokollsutdrag om taxor', bytes: await pagedPdf('Taxor', 2) },
      { title: 'Utredning om enskild', bytes: await pagedPdf('Hemlig', 1), restricted: true },
      { title: 'Sent inkommet yttrande', bytes: await pagedPdf('Yttrande', 1) },
    ]);
    const board = body('Byggnadsnämnden', [{ userId: POLITIKER, role: 'substitute', substituteOrder: 1 }]);
    const coming = meeting(board.id, daysFromNow(3), { title: 'Byggnadsnämndens sammanträde' });
    await putMeetingRecords(server.storage, board, coming, item(coming, 1, 'Taxor 2027', [open!.id, secret!.id]));

    const line = await SyncLine.route(context);
    await page.goto(`${url}/#/lasplatta`);
    await login(page, 'politiker');
    const entry = page.getByRole('link', { name: /Byggnadsnämndens sammanträde/ });
    // The restricted document has no file for this member: the package is the one readable document.
    await expect(entry).toContainText('Handlingen finns på enheten', { timeout: 30_000 });
    await entry.click();
    const secretRow = page.locator('li.doc').filter({ hasText: 'Skyddad uppgift' });
    await expect(secretRow).toContainText('Sekretessmarkerad – kräver tvåstegsverifiering');
    await expect(page.getByText('Utredning om enskild')).toHaveCount(0);
    await secretRow.getByRole('button', { name: 'Verifiera för att läsa' }).click();
    await expect(page.getByRole('dialog', { name: /Bekräfta med kod|Aktivera tvåstegsverifiering/ })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('heading', { level: 3 })).toHaveText([/Punkt 1.*Taxor 2027/]);
    await expect(page.getByText('Ny', { exact: true })).toHaveCount(0);

    // A late addition arrives while the member is away from the meeting.
    await page.getByRole('link', { name: 'Tillbaka till mina sammanträden' }).click();
    await putMeetingRecords(server.storage, item(coming, 2, 'Yttrande över detaljplan', [late!.id]));
    await line.cut();
    await line.restore();
    await expect(entry).toContainText('Alla 2 handlingar finns på enheten', { timeout: 30_000 });
    await expect(entry).toContainText('2 nya eller ändrade sedan du tittade senast'); // the item and its document
    await entry.click();
    const lateItem = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Yttrande över detaljplan/ }) });
    await expect(lateItem.getByRole('heading', { level: 3 })).toContainText('Ny');
    await expect(lateItem.locator('li.doc')).toContainText('Ny');
    await expect(
      page
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { name: /Taxor 2027/ }) })
        .getByText('Ny'),
    ).toHaveCount(0);
  });
});
