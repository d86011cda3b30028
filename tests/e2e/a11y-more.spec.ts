/**
 * Accessibility (WCAG 2.1 AA, issue 16), the rest of the views and dialogs a11y.spec.ts does not
 * reach: a document's signature check (valid, invalid, changed after signing, the test key), a
 * mail shown in the document form (and a damaged one refused), the watch form and the
 * Bevakningar view with a due watch and its notification, a request with review items, the
 * publication preview with a blocked item, the member CSV import preview, the "Anmäl till
 * sammanträde" form, the rejection and conflict banners, a case outside the working set
 * (read-only from the server, and offline), and the public pages /postlista and /anslagstavla.
 * axe-core on each, 0 serious or critical. On a server of its own: its planted meetings, signed
 * files, watches and requests would change what other specs of a shared server see.
 */
import type { Browser, Page } from '@playwright/test';
import { swedishDate, type Case, type Document } from '../../shared/src';
import { emptyMeetingRecord, type MeetingRecord } from '../../shared/src/model/meeting';
import { DEV_SIGNING_API } from '../../shared/src/protocol/dev-signing';
import { pkcs12KeySource, signPdf } from '../../shared/src/signing';
import { newCase, newIncoming, tinyPdf } from '../integration/fixtures';
import { protocolPdf } from '../integration/signing/test-pdfs';
import { createTestPki } from '../integration/signing/test-pki';
import { expectAccessible } from './a11y';
import { expect, ownServer, signInSynced, test, type TestServer } from './fixtures';
import { RawRegister } from './raw-register';
import { SyncLine } from './sync-line';

test.use(ownServer(import.meta.url));

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const nav = (page: Page, name: string | RegExp) =>
  page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name, exact: typeof name === 'string' });

async function signedIn(browser: Browser, server: TestServer, username: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: server.url })).newPage();
  await signInSynced(page, username);
  return page;
}

