/**
 * The public register list and its preview: a registrar registers two documents, one with a
 * personnummer in its title; the preview shows the first going out and the second stopped with the
 * reason; /postlista, opened without signing in, shows the new registration at once. And a
 * registration made in the registrar's own UI reaches /postlista within a minute.
 */
import type { Document } from '../../shared/src';
import { newCase, newIncoming } from '../integration/fixtures';
import type { Locator } from '@playwright/test';
import { expect, login, test } from './fixtures';
import { RawRegister } from './raw-register';

test('the publisher sees what goes out and what is stopped; the public list shows the registration at once', async ({
  page,
  server,
  browser,
}) => {
  const registrar = await RawRegister.as(server.url, 'registrator');
  const p = await registrar.openProcess();
  const kase = newCase(registrar.user.id, p, 'Ansökningar om färdtjänst');
  const open = newIncoming(registrar.user.id, p, kase.id, 'Yttrande zqpubliceras från Trafikverket');
  const leak = newIncoming(registrar.user.id, p, kase.id, 'Ansökan från 19811218-9876 zqstoppas');
  await registrar.register(['cases', kase], ['documents', open], ['documents', leak]);
  const leakNumber = (await registrar.current<Document>('documents', leak.id)).documentNumber;
  registrar.close();

  await page.goto('/');
  await login(page, 'registrator');
  await page.getByRole('link', { name: 'Publicering' }).click();
  await expect(page.getByRole('heading', { name: 'Förhandsgranska postlistan' })).toBeVisible();
  const published = page.getByRole('table', { name: /Publiceras/ });
  const blocked = page.getByRole('table', { name: /Stoppas/ });
  await expect(published).toContainText('Yttrande zqpubliceras från Trafikverket');
  await expect(published).not.toContainText('zqstoppas');
  // Its own row (other specs of this worker plant such titles on the shared server too).
  await expect(blocked.getByRole('row').filter({ hasText: leakNumber })).toContainText('Personnummer i rubriken');
  await expect(blocked).not.toContainText('9876');

  // Anyone on the net: a fresh context, no session.
  const anyone = await browser.newPage();
  await anyone.goto(`${server.url}/postlista?ord=zqpubliceras`);
  await expect(anyone.getByRole('heading', { level: 1 })).toHaveText('Postlista – diariet på webben');
  await expect(anyone.getByRole('table')).toContainText('Yttrande zqpubliceras från Trafikverket');
  await anyone.goto(`${server.url}/postlista?ord=zqstoppas`);
  await expect(anyone.getByRole('status')).toHaveText('Inga registrerade handlingar motsvarar sökningen.');
  await anyone.close();
});

async function chooseOption(select: Locator, startsWith: string): Promise<void> {
  const value = await select
    .locator('option')
    .filter({ hasText: new RegExp(`^${startsWith}`) })
    .first()
    .getAttribute('value');
  expect(value, `an option starting with ${startsWith}`).toBeTruthy();
  await select.selectOption(value!);
}

test('a registration made in the registrar’s UI appears on /postlista, opened without a session, within a minute', async ({
  page,
  server,
  browser,
}) => {
  await page.goto('/');
  await login(page, 'registrator');
  const sync = page.getByRole('status', { name: 'Synkronisering' });
  await expect(sync).toContainText('Ansluten');
  await expect(sync).not.toContainText('Hämtar diariet');

  await page.getByRole('button', { name: 'Nytt ärende' }).click();
  const caseDialog = page.getByRole('dialog', { name: 'Nytt ärende' });
  await caseDialog.getByRole('combobox', { name: 'Process' }).fill('synpunkter');
  await caseDialog.getByRole('option', { name: /1\.4\.2\.1 Synpunkter och klagomål/ }).click();
  await caseDialog.getByLabel('Ärendemening').fill('Synpunkter på gatubelysningen');
  await caseDialog.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Synpunkter på gatubelysningen');

  await page.getByRole('button', { name: 'Ny handling' }).click();
  const docDialog = page.getByRole('dialog', { name: /^Ny handling i ärende / });
  await chooseOption(docDialog.getByLabel('Handlingstyp'), 'Synpunkt');
  await docDialog.getByLabel('Rubrik').fill('Synpunkt om släckta lampor zqnyregistrering');
  await docDialog.getByLabel('Avsändare').fill('Föreningen Ljus i mörker');
  await docDialog.getByRole('button', { name: 'Spara' }).click();
  await expect(docDialog).toBeHidden();

  // Anyone on the net, reloading the list as a reader would; the page must show it within a minute.
  const anyone = await browser.newPage();
  await expect(async () => {
    await anyone.goto(`${server.url}/postlista?ord=zqnyregistrering`);
    await expect(anyone.getByRole('table')).toContainText('Synpunkt om släckta lampor zqnyregistrering', { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(anyone.getByRole('table')).toContainText('Avsändare: Föreningen Ljus i mörker');
  await anyone.close();
});
