/**
 * An information request end to end: a registrar registers a request for two documents, releases
 * one in full, masks a personal identity number and a name found by suggestion in the other
 * (through the redaction tool), decides partial release (the decision document is drawn up and
 * registered in the request's case) and delivers one PDF. The downloaded package, checked with
 * poppler and qpdf, holds neither masked string but the rest; the original keeps its text; the
 * delivery is in the actor register with the package's hash.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { AuditEntry, Case, Document, FileRecord } from '../../shared/src';
import type { InformationRequest } from '../../shared/src/model/request';
import { newCase, newIncoming } from '../integration/fixtures';
import { leaked, pdftotext, run } from '../integration/redaction/masked-copy-checks';
import { expect, ownServer, signInSynced, test } from './fixtures';
import { eventually, RawRegister } from './raw-register';

// A server of its own: the list's report (delivered requests, median days) counts every request on the server.
test.use(ownServer(import.meta.url));

const PERSONNUMMER = '19811218-9876'; // valid check digit
const NAME = 'Anna Svensson';
const PUBLIC_LINE = 'Ansökan gäller skolskjuts till Norrbyskolan.';
const RELEASED_LINE = 'Skolskjuts beviljas för läsåret.';

async function pdf(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  lines.forEach((l, i) => page.drawText(l, { x: 72, y: 760 - i * 24, size: 12, font }));
  return doc.save();
}

/** A case with two documents and their PDFs, registered over the raw protocol. */
async function plant(registrar: RawRegister): Promise<{ docA: Document; docB: Document; fileB: FileRecord; bytesB: Uint8Array }> {
  const p = await registrar.openProcess();
  const me = registrar.user;
  const kase: Case = newCase(me.id, p, 'Skolskjuts för elev');
  const docA: Document = { ...newIncoming(me.id, p, kase.id, 'Beslut om skolskjuts'), sender: 'Skolförvaltningen' };
  // The sender's name is what the redaction tool suggests as a name.
  const docB: Document = { ...newIncoming(me.id, p, kase.id, 'Ansökan om skolskjuts'), sender: NAME };
  await registrar.register(['cases', kase], ['documents', docA], ['documents', docB]);
  await registrar.upload(docA.id, 'beslut.pdf', await pdf(['Beslut om skolskjuts', RELEASED_LINE]));
  const bytesB = await pdf(['Ansökan om skolskjuts', `Sökande: ${NAME}`, `Personnummer ${PERSONNUMMER}`, PUBLIC_LINE]);
  const fileB = await registrar.upload(docB.id, 'ansokan.pdf', bytesB);
  const numbered = await registrar.pullAll<Document>('documents');
  const number = (id: string) => numbered.find((d) => d.id === id)!;
  return { docA: number(docA.id), docB: number(docB.id), fileB, bytesB };
}

