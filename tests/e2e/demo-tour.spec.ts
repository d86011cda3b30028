/**
 * README's tour on the demo register as `npm start` loads it, the steps that need files: a
 * registrar opens the citizen proposal's PDF, takes the open information request on it, masks the
 * personnummer the redaction tool suggests and registers the masked copy; drops the demo reply
 * e-mail (downloaded from the demo server) and files it in the case its subject names; the waiting
 * signer of the demo approval flow signs the memorandum with the development test key. Nothing is
 * prepared by the test: everything comes from the seeded demo.
 */
import type { Case, Document } from '../../shared/src';
import type { Flow } from '../../shared/src/model/flow';
import type { InformationRequest } from '../../shared/src/model/request';
import { expect, ownServer, signInSynced, test } from './fixtures';
import { RawRegister } from './raw-register';

// A server of its own: the tour starts from the demo as seeded (its request waiting for review, its flow for a signer).
test.use(ownServer(import.meta.url));

interface Showcase {
  request: InformationRequest;
  proposal: Document;
  proposalCase: Case;
  memo: Document;
}

/** The demo's request, flow and their documents, as the server holds them. */
async function showcase(url: string): Promise<Showcase> {
  const raw = await RawRegister.as(url, 'registrator');
  try {
    const request = (await raw.pullAll<InformationRequest>('requests')).find((r) => r.id === 'req-demo-1')!;
    const flow = (await raw.pullAll<Flow>('flows')).find((f) => f.id === 'flow-demo-1')!;
    const documents = await raw.pullAll<Document>('documents');
    // The item waiting for review when the demo is seeded (another test of this worker may have reviewed it since).
    const proposal = documents.find((d) => d.id === request.items.find((i) => i.id === 'req-demo-1-item-2')!.targetId)!;
    const proposalCase = (await raw.pullAll<Case>('cases')).find((c) => c.id === proposal.caseId)!;
    return { request, proposal, proposalCase, memo: documents.find((d) => d.id === flow.documentId)! };
  } finally {
    raw.close();
  }
}

test('a registrar opens a demo PDF, masks it for the open request, and files a demo e-mail in its case', async ({ page, server }) => {
  test.setTimeout(180_000);
  const { request, proposal, proposalCase } = await showcase(server.url);
  await page.setViewportSize({ width: 1500, height: 1100 });
  await signInSynced(page, 'registrator');

  // The document and its PDF (tour steps 4 and 9).
  await page.goto(`/#/handling/${proposal.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(proposal.documentNumber);
  await expect(page.getByRole('button', { name: 'Öppna medborgarforslag.pdf' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Maskera medborgarforslag.pdf' })).toBeVisible();

  // The open request (step 10): the confirmation already reviewed, the proposal waiting.
  await page.goto(`/#/utlamnande/${request.id}`);
  await expect(page.getByRole('heading', { level: 1, name: /^Begäran KS \d{4}-\d{5}$/ })).toBeVisible();
  await expect(page.locator('.badge.status')).toHaveText('Under prövning');
  const item = page.getByRole('article', { name: new RegExp(proposal.documentNumber) });
  await item.getByRole('radio', { name: 'Lämnas ut maskerad' }).check();
  const grounds = item.getByRole('combobox', { name: 'Lagrum' });
  await grounds.fill('förföljda');
  await grounds.press('ArrowDown');
  await grounds.press('ArrowUp');
  await grounds.press('Enter');
  await expect(item.getByRole('button', { name: 'Ta bort OSL 21 kap. 3 §' })).toBeVisible();
  await item.getByRole('button', { name: 'Spara prövning' }).click();
  await expect(item).toContainText('Prövad av Anna Lind');

  // Masking (step 9): the proposer's personnummer is suggested; the masked copy is registered.
  await item.getByRole('link', { name: 'Maskera medborgarforslag.pdf' }).click();
  await expect(page.getByRole('heading', { name: 'Maskera medborgarforslag.pdf' })).toBeVisible();
  const suggestions = page.getByRole('region', { name: 'Förslag' });
  await expect(suggestions).toContainText('Personnummer (kontrollsiffra stämmer)', { timeout: 30_000 });
  const accept = suggestions.getByRole('button', { name: /^Godta förslaget \d{8}-\d{4} på sida 1$/ });
  await accept.first().click();
  await page.getByRole('button', { name: 'Skapa maskad kopia' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Maskad kopia av ${proposal.title}`, { timeout: 30_000 });

  // A demo e-mail (step 4): the reply to the confirmation, downloaded from the demo server, dropped
  // on a new document; its subject names the case, where it is filed with its files.
  const listing = await page.request.get('/demo/e-post/');
  expect(await listing.text()).toContain('svar-medborgarforslag.eml');
  const eml = await (await page.request.get('/demo/e-post/svar-medborgarforslag.eml')).body();
  await page.keyboard.press('Alt+KeyR');
  await page.keyboard.press('Alt+KeyL');
  const form = page.getByRole('dialog', { name: 'Ny fristående handling' });
  await form.getByLabel('Välj e-post…').setInputFiles({ name: 'svar-medborgarforslag.eml', mimeType: 'message/rfc822', buffer: eml });
  await expect(form.getByLabel('Rubrik')).toHaveValue(new RegExp(`^SV: .*\\(${proposalCase.caseNumber}\\)$`));
  await form.getByRole('button', { name: `Registrera i ärende ${proposalCase.caseNumber}` }).click();
  const inCase = page.getByRole('dialog', { name: `Ny handling i ärende ${proposalCase.caseNumber}` });
  await expect(inCase).toBeVisible();
  const type = inCase.getByLabel('Handlingstyp');
  const value = await type
    .locator('option')
    .filter({ hasText: /^E-post/ })
    .first()
    .getAttribute('value');
  await type.selectOption(value!);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(proposalCase.caseNumber);
  const filed = page.getByRole('listitem', { name: /^.*SV: Bekräftelse på mottaget medborgarförslag/ });
  await expect(filed.getByRole('button', { name: 'Öppna svar-medborgarforslag.eml' })).toBeVisible({ timeout: 30_000 });
});

test("the demo flow's waiting signer signs the memorandum with the test key and approves", async ({ page, server }) => {
  test.setTimeout(120_000);
  const { memo } = await showcase(server.url);
  await signInSynced(page, 'handlaggare');
  await page.goto(`/#/handling/${memo.id}`);
  const panel = page.getByRole('region', { name: 'Godkännandeflöde' });
  await expect(panel).toContainText('Pågår');
  await expect(panel).toContainText('Startat av Anna Lind');
  await expect(panel.getByRole('note')).toHaveText('Testnyckel för utveckling – inte en giltig e-underskrift');
  await panel.getByRole('button', { name: 'Signera och godkänn' }).click();
  await expect(panel.locator('p').filter({ hasText: 'Godkänt ·' })).toBeVisible({ timeout: 30_000 });
  await expect(panel).toContainText('Underskriven');
});
