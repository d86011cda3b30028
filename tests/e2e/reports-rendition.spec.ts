import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Document } from '../../shared/src';
import { newCase, newIncoming } from '../integration/fixtures';
import { expectAccessible } from './a11y';
import { expect, login, test } from './fixtures';
import { RawRegister } from './raw-register';

/*
 * Reports and renditions (issue 17) in Chromium: #/rapporter makes a PDF/A report on the server
 * and downloads it; a Word file (made by LibreOffice here) is masked in the redaction tool
 * through the server's PDF/A rendition, and the masked copy is a PDF. Only this spec's records
 * are looked at (the worker's server is shared).
 */
test('reports view downloads a PDF/A report', async ({ page }) => {
  await page.goto('/');
  await login(page, 'registrator');
  await expect(page.getByRole('status', { name: 'Synkronisering' })).toContainText('Ansluten');
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Rapporter', exact: true }).click();
  await expect(page).toHaveTitle('Rapporter – Diarium');
  await expectAccessible(page, 'Rapporter');
  await page.getByRole('radio', { name: /^Ärendestatistik/ }).check();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Skapa rapport' }).click();
  const d = await download;
  expect(d.suggestedFilename()).toMatch(/^arendestatistik-\d{4}-01-01-\d{4}-\d{2}-\d{2}\.pdf$/);
  const bytes = readFileSync((await d.path())!);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(page.getByRole('status').filter({ hasText: 'har hämtats' })).toBeVisible();
});

test('reports view makes a statistics report about one decision body, by keyboard', async ({ page }) => {
  await page.goto('/');
  await login(page, 'registrator');
  await expect(page.getByRole('status', { name: 'Synkronisering' })).toContainText('Ansluten');
  await page.goto('/#/rapporter');
  await expect(page).toHaveTitle('Rapporter – Diarium');
  // The body choice appears with the body reports only; the officials report has no process.
  await expect(page.getByRole('combobox', { name: 'Organ' })).toHaveCount(0);
  await page.getByRole('radio', { name: /^Förtroendevalda/ }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('combobox', { name: 'Process' })).toHaveCount(0);
  await page.keyboard.press('ArrowDown'); // E-underskrifter
  await page.keyboard.press('ArrowDown'); // Beslut per organ
  await expect(page.getByRole('radio', { name: /^Beslut per organ/ })).toBeChecked();
  const body = page.getByRole('combobox', { name: 'Organ' });
  await body.selectOption({ label: 'Kommunstyrelsen' });
  await expectAccessible(page, 'Rapporter, beslut per organ');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Skapa rapport' }).focus();
  await page.keyboard.press('Enter');
  const d = await download;
  expect(d.suggestedFilename()).toMatch(/^beslut-per-organ-\d{4}-01-01-\d{4}-\d{2}-\d{2}\.pdf$/);
  const file = (await d.path())!;
  expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('Beslut per organ');
  expect(text).toContain('Organ: Kommunstyrelsen');
});

test('the redaction tool masks a Word file through the rendition', async ({ page, server }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'rendition-e2e-'));
  writeFileSync(path.join(dir, 'yttrande.txt'), 'Yttrande från Zqordfil Karlsson om bygget\nBeslutet kan överklagas.\n');
  execFileSync('soffice', [
    `-env:UserInstallation=file://${dir}/p`,
    '--headless',
    '--convert-to',
    'docx:MS Word 2007 XML',
    '--outdir',
    dir,
    path.join(dir, 'yttrande.txt'),
  ]);
  const registrar = await RawRegister.as(server.url, 'registrator');
  let doc: Document;
  try {
    const p = await registrar.openProcess();
    const kase = newCase(registrar.user.id, p, 'Bygglov Wordfil');
    doc = newIncoming(registrar.user.id, p, kase.id, 'Yttrande i Word');
    await registrar.register(['cases', kase], ['documents', doc]);
    await registrar.upload(doc.id, 'yttrande.docx', new Uint8Array(readFileSync(path.join(dir, 'yttrande.docx'))));
  } finally {
    registrar.close();
  }
  await page.setViewportSize({ width: 1600, height: 1200 });
  await page.goto('/');
  await login(page, 'registrator');
  await expect(page.getByRole('status', { name: 'Synkronisering' })).toContainText('Ansluten');
  await page.goto(`/#/handling/${doc.id}`);
  await page.getByRole('link', { name: 'Maskera yttrande.docx' }).click();
  await expect(page.getByRole('heading', { name: 'Maskera yttrande.docx' })).toBeVisible();
  await expect(page.getByText('Filen visas som den PDF/A-version servern gjort av den.', { exact: false })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Sida 1 av 1' })).toBeVisible();
  const search = page.getByRole('region', { name: 'Sök och maskera' });
  await search.getByRole('searchbox', { name: 'Sökord' }).fill('Zqordfil');
  await search.getByRole('button', { name: 'Sök' }).click();
  await expect(search.getByRole('status')).toHaveText('1 träff på sida 1.');
  await search.getByRole('button', { name: 'Maskera alla träffar' }).click();
  await expectAccessible(page, 'Maskering av Word-fil');
  await page.getByRole('button', { name: 'Skapa maskad kopia' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Maskad kopia av Yttrande i Word');
  await expect(page.getByRole('button', { name: 'Öppna yttrande (maskad kopia).pdf' })).toBeVisible();
});