test('register a request for two documents, mask one by suggestion, decide partial release, deliver one PDF that leaks nothing', async ({
  page,
  server,
}, testInfo) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'requests-e2e-'));
  const registrar = await RawRegister.as(server.url, 'registrator');
  try {
    const { docA, docB, fileB, bytesB } = await plant(registrar);
    await page.setViewportSize({ width: 1500, height: 1100 });
    await signInSynced(page, 'registrator');

    // 1. Register the request, picking the documents by number with the keyboard.
    await page.getByRole('link', { name: 'Utlämnanden', exact: true }).click();
    await page.getByRole('button', { name: 'Registrera begäran' }).click();
    const form = page.getByRole('form', { name: 'Registrera begäran om allmän handling' });
    await form.getByLabel('Sökandens namn').fill('Journalist Jonsson');
    await form.getByLabel('Kontaktuppgift (e-post eller adress)').fill('jonsson@example.se');
    await form.getByLabel('Vad begärs (med sökandens ord)').fill('Handlingarna om skolskjutsen');
    await expect(form.getByLabel('Ska besvaras senast')).not.toHaveValue('');
    const picker = form.getByRole('combobox', { name: 'Lägg till ärende eller handling' });
    for (const d of [docA, docB]) {
      await picker.fill(d.documentNumber);
      await expect(form.getByRole('listbox', { name: 'Träffar' }).getByRole('option').first()).toContainText(d.documentNumber);
      await picker.press('Enter');
      await expect(form.getByRole('listitem').filter({ hasText: d.documentNumber })).toBeVisible();
    }
    await form.getByRole('button', { name: /^Registrera/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Begäran KS \d{4}-\d{5}$/ })).toBeVisible({ timeout: 20_000 });
    const requestId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);

    // 2. Review: the first in full, the second masked on a ground, then mask it in the tool.
    const itemA = page.getByRole('article', { name: new RegExp(docA.documentNumber) });
    const itemB = page.getByRole('article', { name: new RegExp(docB.documentNumber) });
    await expect(itemA).toContainText('Ingen begränsning');
    await itemA.getByRole('radio', { name: 'Lämnas ut i sin helhet' }).check();
    await itemA.getByRole('button', { name: 'Spara prövning' }).click();
    await expect(itemA).toContainText('Prövad av Anna Lind');
    await itemB.getByRole('radio', { name: 'Lämnas ut maskerad' }).check();
    const grounds = itemB.getByRole('combobox', { name: 'Lagrum' });
    await grounds.fill('förföljda');
    await expect(itemB.getByRole('option', { name: /OSL 21 kap\. 3 §/ })).toHaveAttribute('aria-selected', 'false');
    await grounds.press('ArrowDown');
    await grounds.press('ArrowUp');
    await grounds.press('Enter');
    await expect(itemB.getByRole('button', { name: 'Ta bort OSL 21 kap. 3 §' })).toBeVisible();
    await itemB.getByRole('button', { name: 'Spara prövning' }).click();
    await expect(itemB).toContainText('Prövad av Anna Lind');
    await expect(page.locator('.badge.status')).toHaveText('Under prövning');
    await itemB.getByRole('link', { name: 'Maskera ansokan.pdf' }).click();

    await expect(page.getByRole('heading', { name: 'Maskera ansokan.pdf' })).toBeVisible();
    const suggestions = page.getByRole('region', { name: 'Förslag' });
    for (const text of [PERSONNUMMER, NAME]) {
      const accept = suggestions.getByRole('button', { name: `Godta förslaget ${text} på sida 1` });
      await accept.click();
      await expect(accept).toHaveCount(0);
    }
    await page.getByRole('button', { name: 'Skapa maskad kopia' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Maskad kopia av Ansökan om skolskjuts');

    // 3. Back in the request, the item has picked up the registered masked copy.
    await page.goto(`/#/utlamnande/${requestId}`);
    await expect(itemB).toContainText(/Maskad kopia: KS \d{4}-\d{5}-\d+ Maskad kopia av Ansökan om skolskjuts/, { timeout: 30_000 });
    await eventually('the masked copy cited by the request on the server', async () => {
      const r = (await registrar.pullAll<InformationRequest>('requests')).find((x) => x.id === requestId);
      return r?.items.every((i) => i.review === 'release' || i.maskedDocumentId !== '') ? r : null;
    });

    // 4. Decide: partial release, with the decision document registered in the request's case.
    const decision = page.getByRole('region', { name: 'Beslut', exact: true });
    await expect(decision).toContainText('Prövningen ger: Delvis bifall – delvis avslag');
    await decision.getByRole('button', { name: 'Upprätta beslut och besluta' }).click();
    await expect(decision).toContainText(/Delvis bifall – delvis avslag, beslutat .* av Anna Lind/, { timeout: 30_000 });
    await expect(decision.getByRole('link', { name: /Beslut om delvis avslag på begäran att ta del av allmän handling/ })).toBeVisible();

    // 5. Deliver one PDF: the package is downloaded and its hash recorded.
    const delivery = page.getByRole('region', { name: 'Utlämnande', exact: true });
    await delivery.getByRole('radio', { name: 'En PDF med alla handlingar' }).check();
    const downloading = page.waitForEvent('download');
    await delivery.getByRole('button', { name: 'Skapa paket och lämna ut' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^Utlämnande KS \d{4}-\d{5}\.pdf$/);
    const packagePath = path.join(dir, 'package.pdf');
    await download.saveAs(packagePath);
    await expect(delivery).toContainText('Utlämnad');
    const sha = createHash('sha256').update(readFileSync(packagePath)).digest('hex');
    await expect(delivery.locator('code')).toHaveText(sha);
    await page.screenshot({ path: testInfo.outputPath('request-view.png'), fullPage: true });

    // The list shows it delivered with its time from registration; the report counts it.
    await page.getByRole('link', { name: 'Utlämnanden', exact: true }).click();
    await page.getByLabel('Visa').selectOption('all');
    const row = page.getByRole('row').filter({ hasText: 'Journalist Jonsson' });
    await expect(row).toContainText('Utlämnad');
    await expect(row).toContainText('0 dagar');
    const report = page.getByRole('region', { name: 'Tid från registrering till utlämnande' });
    // Figures follow their terms; the markup's whitespace between them is not the point.
    await expect(report).toContainText(/Utlämnade\s*1/);
    await expect(report).toContainText(/Median\s*0 dagar/);
    await page.screenshot({ path: testInfo.outputPath('requests-list.png'), fullPage: true });

    // 6. Independent tools: no masked string, the rest is there, the file is sound.
    const text = pdftotext(packagePath);
    expect(leaked(text, [PERSONNUMMER, NAME])).toEqual([]);
    expect(text).toContain(RELEASED_LINE);
    expect(text).toContain(PUBLIC_LINE);
    const check = run('qpdf', ['--check', packagePath]);
    expect(check.status, check.stderr).toBe(0);

    // The original is untouched and still has its text.
    const original = await registrar.download(fileB.id);
    expect(Buffer.from(original).equals(Buffer.from(bytesB))).toBe(true);
    const originalPath = path.join(dir, 'original.pdf');
    writeFileSync(originalPath, original);
    expect(leaked(pdftotext(originalPath), [PERSONNUMMER, NAME])).toEqual([PERSONNUMMER, NAME]);

    // The server has the request delivered with this hash, and the delivery in the actor register.
    const stored = await eventually('the delivered request on the server', async () =>
      (await registrar.pullAll<InformationRequest>('requests')).find((r) => r.id === requestId && r.status === 'delivered'),
    );
    expect(stored).toMatchObject({ decision: 'partial_release', deliveryFormat: 'pdf', deliverySha256: sha });
    const entries = (await registrar.pullAll<AuditEntry>('audit')).filter((a) => a.caseId === stored.caseId);
    expect(entries.map((a) => a.action)).toEqual(expect.arrayContaining(['request_decision', 'request_delivery']));
    const delivered = entries.find((a) => a.action === 'request_delivery')!;
    expect(delivered.changes).toContainEqual({ field: 'deliverySha256', from: '', to: sha });
    expect(delivered.changes.filter((c) => c.field.startsWith('delivered')).map((c) => c.to)).toEqual([
      docA.documentNumber,
      expect.stringMatching(new RegExp(`^${docB.documentNumber} \\(maskad kopia KS`)),
    ]);
  } finally {
    registrar.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
