/**
 * The redaction tool end to end: a registrar masks a personnummer (accepted suggestion), a name
 * (searched term), a neighbour's name (selected text), a word (a box added with the keyboard) and
 * a line (a box drawn with the mouse on the page turned a quarter) in a document's PDF, the work
 * in progress survives a reload and reaches the server, and the masked copy is registered as a new
 * document whose PDF, checked with poppler and qpdf, holds none of the masked text but still the
 * rest; the original file keeps all of it. Offline, the draft is kept and the copy registered
 * with its upload queued; both reach the server when the connection returns.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Case, Document, FileRecord } from '../../shared/src';
import { newCase, newIncoming } from '../integration/fixtures';
import { leaked, pdftotext, run } from '../integration/redaction/masked-copy-checks';
import { expect, login, signInSynced, test } from './fixtures';
import { eventually, RawRegister } from './raw-register';
import { SyncLine } from './sync-line';

const PERSONNUMMER = '19811218-9876'; // valid check digit
const NAME = 'Anna Svensson';
const CODEWORD = 'Zebra4711';
const PUBLIC_LINE = 'Nämnden beviljar ansökan i sin helhet.';
const TITLE = 'Beslut om bistånd';
const NOTE = 'Anteckning Kvasthult';
const NEIGHBOUR = 'Bo Ödegärdet';

/** One A4 page; the code word sits where a box added with the keyboard starts (the middle). */
async function decisionPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Utredning om ${NAME}`);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  const lines = [TITLE, `Sökande: ${NAME}`, `Personnummer ${PERSONNUMMER}`, PUBLIC_LINE];
  lines.forEach((l, i) => page.drawText(l, { x: 72, y: 760 - i * 24, size: 12, font }));
  // Top-down y 425 is the middle of the box (413–429) the tool starts a keyboard box with.
  page.drawText(CODEWORD, { x: 260, y: 842 - 425, size: 10, font });
  page.drawText('Beslutet kan överklagas.', { x: 72, y: 300, size: 12, font });
  // Masked with a box drawn by mouse on the page turned a quarter (top-down y 632–645).
  page.drawText(NOTE, { x: 72, y: 200, size: 12, font });
  // Masked by selecting part of its line in the text layer.
  page.drawText(`Granne: ${NEIGHBOUR}`, { x: 72, y: 250, size: 12, font });
  return doc.save();
}

/** Registers, over the raw protocol, a case with an incoming decision and its PDF. */
async function plantDecision(
  registrar: RawRegister,
): Promise<{ kase: Case; original: Document; originalFile: FileRecord; originalBytes: Uint8Array }> {
  const p = await registrar.openProcess();
  const kase: Case = newCase(registrar.user.id, p, 'Ansökan om bistånd');
  const original: Document = newIncoming(registrar.user.id, p, kase.id, TITLE);
  await registrar.register(['cases', kase], ['documents', original]);
  const originalBytes = await decisionPdf();
  return { kase, original, originalFile: await registrar.upload(original.id, 'beslut.pdf', originalBytes), originalBytes };
}

test('mask a suggestion, a searched name, selected text and drawn boxes; the draft survives a reload; the masked copy leaks nothing', async ({
  page,
  server,
}) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'redaction-e2e-'));
  const registrar = await RawRegister.as(server.url, 'registrator');
  try {
    // The page's policy lets pdf.js compile its wasm decoders and start its worker from the app.
    const csp = (await fetch(`${server.url}/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("worker-src 'self' blob:");

    const { kase, original, originalFile, originalBytes } = await plantDecision(registrar);

    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    // Room for a whole A4 page turned a quarter.
    await page.setViewportSize({ width: 1600, height: 1200 });
    await page.goto('/');
    await login(page, 'registrator');
    await expect(page.getByRole('status', { name: 'Synkronisering' })).toContainText('Ansluten');
    await page.goto(`/#/handling/${original.id}`);
    await page.getByRole('link', { name: 'Maskera beslut.pdf' }).click();
    await expect(page.getByRole('heading', { name: 'Maskera beslut.pdf' })).toBeVisible();
    const page1 = page.getByRole('group', { name: 'Sida 1 av 1' });
    await expect(page1).toBeVisible();

    // 1. The personnummer is suggested, with why; accepting it masks it.
    const suggestions = page.getByRole('region', { name: 'Förslag' });
    await expect(suggestions).toContainText('Personnummer (kontrollsiffra stämmer)');
    await suggestions.getByRole('button', { name: `Godta förslaget ${PERSONNUMMER} på sida 1` }).click();
    await expect(suggestions.getByRole('button', { name: `Godta förslaget ${PERSONNUMMER} på sida 1` })).toHaveCount(0);

    // 2. The name, searched in another case and spacing, masked everywhere.
    const search = page.getByRole('region', { name: 'Sök och maskera' });
    await search.getByRole('searchbox', { name: 'Sökord' }).fill('anna  SVENSSON');
    await search.getByRole('button', { name: 'Sök' }).click();
    await expect(search.getByRole('status')).toHaveText('1 träff på sida 1.');
    await search.getByRole('button', { name: 'Maskera alla träffar' }).click();

    // 3. Part of a line selected in the text layer, then masked with the toolbar button.
    await page1.evaluate((el, name) => {
      const span = [...el.querySelectorAll('.text-layer span')].find((s) => s.textContent?.endsWith(name))!;
      const text = span.firstChild!;
      const range = document.createRange();
      range.setStart(text, text.textContent!.length - name.length);
      range.setEnd(text, text.textContent!.length);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
    }, NEIGHBOUR);
    await page.getByRole('button', { name: 'Maskera markerad text' }).click();
    await expect(page1.getByRole('button', { name: `Maskering på sida 1, lagrum OSL 21 kap. 7 §: ${NEIGHBOUR}` })).toHaveCount(1);

    // 4. A box with the keyboard: N on the page adds one in the middle, arrows move it, and back.
    await page1.focus();
    await page.keyboard.press('n');
    const box = page1.getByRole('button', { name: /^Maskering på sida 1, lagrum OSL 21 kap\. 7 §: Zebra4711/ });
    await expect(box).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await expect(box).toBeFocused();

    // 5. A box drawn with the mouse on the page turned a quarter clockwise: the view maps it back.
    await page.getByRole('button', { name: 'Rotera visningen' }).click();
    await page.getByRole('radio', { name: 'Rita ruta' }).check();
    await page1.scrollIntoViewIfNeeded();
    const turned = (await page1.boundingBox())!;
    expect(Math.round(turned.width)).toBe(842);
    // Page point (x, y) shows at (842 − y, x) when turned 90°.
    await page.mouse.move(turned.x + (842 - 626), turned.y + 66);
    await page.mouse.down();
    await page.mouse.move(turned.x + (842 - 648), turned.y + 140, { steps: 4 });
    await page.mouse.move(turned.x + (842 - 650), turned.y + 230, { steps: 4 });
    await page.mouse.up();
    await expect(page1.getByRole('button', { name: new RegExp(`^Maskering på sida 1, lagrum OSL 21 kap\\. 7 §: ${NOTE}$`) })).toBeFocused();

    const marks = page.getByRole('region', { name: /Maskeringar/ });
    await expect(marks.getByRole('listitem')).toHaveCount(6); // the term, and five boxes
    await expect(marks).toContainText('Förslag');
    await expect(marks).toContainText('Sökord');
    await expect(marks).toContainText('Ritad ruta');
    await expect(marks).toContainText('Markerad text');
    // A ground per mark: the name's box gets another one.
    await marks.getByRole('combobox', { name: `Lagrum för sökordet ${NAME}` }).selectOption('OSL 26 kap. 1 §');

    // The draft is saved and reaches the server with the document.
    await expect(page.getByText(/Pågående maskering sparad/)).toBeVisible();
    const savedDraft = await eventually('the draft on the server', async () => {
      const doc = (await registrar.pullAll<Document>('documents')).find((d) => d.id === original.id);
      const draft = doc?.redactionDrafts.find((r) => r.fileId === originalFile.id);
      return draft && draft.boxes.length === 5 && draft.terms[0]?.ground === 'OSL 26 kap. 1 §' ? draft : null;
    });
    expect(savedDraft.boxes.map((b) => b.source).sort()).toEqual(['manual', 'manual', 'suggestion', 'term', 'text']);
    expect(savedDraft.terms).toEqual([{ text: 'anna  SVENSSON', ground: 'OSL 26 kap. 1 §' }]);

    // 6. A reload restores the work in progress.
    await page.reload();
    await expect(page.getByText(/Pågående maskering återställd/)).toBeVisible();
    await expect(marks.getByRole('listitem')).toHaveCount(6);
    await expect(page1.getByRole('button', { name: /^Maskering på sida 1/ })).toHaveCount(5);
    await expect(suggestions.getByRole('button', { name: `Godta förslaget ${PERSONNUMMER} på sida 1` })).toHaveCount(0);

    // 7. The masked copy: registered as a new document linked to its original.
    await page.getByRole('button', { name: 'Skapa maskad kopia' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`Maskad kopia av ${TITLE}`);
    await expect(page.getByRole('link', { name: new RegExp(`${TITLE}$`) })).toHaveAttribute('href', `#/handling/${original.id}`);

    const copy = await eventually('the masked copy on the server', async () =>
      (await registrar.pullAll<Document>('documents')).find((d) => d.maskedCopyOf === original.id && d.documentNumber !== ''),
    );
    expect(copy).toMatchObject({
      caseId: kase.id,
      direction: 'created',
      title: `Maskad kopia av ${TITLE}`,
      documentTypeId: original.documentTypeId,
      classCode: original.classCode,
      restrictionKind: 'none',
    });
    const copyFile = await eventually('the masked copy’s file on the server', async () =>
      (await registrar.pullAll<FileRecord>('files')).find((f) => f.documentId === copy.id),
    );
    expect(copyFile).toMatchObject({ name: 'beslut (maskad kopia).pdf', mediaType: 'application/pdf' });
    await expect(page.getByRole('button', { name: 'Öppna beslut (maskad kopia).pdf' })).toBeVisible();

    // 8. Independent tools: nothing masked is left, the rest is, the file is sound.
    const copyPath = path.join(dir, 'copy.pdf');
    writeFileSync(copyPath, await registrar.download(copyFile.id));
    const copyText = pdftotext(copyPath);
    expect(leaked(copyText, [PERSONNUMMER, NAME, CODEWORD, NOTE, 'Kvasthult', NEIGHBOUR, 'Ödegärdet'])).toEqual([]);
    expect(copyText).toContain(PUBLIC_LINE);
    expect(copyText).toContain('Beslutet kan överklagas.');
    const check = run('qpdf', ['--check', copyPath]);
    expect(check.status, check.stderr).toBe(0);
    expect(run('pdfinfo', [copyPath]).stdout.toString('utf8')).not.toContain(NAME);

    // The original is untouched: same bytes, all its text.
    const originalPath = path.join(dir, 'original.pdf');
    const originalNow = await registrar.download(originalFile.id);
    expect(Buffer.from(originalNow).equals(Buffer.from(originalBytes))).toBe(true);
    writeFileSync(originalPath, originalNow);
    const secrets = [PERSONNUMMER, NAME, CODEWORD, NOTE, NEIGHBOUR];
    expect(leaked(pdftotext(originalPath), secrets)).toEqual(secrets);
    expect((await registrar.pullAll<FileRecord>('files')).filter((f) => f.documentId === original.id)).toHaveLength(1);

    expect(violations).toEqual([]);
  } finally {
    registrar.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('offline: the draft is kept and the masked copy registered; both reach the server when the connection returns', async ({
  page,
  context,
  server,
}) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'redaction-offline-'));
  const registrar = await RawRegister.as(server.url, 'registrator');
  try {
    const { original, originalFile } = await plantDecision(registrar);

    // The sync socket goes through a route so the test can cut it.
    const line = await SyncLine.route(context);
    const status = await signInSynced(page, 'registrator');
    await page.goto(`/#/maskering/${original.id}/${originalFile.id}`);
    const suggestions = page.getByRole('region', { name: 'Förslag' });
    const acceptPnr = suggestions.getByRole('button', { name: `Godta förslaget ${PERSONNUMMER} på sida 1` });
    await expect(acceptPnr).toBeVisible();

    await line.cut({ offline: true });
    await expect(status).toContainText('Frånkopplad');

    await acceptPnr.click();
    await expect(page.getByText(/Pågående maskering sparad/)).toBeVisible();
    await expect(status).toContainText(/väntar på att skickas/);
    await page.getByRole('button', { name: 'Skapa maskad kopia' }).click();
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toContainText(`Maskad kopia av ${TITLE}`);
    await expect(heading).toContainText(/Preliminärt [A-Z0-9]{6}/);
    await expect(page.getByRole('row', { name: /beslut \(maskad kopia\)\.pdf/ })).toContainText('Laddas upp när anslutningen är tillbaka');

    // The connection returns: the copy gets its number, its file goes up, the draft arrives.
    await line.restore();
    await expect(heading).not.toContainText('Preliminärt', { timeout: 20_000 });
    const copy = await eventually('the masked copy on the server', async () =>
      (await registrar.pullAll<Document>('documents')).find((d) => d.maskedCopyOf === original.id),
    );
    const copyFile = await eventually('the masked copy’s file on the server', async () =>
      (await registrar.pullAll<FileRecord>('files')).find((f) => f.documentId === copy.id),
    );
    await eventually('the draft on the server', async () =>
      (await registrar.pullAll<Document>('documents')).find(
        (d) => d.id === original.id && d.redactionDrafts.some((r) => r.fileId === originalFile.id && r.boxes.length === 1),
      ),
    );

    const copyPath = path.join(dir, 'copy.pdf');
    writeFileSync(copyPath, await registrar.download(copyFile.id));
    const text = pdftotext(copyPath);
    expect(leaked(text, [PERSONNUMMER])).toEqual([]);
    // Only what was marked is gone.
    expect(text).toContain(NAME);
    expect(text).toContain(PUBLIC_LINE);
    const check = run('qpdf', ['--check', copyPath]);
    expect(check.status, check.stderr).toBe(0);
  } finally {
    registrar.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('first use offline: the tool, pdf.js and its fonts come from the service worker, the file from the local cache', async ({
  page,
  context,
  server,
}) => {
  test.setTimeout(120_000);
  const registrar = await RawRegister.as(server.url, 'registrator');
  try {
    const { original, originalFile } = await plantDecision(registrar);
    const line = await SyncLine.route(context);
    const status = await signInSynced(page, 'registrator');
    // The service worker has installed (its install step keeps every built file) and the PDF has
    // been fetched into the replica's file cache; the redaction tool was never opened here.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await eventually('the PDF in the local file cache', () =>
      page.evaluate(async (sha) => {
        for (const { name } of await indexedDB.databases()) {
          if (!name?.endsWith('_files')) continue;
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const req = indexedDB.open(name);
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
          });
          const count = await new Promise<number>((resolve, reject) => {
            const req = db.transaction('meta', 'readonly').objectStore('meta').count(sha);
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
          });
          db.close();
          if (count > 0) return true;
        }
        return false;
      }, originalFile.sha256),
    );

    await line.cut({ offline: true });
    await expect(status).toContainText('Frånkopplad');
    await page.goto(`/#/maskering/${original.id}/${originalFile.id}`);
    // pdf.js ran (worker, standard font, text layer): the personnummer is found and suggested.
    const suggestions = page.getByRole('region', { name: 'Förslag' });
    await expect(suggestions.getByRole('button', { name: `Godta förslaget ${PERSONNUMMER} på sida 1` })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('group', { name: 'Sida 1 av 1' })).toBeVisible();
    await line.restore();
  } finally {
    registrar.close();
  }
});
