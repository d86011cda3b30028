/**
 * Search end to end: a registrar finds an incoming document by its sender (online, over the
 * server), opens it from the hits with the keyboard, searches the replica when the connection is
 * lost and is told so, and exports the hit list to Excel (the download is read back).
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { newCase, newIncoming } from '../integration/fixtures';
import { expect, signInSynced, test } from './fixtures';
import { RawRegister } from './raw-register';
import { SyncLine } from './sync-line';

/** A surname no demo record has, so the hits are exactly the planted ones. */
function uniqueName(): string {
  const letters = 'bcdfghjklmnpqrstvxz';
  let s = '';
  for (let n = Date.now(); s.length < 6; n = Math.floor(n / letters.length)) s += letters[n % letters.length];
  return `Ek${s}`;
}

test('search by sender finds the document online and offline; the hit list exports to Excel', async ({
  page,
  context,
  server,
}, testInfo) => {
  const surname = uniqueName();
  const sender = `Karin ${surname}`;
  const registrar = await RawRegister.as(server.url, 'registrator');
  const p = await registrar.openProcess();
  const c = newCase(registrar.user.id, p, 'Ansökan om bidrag till föreningsstuga');
  const d = { ...newIncoming(registrar.user.id, p, c.id, 'Ansökan med bilagor'), sender };
  await registrar.register(['cases', c], ['documents', d]);
  registrar.close();

  const line = await SyncLine.route(context);
  const status = await signInSynced(page, 'registrator');

  // The register's document list shows the sender in its own column, and its filter finds by it.
  await page.getByRole('tab', { name: 'Handlingar' }).click();
  const documents = page.getByRole('grid', { name: 'Handlingar i diariet' });
  await expect(documents.getByRole('columnheader', { name: 'Avsändare' })).toBeVisible();
  await expect(documents.getByRole('columnheader', { name: 'Mottagare' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Sök' }).fill(surname);
  await expect(documents.getByRole('row')).toHaveCount(2);
  await expect(documents.getByRole('row').nth(1).getByRole('gridcell').nth(4)).toHaveText(sender);

  // Online: the server searches.
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Sök' }).click();
  await expect(page.getByRole('heading', { name: 'Sök i diariet' })).toBeVisible();
  const query = page.getByRole('searchbox', { name: 'Sökfråga' });
  await expect(query).toBeFocused();
  await query.fill(`avsändare:"${sender}"`);
  await query.press('Enter');
  const hits = page.getByRole('grid', { name: 'Sökträffar' });
  await expect(hits.getByRole('row')).toHaveCount(2); // the header and the document
  await expect(hits.getByRole('row').nth(1)).toContainText('Ansökan med bilagor');
  await expect(hits.getByRole('row').nth(1)).toContainText(`Avsändare: ${sender}`);
  await expect(page.getByText('1 träff')).toBeVisible();
  await expect(page.getByText('Resultat från den lokala kopian')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('search-online.png') });

  // The help lists the fields; the advanced form writes the same query text.
  await page.getByRole('button', { name: 'Hjälp om sökfrågor' }).click();
  const help = page.getByRole('dialog', { name: 'Så skriver du en sökfråga' });
  await expect(help).toContainText('avsändare:');
  await expect(help).toContainText('datum:2026-01-01..2026-03-31');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await query.fill('');
  await page.getByRole('button', { name: 'Avancerad sökning' }).click();
  const advanced = page.getByRole('form', { name: 'Avancerad sökning' });
  await advanced.getByLabel('Avsändare', { exact: true }).fill(sender);
  await advanced.getByLabel('Riktning').selectOption({ label: 'Inkommen' });
  await expect(advanced).toContainText(`Sökfråga: avsändare:"${sender}" riktning:inkommen`);
  await advanced.getByRole('button', { name: 'Sök med de här villkoren' }).click();
  await expect(query).toHaveValue(`avsändare:"${sender}" riktning:inkommen`);
  await expect(hits.getByRole('row')).toHaveCount(2);
  await expect(hits.getByRole('row').nth(1)).toContainText('Ansökan med bilagor');

  // Keyboard: down into the hits, Enter opens the document; back finds the hits as they were.
  await query.press('ArrowDown');
  await expect(hits).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Ansökan med bilagor');
  await page.goBack();
  await expect(hits.getByRole('row')).toHaveCount(2);

  // A query the grammar refuses gets a specific Swedish message.
  await query.fill('avsändare:"Karin');
  await query.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Ett citattecken saknar sin avslutning');

  // Offline: the same query over the replica, and the view says so.
  await line.cut();
  await expect(status).toContainText('Frånkopplad');
  await query.fill(`avsändare:${surname.toLowerCase()}`);
  await query.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Resultat från den lokala kopian – inte allt finns offline' })).toBeVisible();
  await expect(hits.getByRole('row')).toHaveCount(2);
  await expect(hits.getByRole('row').nth(1)).toContainText('Ansökan med bilagor');
  await page.screenshot({ path: testInfo.outputPath('search-offline.png') });

  // Export: the download is an .xlsx with Swedish headers and the hit.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exportera till Excel' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^sokresultat-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  const bytes = await readFile(await file.path());
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.getRow(1).getCell(3).value).toBe('Ärendemening / rubrik');
  expect(sheet.getRow(2).getCell(1).value).toBe('Handling');
  expect(sheet.getRow(2).getCell(3).value).toBe('Ansökan med bilagor');
  expect(sheet.getRow(2).getCell(4).value).toEqual(new Date(Date.UTC(2026, 10, 20)));
  expect(sheet.getRow(2).getCell(7).value).toBe(sender);

  // Saved searches and favourites stay on this device.
  await page.getByLabel('Namn på sökningen').fill('Karins ansökningar');
  await page.getByRole('button', { name: 'Spara sökningen' }).click();
  await expect(page.getByRole('button', { name: 'Sök: Karins ansökningar' })).toBeVisible();
  await hits.getByRole('row').nth(1).dblclick();
  await page.getByRole('button', { name: 'Lägg till i favoriter' }).click();
  await expect(page.getByRole('button', { name: 'Ta bort från favoriter' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Sök' }).click();
  await expect(page.getByRole('region', { name: 'Favoriter' })).toContainText('Ansökan med bilagor');
  await line.restore();
});
