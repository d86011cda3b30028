/**
 * Publishing a governing document on the web: the registrar opens a registered document, sees
 * what goes out (the public entry and the file, passed by the gate), publishes; anyone without a
 * session finds it under "Publicerade handlingar" on /postlista and downloads the very file; the
 * registrar withdraws it and it is gone from the list and the download. An administrator keeps
 * the social services' register off the public list, and puts it back.
 */
import { PUBLICATION_API } from '../../shared/src';
import { newIncoming, tinyPdf } from '../integration/fixtures';
import { expectAccessible } from './a11y';
import { expect, login, signInSynced, test } from './fixtures';
import { eventually, RawRegister } from './raw-register';

test('a registrar publishes a governing document; the public downloads it from /postlista without signing in; withdrawn, it is gone', async ({
  page,
  server,
  browser,
}) => {
  const registrar = await RawRegister.as(server.url, 'registrator');
  const p = await registrar.openProcess();
  const doc = newIncoming(registrar.user.id, p, '', 'Riktlinjer för representation zqwebbpolicy');
  await registrar.register(['documents', doc]);
  const pdf = tinyPdf('Riktlinjer for representation');
  const file = await registrar.upload(doc.id, 'riktlinjer.pdf', pdf);
  // The gate reads the file's extracted text: wait until the server has extracted it.
  await eventually('the file text checked', async () => {
    const res = await fetch(`${server.url}${PUBLICATION_API.documentPrefix}${doc.id}`, {
      headers: { authorization: `Bearer ${registrar.token}` },
    });
    const view = (await res.json()) as { refusal: string | null };
    return view.refusal === null;
  });
  registrar.close();

  await page.goto('/');
  await login(page, 'registrator');
  await page.goto(`/#/handling/${doc.id}`);
  const panel = page.getByRole('region', { name: 'Publicering på webben' });
  await expect(panel.getByText('Handlingen är inte publicerad på webben.')).toBeVisible();
  await panel.getByRole('button', { name: 'Publicera på webben…' }).click();
  await expect(panel.getByRole('heading', { name: 'Det här publiceras' })).toBeVisible();
  await expect(panel).toContainText('Riktlinjer för representation zqwebbpolicy');
  await expect(panel.getByRole('table', { name: 'Filer att ladda ned' }).getByRole('row', { name: /riktlinjer\.pdf/ })).toContainText(
    'Publiceras',
  );
  await expectAccessible(page, 'the publication preview of a document');
  await panel.getByRole('button', { name: 'Publicera', exact: true }).click();
  await expect(panel.getByRole('status')).toHaveText('Handlingen är publicerad. Filerna kan laddas ned från postlistan.');
  await expect(panel).toContainText('Publicerad på webben');

  // Anyone on the net: a fresh context, no session.
  const anyone = await browser.newPage();
  await anyone.goto(`${server.url}/postlista`);
  await anyone.getByRole('link', { name: 'Publicerade handlingar' }).click();
  await expect(anyone.getByRole('checkbox', { name: /Endast publicerade handlingar/ })).toBeChecked();
  const row = anyone.getByRole('row', { name: /zqwebbpolicy/ });
  await expect(row).toContainText('Riktlinjer för representation zqwebbpolicy');
  const [download] = await Promise.all([anyone.waitForEvent('download'), row.getByRole('link', { name: 'riktlinjer.pdf' }).click()]);
  expect(download.suggestedFilename()).toBe('riktlinjer.pdf');
  const { readFile } = await import('node:fs/promises');
  expect(Buffer.from(await readFile((await download.path())!)).equals(pdf)).toBe(true);

  // The publisher's overview lists it, shown now.
  await page.getByRole('link', { name: 'Publicering' }).click();
  const web = page.getByRole('table', { name: /Publicerade handlingar på webben/ });
  await expect(web.getByRole('row', { name: /zqwebbpolicy/ })).toContainText('Ja');
  await expectAccessible(page, 'the publication view with published documents');
  await web
    .getByRole('row', { name: /zqwebbpolicy/ })
    .getByRole('link')
    .click();

  await panel.getByRole('button', { name: 'Ta bort från webben…' }).click();
  await panel.getByRole('button', { name: 'Ta bort från webben', exact: true }).click();
  await expect(panel.getByRole('status')).toHaveText('Handlingen är borttagen från webben.');
  await anyone.goto(`${server.url}/postlista?publicerade=1&ord=zqwebbpolicy`);
  await expect(anyone.getByRole('status')).toHaveText('Inga registrerade handlingar motsvarar sökningen.');
  expect((await anyone.request.get(`${server.url}/postlista/fil/${file.id}`)).status()).toBe(404);
  await anyone.close();
});

test('an administrator keeps the social services’ register off the public list in Inställningar, and puts it back', async ({
  page,
  server,
  browser,
}) => {
  const sn = await RawRegister.as(server.url, 'sn.registrator');
  await sn.register(['documents', newIncoming(sn.user.id, await sn.openProcess('reg-sn'), '', 'Ansökan om bistånd zqsnlista')]);
  sn.close();
  const anyone = await browser.newPage();
  const search = `${server.url}/postlista?ord=zqsnlista`;
  await anyone.goto(search);
  await expect(anyone.getByRole('table')).toContainText('Ansökan om bistånd zqsnlista');

  await signInSynced(page, 'admin');
  await page.getByRole('link', { name: 'Inställningar' }).click();
  await expect(page.getByRole('heading', { name: 'Diarier på den publika postlistan' })).toBeVisible();
  const snOnList = page.getByRole('checkbox', { name: 'Socialnämnden visas på postlistan' });
  await expect(snOnList).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Kommunstyrelsen visas på postlistan' })).toBeChecked();
  await expectAccessible(page, 'the registers on the public list in Inställningar');
  try {
    await snOnList.uncheck();
    await expect(page.getByText('Socialnämnden visas inte längre på postlistan.')).toBeVisible();
    await anyone.goto(search);
    await expect(anyone.getByRole('status')).toHaveText('Inga registrerade handlingar motsvarar sökningen.');
  } finally {
    // The worker's other specs share this server: the register goes back on the list.
    await snOnList.check();
  }
  await expect(page.getByText('Socialnämnden visas nu på postlistan.')).toBeVisible();
  await anyone.goto(search);
  await expect(anyone.getByRole('table')).toContainText('Ansökan om bistånd zqsnlista');
  await anyone.close();
});
