/**
 * Approval flow with a signature, in web mode with the development test key: the registrar starts
 * a two-step flow on a document with a PDF; the first approver approves; the second signs and
 * approves; the register shows the signature, valid and marked as made with the test key, and the
 * signature statistics count it.
 */
import type { Browser, Page } from '@playwright/test';
import type { Document } from '../../shared/src';
import { newCase, newIncoming } from '../integration/fixtures';
import { protocolPdf } from '../integration/signing/test-pdfs';
import { expect, login, test, type TestServer } from './fixtures';
import { RawRegister } from './raw-register';

async function signedIn(browser: Browser, server: TestServer, username: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: server.url })).newPage();
  await page.goto('/');
  await login(page, username);
  await expect(page.getByRole('status', { name: 'Synkronisering' })).toContainText('Ansluten');
  return page;
}

test('start a two-step flow, approve, sign with the test key, see the signature', async ({ browser, server }) => {
  const registrar = await RawRegister.as(server.url, 'registrator');
  const p = await registrar.openProcess();
  const kase = newCase(registrar.user.id, p, 'Avtal om vinterväghållning');
  const doc: Document = newIncoming(registrar.user.id, p, kase.id, 'Avtal för underskrift');
  await registrar.register(['cases', kase], ['documents', doc]);
  await registrar.upload(doc.id, 'avtal.pdf', await protocolPdf(false));
  registrar.close();

  // The registrar starts the flow: Sara Holm approves, then Erik Berg signs.
  const starter = await signedIn(browser, server, 'registrator');
  await starter.goto(`/#/handling/${doc.id}`);
  await starter.getByRole('button', { name: 'Starta godkännandeflöde' }).click();
  const form = starter.getByRole('form', { name: 'Starta godkännandeflöde' });
  const step1 = form.getByRole('group', { name: 'Steg 1' });
  await step1.getByLabel('Godkännare eller beslutsfattare').selectOption({ label: 'Sara Holm' });
  await step1.getByLabel('Senast').fill('2026-12-15');
  await form.getByRole('button', { name: 'Lägg till steg' }).click();
  const step2 = form.getByRole('group', { name: 'Steg 2' });
  await step2.getByLabel('Godkännare eller beslutsfattare').selectOption({ label: 'Erik Berg' });
  await step2.getByLabel('Roll').selectOption({ label: 'Beslutsfattare' });
  await step2.getByLabel('Senast').fill('2026-12-20');
  await step2.getByLabel('Kräver underskrift').check();
  await form.getByRole('button', { name: 'Starta' }).click();
  const panel = starter.getByRole('region', { name: 'Godkännandeflöde' });
  await expect(panel).toContainText('Pågår');
  await expect(panel).toContainText('Startat av Anna Lind');

  // First step: approve without a signature.
  const first = await signedIn(browser, server, 'kvalitet');
  await first.goto(`/#/handling/${doc.id}`);
  const firstPanel = first.getByRole('region', { name: 'Godkännandeflöde' });
  await firstPanel.getByRole('button', { name: 'Godkänn', exact: true }).click();
  await expect(firstPanel).toContainText('Godkänt', { timeout: 10_000 });

  // Second step: sign with the development test key (marked as such) and approve.
  const second = await signedIn(browser, server, 'handlaggare');
  await second.goto(`/#/handling/${doc.id}`);
  const secondPanel = second.getByRole('region', { name: 'Godkännandeflöde' });
  await expect(secondPanel.getByRole('note')).toHaveText('Testnyckel för utveckling – inte en giltig e-underskrift');
  await secondPanel.getByRole('button', { name: 'Signera och godkänn' }).click();
  await expect(secondPanel.locator('p').filter({ hasText: 'Godkänt ·' })).toBeVisible({ timeout: 15_000 });
  await expect(secondPanel).toContainText('Underskriven');

  // The register shows the new version's signature: who, valid, test key.
  await starter.reload();
  await expect(starter.getByRole('status', { name: 'Synkronisering' })).toContainText('Ansluten');
  await starter
    .getByRole('row', { name: /avtal\.pdf .* v2 / })
    .getByRole('button', { name: 'Kontrollera underskrifter' })
    .click();
  const list = starter.getByRole('list', { name: 'Underskrifter i avtal.pdf' });
  await expect(list).toContainText('Giltig');
  await expect(list).toContainText('Erik Berg');
  await expect(list).toContainText('Testnyckel');
  await expect(list).toContainText('Diarium testnyckel – endast utveckling');

  // The statistics count it: a signature this month by Erik Berg, made with the test key (other
  // tests of this worker share the server and sign too, the meetings' minutes among them, so the
  // counts are at least one; the accessibility spec plants invalid signatures, so their number is
  // not this test's — the list above showed this one valid).
  await starter.goto('/#/underskrifter');
  const stats = starter.getByRole('region', { name: 'Underskrifter' });
  await stats.getByRole('button', { name: 'Räkna underskrifter' }).click();
  await expect(stats).toContainText(/\d+ underskrifter i \d+ filer, varav \d+ ogiltiga och [1-9]\d* med testnyckel/, { timeout: 15_000 });
  await expect(stats.getByRole('table', { name: 'Per undertecknare' }).getByRole('row', { name: /^Erik Berg [1-9]\d*$/ })).toBeVisible();
  const parts = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit' }).formatToParts(
    new Date(),
  );
  const month = `${parts.find((x) => x.type === 'year')?.value}-${parts.find((x) => x.type === 'month')?.value}`;
  await expect(
    stats.getByRole('table', { name: 'Per månad' }).getByRole('row', { name: new RegExp(`^${month} [1-9]\\d*$`) }),
  ).toBeVisible();
});