/** A mail with an attachment, as mail.spec.ts files one. */
function mailEml(stamp: string): Buffer {
  return Buffer.from(
    [
      'From: Karin Svensson <karin@example.se>',
      'To: Kommunen <diarium@kommun.se>',
      `Subject: Synpunkt på gatubelysningen ${stamp}`,
      'Date: Tue, 01 Dec 2026 09:30:00 +0100',
      `Message-ID: <a11y-${stamp}@example.se>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="B"',
      '',
      '--B',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hej, lamporna på Storgatan är släckta.',
      '--B',
      'Content-Type: application/pdf; name="karta.pdf"',
      'Content-Disposition: attachment; filename="karta.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      tinyPdf('Karta').toString('base64'),
      '--B--',
      '',
    ].join('\r\n'),
  );
}

test('signatures, a mail in the document form, watches, a request with review items and the blocked publication item', async ({
  page,
  server,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const registrar = await RawRegister.as(server.url, 'registrator');
  const p = await registrar.openProcess();
  const kase = newCase(registrar.user.id, p, `Avtal om städtjänster ${stamp}`);
  const signedDoc: Document = newIncoming(registrar.user.id, p, kase.id, 'Undertecknat avtal');
  // A personnummer in the title: stopped from the public list, with its reason.
  const leak = newIncoming(registrar.user.id, p, kase.id, `Ansökan från 19811218-9876 ${stamp}`);
  await registrar.register(['cases', kase], ['documents', signedDoc], ['documents', leak]);
  const pki = createTestPki();
  const signed = await signPdf(await protocolPdf(false), pkcs12KeySource(pki.signer('Anna Lind', 'hemligt').p12, 'hemligt'), {
    signingTime: new Date(),
    reason: 'Avtalet godkänt',
    role: 'Registrator',
  });
  await registrar.upload(signedDoc.id, 'avtal.pdf', signed);
  // A copy changed inside the signed range and after it: the invalid signature and the warning shown too.
  const tampered = Buffer.concat([Buffer.from(signed), Buffer.from('\n% ändrad efteråt\n')]);
  const at = tampered.indexOf('/Producer') + 2;
  tampered[at] = tampered[at]! ^ 0x01;
  await registrar.upload(signedDoc.id, 'avtal-andrat.pdf', tampered);
  // Signed with the development test key, which the list marks as such.
  const devSigned = await fetch(`${server.url}${DEV_SIGNING_API.sign}?reason=${encodeURIComponent('Test')}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${registrar.token}`, 'content-type': 'application/pdf' },
    body: Buffer.from(await protocolPdf(false)),
  });
  expect(devSigned.status).toBe(200);
  await registrar.upload(signedDoc.id, 'avtal-testnyckel.pdf', new Uint8Array(await devSigned.arrayBuffer()));
  const numbered = await registrar.current<Document>('documents', signedDoc.id);
  const leakNumber = (await registrar.current<Document>('documents', leak.id)).documentNumber;
  registrar.close();
  await signInSynced(page, 'registrator');

  // The signature check on the document's PDF.
  await page.goto(`/#/handling/${signedDoc.id}`);
  await expect(h1(page)).toContainText('Undertecknat avtal');
  await expect(page.getByRole('button', { name: 'Kontrollera underskrifter' })).toHaveCount(3);
  // Each file's own check, by its row (a click while the list redraws may miss: try again).
  for (const name of ['avtal.pdf', 'avtal-andrat.pdf', 'avtal-testnyckel.pdf']) {
    const list = page.getByRole('list', { name: `Underskrifter i ${name}` });
    const check = page.getByRole('row').filter({ hasText: name }).getByRole('button', { name: 'Kontrollera underskrifter' });
    await expect(async () => {
      if ((await list.count()) === 0 && (await check.count()) === 1) await check.click();
      await expect(list).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
  }
  await expect(page.getByRole('list', { name: 'Underskrifter i avtal-testnyckel.pdf' })).toContainText('Testnyckel');
  await expect(page.getByRole('list', { name: 'Underskrifter i avtal.pdf' })).toContainText('Giltig');
  await expect(page.getByRole('list', { name: 'Underskrifter i avtal-andrat.pdf' })).toContainText('Ogiltig');
  await expect(page.getByRole('alert').filter({ hasText: 'Filen har ändrats efter den sista underskriften.' })).toBeVisible();
  await expectAccessible(page, 'Kontrollera underskrifter');

  // A mail dropped into the free-standing document form, parsed and shown.
  await page.keyboard.press('Alt+KeyL');
  const form = page.getByRole('dialog', { name: 'Ny fristående handling' });
  await form
    .getByLabel('Välj e-post…')
    .setInputFiles({ name: 'trasig.eml', mimeType: 'message/rfc822', buffer: Buffer.from('inte ett brev') });
  await expect(form.getByRole('alert')).toContainText('Filen trasig.eml är inte ett e-postmeddelande');
  await expectAccessible(page, 'Ny fristående handling, trasig e-post');
  await form.getByLabel('Välj e-post…').setInputFiles({ name: 'synpunkt.eml', mimeType: 'message/rfc822', buffer: mailEml(stamp) });
  await expect(form.getByLabel('Avsändare')).toHaveValue('Karin Svensson <karin@example.se>');
  await expect(form).toContainText('Filer som läggs till när handlingen sparas: synpunkt.eml');
  await expectAccessible(page, 'Ny fristående handling, med e-post');
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);

  // The watch form on the case, then the due watch and its notification in Bevakningar.
  const today = swedishDate(Date.now());
  await page.goto(`/#/arende/${kase.id}`);
  await expect(h1(page)).toContainText(kase.title);
  await page.getByRole('button', { name: 'Bevaka', exact: true }).click();
  const watch = page.getByRole('form', { name: 'Bevakning' });
  await expect(watch).toBeVisible();
  await expectAccessible(page, 'Bevaka');
  await watch.getByRole('textbox', { name: 'Bevaka till' }).fill(today);
  await watch.getByRole('textbox', { name: 'Anteckning' }).fill('Kontrollera att avtalet är undertecknat');
  await watch.getByRole('button', { name: 'Spara bevakningen' }).click();
  await expect(page.getByRole('button', { name: `Ändra bevakning (${today})` })).toBeVisible();
  await nav(page, /Bevakningar/).click();
  // Filtered by this case: other specs on the same server may leave watches of their own.
  await expect(
    page.getByRole('list', { name: 'Förfallna och förfaller i dag' }).getByRole('listitem').filter({ hasText: kase.title }),
  ).toContainText('Förfaller i dag');
  await expect(
    page
      .getByRole('list', { name: 'Notiser' })
      .getByRole('listitem')
      .filter({ hasText: `Bevakningen förfaller ${today}` })
      .filter({ hasText: kase.title }),
  ).toContainText('Oläst');
  await expectAccessible(page, 'Bevakningar, med en förfallen bevakning och en notis');

  // A request for the signed document, and its review item with the grounds open.
  await nav(page, 'Utlämnanden').click();
  await page.getByRole('button', { name: 'Registrera begäran' }).click();
  const request = page.getByRole('form', { name: 'Registrera begäran om allmän handling' });
  await request.getByLabel('Sökandens namn').fill('Reporter Rask (a11y-more)');
  await request.getByLabel('Kontaktuppgift (e-post eller adress)').fill('rask.more@example.se');
  await request.getByLabel('Vad begärs (med sökandens ord)').fill('Avtalet om städtjänster');
  const picker = request.getByRole('combobox', { name: 'Lägg till ärende eller handling' });
  await picker.fill(numbered.documentNumber);
  await expect(request.getByRole('listbox', { name: 'Träffar' }).getByRole('option').first()).toContainText(numbered.documentNumber);
  await expectAccessible(page, 'Registrera begäran, med träffar');
  await picker.press('Enter');
  await expect(request.getByRole('listitem').filter({ hasText: numbered.documentNumber })).toBeVisible();
  await request.getByRole('button', { name: /^Registrera/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Begäran / })).toBeVisible({ timeout: 20_000 });
  const item = page.getByRole('article', { name: new RegExp(numbered.documentNumber) });
  await item.getByRole('radio', { name: 'Lämnas ut maskerad' }).check();
  await item.getByRole('combobox', { name: 'Lagrum' }).fill('förföljda');
  await expect(item.getByRole('option', { name: /OSL 21 kap\. 3 §/ })).toBeVisible();
  await expectAccessible(page, 'Begäran, prövning med lagrum');

  // The publication preview with the blocked item.
  await nav(page, 'Publicering').click();
  await expect(
    page
      .getByRole('table', { name: /Stoppas/ })
      .getByRole('row')
      .filter({ hasText: leakNumber }),
  ).toContainText('Personnummer i rubriken');
  await expectAccessible(page, 'Publicering, med en stoppad handling');
});

test('the member CSV import preview and the "Anmäl till sammanträde" form', async ({ browser, server }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const title = `Byggnadsnämnden ${stamp}`;
  const coordinator = await RawRegister.as(server.url, 'mote');
  const body: MeetingRecord = {
    ...emptyMeetingRecord('body', { id: `body-${stamp}`, registerId: 'reg-ks' }),
    title,
    bodyType: 'committee',
    terms: [{ id: `term-${stamp}`, from: '2027-01-01', to: '2030-12-31' }],
  };
  await coordinator.register(['meetings', body]);
  coordinator.close();
  const registrar = await RawRegister.as(server.url, 'registrator');
  const kase: Case = {
    ...newCase(registrar.user.id, await registrar.openProcess(), `Medborgarförslag om parkbänkar ${stamp}`),
    responsibleUserId: 'usr-handlaggare',
  };
  await registrar.register(['cases', kase]);
  registrar.close();

  const mote = await signedIn(browser, server, 'mote');
  await mote.goto(`/#/organ/${body.id}`);
  await expect(h1(mote)).toContainText(title);
  await mote.getByRole('button', { name: 'Importera ledamöter' }).click();
  const csv = [
    'namn;personnummer;parti;organ;roll;från;till',
    `Gun Ek;;S;${title};ordförande;2027-01-01;2030-12-31`,
    `Hans Berg;;M;${title};ledamot;2027-01-01;2030-12-31`,
    `Kim Ros;;C;${title};ledamot;2027-13-01;2030-12-31`,
  ].join('\r\n');
  await mote.getByLabel('CSV-fil').setInputFiles({ name: 'ledamoter.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(mote.getByRole('list', { name: `${title}: Läggs till` }).getByRole('listitem')).toHaveCount(2);
  await expect(mote.getByRole('list', { name: 'Rader som inte kan importeras' }).getByRole('listitem')).toHaveCount(1);
  await expectAccessible(mote, 'Importera ledamöter, förhandsvisning');
  await mote.context().close();

  const officer = await signedIn(browser, server, 'handlaggare');
  await officer.goto(`/#/arende/${kase.id}`);
  await expect(h1(officer)).toContainText(kase.title);
  await officer.getByRole('button', { name: 'Anmäl till sammanträde' }).click();
  await expect(officer.getByRole('form', { name: 'Anmäl till sammanträde' })).toBeVisible();
  await expectAccessible(officer, 'Anmäl till sammanträde');
  await officer.context().close();
});

test('the rejection and conflict banners', async ({ page, context, server }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const registrar = await RawRegister.as(server.url, 'registrator');
  const p = await registrar.openProcess();
  const officerId = (await registrar.pullAll<{ id: string; username: string }>('users')).find((u) => u.username === 'handlaggare')!.id;
  const otherId = (await registrar.pullAll<{ id: string; username: string }>('users')).find((u) => u.username === 'registrator2')!.id;
  const clash: Case = { ...newCase(registrar.user.id, p, `Konfliktärende ${stamp}`), responsibleUserId: officerId };
  const refused: Case = { ...newCase(registrar.user.id, p, `Remiss om avfallsplan ${stamp}`), responsibleUserId: officerId };
  await registrar.register(['cases', clash], ['cases', refused]);

  const line = await SyncLine.route(context);
  const status = await signInSynced(page, 'handlaggare');
  await page.goto(`/#/arende/${clash.id}`);
  await expect(h1(page)).toContainText(clash.title);
  await line.cut();
  await expect(status).toContainText('Frånkopplad');
  // Offline: the officer retitles one case and sets the unit of the other…
  await page.getByRole('button', { name: 'Redigera uppgifter' }).click();
  await page.getByLabel('Ärendemening').fill(`${clash.title} (handläggarens rubrik)`);
  await page.keyboard.press('Control+Enter');
  await page.evaluate((h) => (location.hash = h), `#/arende/${refused.id}`);
  await expect(h1(page)).toContainText(refused.title);
  await page.getByRole('button', { name: 'Redigera uppgifter' }).click();
  await page.getByLabel('Enhet').fill('Miljöenheten');
  await page.keyboard.press('Control+Enter');
  await expect(status).toContainText(/2 ändringar väntar/);
  // …while the registrar retitles the first and gives the second to another officer.
  const clashNow = await registrar.current<Case>('cases', clash.id);
  await registrar.update('cases', clashNow, { ...clashNow, title: `${clash.title} (registratorns rubrik)` });
  const refusedNow = await registrar.current<Case>('cases', refused.id);
  await registrar.update('cases', refusedNow, { ...refusedNow, responsibleUserId: otherId });
  registrar.close();

  await line.restore();
  await expect(page.getByRole('alert').filter({ hasText: 'Servern sparade inte en ändring' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('region', { name: 'Samma uppgift har ändrats på två ställen' })).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Visa det du försökte spara' }).click();
  await expectAccessible(page, 'Avvisad ändring och konflikt');
});

test('a case outside the working set, from the server and offline, and the public /postlista and /anslagstavla', async ({
  page,
  context,
  server,
  browser,
}) => {
  test.setTimeout(120_000);
  // A closed case of another registrar: outside registrator's window.
  const word = `Arkivfall${Date.now().toString(36)}`;
  const other = await RawRegister.as(server.url, 'registrator2');
  const qa = await RawRegister.as(server.url, 'kvalitet');
  const p = await other.openProcess();
  const cases: Case[] = [];
  for (const title of [`${word} Kvarnbovägen`, `${word} Storgatan`]) {
    const c = newCase(other.user.id, p, title);
    const d = { ...newIncoming(other.user.id, p, c.id, `Skrivelse ${title}`), sender: 'Karin Svensson' };
    await other.register(['cases', c], ['documents', d]);
    const unchecked = await qa.current<Case>('cases', c.id);
    await qa.update('cases', unchecked, { ...unchecked, status: 'registered' });
    const registered = await other.current<Case>('cases', c.id);
    await other.update('cases', registered, { ...registered, status: 'closed' });
    cases.push(c);
  }
  const [c, offline] = cases as [Case, Case];
  other.close();
  qa.close();

  const line = await SyncLine.route(context);
  await signInSynced(page, 'registrator');
  await nav(page, 'Sök').click();
  const query = page.getByRole('searchbox', { name: 'Sökfråga' });
  await query.fill(word);
  await query.press('Enter');
  const hit = (x: Case) =>
    page.getByRole('grid', { name: 'Sökträffar' }).getByRole('row').filter({ hasText: x.title }).filter({ hasText: 'Ärende' });
  const row = hit(c);
  await expect(row).toContainText('Finns på servern');
  await expectAccessible(page, 'Sök, träffar på servern');
  // Replication held back: the server's answer stays on screen, read-only.
  line.hold();
  await row.dblclick();
  await expect(h1(page)).toContainText(c.title);
  await expect(page.getByRole('status').filter({ hasText: 'Visas från servern' })).toBeVisible();
  await expectAccessible(page, 'Ärende från servern (skrivskyddat)');
  line.release();
  await expect(page.getByRole('status').filter({ hasText: 'Visas från servern' })).toHaveCount(0);

  // Offline, the other hit: not available, with what the search knew.
  await page.goBack();
  await expect(hit(offline)).toContainText('Finns på servern');
  await line.cut();
  await hit(offline).dblclick();
  await expect(page.getByRole('alert')).toContainText('Inte tillgänglig offline');
  await expectAccessible(page, 'Ärende som inte är tillgängligt offline');
  await line.restore();

  // The public pages, without signing in.
  const anyone = await browser.newPage();
  await anyone.goto(`${server.url}/postlista`);
  await expect(anyone.getByRole('heading', { level: 1 })).toHaveText('Postlista – diariet på webben');
  await expect(anyone.getByRole('table').first()).toBeVisible();
  await expectAccessible(anyone, 'Postlista');
  await anyone.goto(`${server.url}/postlista?ord=${word}`);
  await expect(anyone.getByRole('heading', { level: 1 })).toHaveText('Postlista – diariet på webben');
  await expectAccessible(anyone, 'Postlista, sökning');
  await anyone.goto(`${server.url}/anslagstavla`);
  await expect(anyone.getByRole('heading', { level: 1 })).toHaveText('Anslagstavla');
  // The demo's adjusted minutes are posted: a notice with its facts, not only the empty board.
  await expect(anyone.getByRole('article').first()).toContainText('Tillkännagivande om justerat protokoll');
  await expectAccessible(anyone, 'Anslagstavla');
  await anyone.close();
});
