/**
 * Correct and annul (issue 16) end to end: a registrar corrects the sender of a quality-assured
 * document (a reason required, capture data locked) and sees old, new and why in Historik, then
 * annuls it with a reason; quality assurance sends one record back with a comment and approves
 * two at once from the keyboard; the registrar finds the one sent back on the start page.
 */
import type { Page } from '@playwright/test';
import type { Case, Document } from '../../shared/src';
import { newCase, newIncoming } from '../integration/fixtures';
import { expect, signInSynced, test } from './fixtures';
import { eventually, RawRegister } from './raw-register';

/** Registers, as the registrar over the raw protocol, a case with `n` incoming documents; approves them as quality assurance when asked. */
async function plant(url: string, n: number, approve: boolean): Promise<{ kase: Case; docs: Document[] }> {
  const registrar = await RawRegister.as(url, 'registrator');
  const qa = await RawRegister.as(url, 'kvalitet');
  try {
    const p = await registrar.openProcess();
    const kase = newCase(registrar.user.id, p, `Rättelser ${Date.now()}`);
    const docs = Array.from({ length: n }, (_, i) => ({
      ...newIncoming(registrar.user.id, p, kase.id, `Skrivelse ${i + 1}`),
      sender: 'Ana Andersson',
    }));
    await registrar.register(['cases', kase], ...docs.map((d) => ['documents', d] as const));
    if (approve) for (const d of docs) await approveRaw(qa, d.id);
    const stored = await registrar.pullAll<Document>('documents');
    return { kase, docs: docs.map((d) => stored.find((s) => s.id === d.id)!) };
  } finally {
    registrar.close();
    qa.close();
  }
}

async function approveRaw(qa: RawRegister, id: string): Promise<void> {
  const current = (await qa.pullAll<Document>('documents')).find((d) => d.id === id)!;
  const res = await qa.client.send<{ rejected: unknown[] }>({
    t: 'push',
    collection: 'documents',
    rows: [{ assumedMasterState: current, newDocumentState: { ...current, status: 'registered' } }],
  });
  expect(res.rejected).toEqual([]);
}

async function onServer(url: string, id: string): Promise<Document | undefined> {
  const raw = await RawRegister.as(url, 'registrator');
  try {
    return (await raw.pullAll<Document>('documents')).find((d) => d.id === id);
  } finally {
    raw.close();
  }
}

async function openDocument(page: Page, id: string, number: string): Promise<void> {
  await page.goto(`/#/handling/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(number);
}

test('a registrar corrects the sender of a registered document with a reason, sees it in Historik, and annuls the document', async ({
  page,
  server,
}, testInfo) => {
  const { kase, docs } = await plant(server.url, 1, true);
  const doc = docs[0]!;
  await signInSynced(page, 'registrator');
  await openDocument(page, doc.id, doc.documentNumber);

  await page.getByRole('button', { name: 'Rätta uppgifter' }).click();
  const form = page.getByRole('form', { name: 'Rätta uppgifter' });
  // Capture data is shown, locked: no field for the number, registration date or direction.
  await expect(form.getByRole('group', { name: 'Låst efter registreringen' })).toContainText(doc.documentNumber);
  await expect(form.getByLabel('Registreringsdatum')).toHaveCount(0);
  await expect(form.getByLabel('Rubrik')).toBeFocused();
  await form.getByLabel('Avsändare').fill('Anna Andersson');
  await page.keyboard.press('Control+Enter');
  await expect(form.getByText('Ange skälet till rättelsen.')).toBeVisible();
  await form.getByLabel('Skäl till rättelsen').fill('Felstavat förnamn vid registreringen');
  await page.screenshot({ path: testInfo.outputPath('correction-form.png') });
  await page.keyboard.press('Control+Enter');
  await expect(form).toBeHidden();
  await expect(page.getByRole('button', { name: 'Rätta uppgifter' })).toBeFocused();
  await expect(page.getByText('Anna Andersson', { exact: true })).toBeVisible();

  // The actor register: old and new value, and the reason.
  const history = page.getByRole('table', { name: 'Historik' });
  await expect(history).toContainText('Ana Andersson', { timeout: 15_000 });
  await expect(history).toContainText('Anna Andersson');
  await expect(history).toContainText('Felstavat förnamn vid registreringen');
  await page.screenshot({ path: testInfo.outputPath('correction-history.png') });

  // Annul, with a reason asked for in a confirmation dialog.
  await page.getByRole('button', { name: 'Makulera…' }).click();
  const dialog = page.getByRole('dialog', { name: `Makulera handlingen ${doc.documentNumber}` });
  await expect(dialog.getByLabel('Skäl till makuleringen')).toBeFocused();
  await dialog.getByRole('button', { name: 'Makulera', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Ange skälet till makuleringen.');
  await dialog.getByLabel('Skäl till makuleringen').fill('Registrerad två gånger');
  await page.screenshot({ path: testInfo.outputPath('annul-dialog.png') });
  await dialog.getByRole('button', { name: 'Makulera', exact: true }).click();
  await expect(dialog).toBeHidden();
  const notice = page.getByRole('region', { name: 'Handlingen är makulerad.' });
  await expect(notice).toContainText('Skäl: Registrerad två gånger');
  await expect(page.getByRole('heading', { level: 1 }).locator('..')).toContainText('Makulerad');
  await expect(page.getByRole('button', { name: 'Rätta uppgifter' })).toHaveCount(0);
  const annulled = await eventually('the annulment on the server', async () => {
    const d = await onServer(server.url, doc.id);
    return d?.status === 'annulled' ? d : null;
  });
  expect(annulled).toMatchObject({ documentNumber: doc.documentNumber, changeReason: 'Registrerad två gånger', sender: 'Anna Andersson' });
  await page.screenshot({ path: testInfo.outputPath('annulled.png') });
  // The case's list of documents shows the status and the reason too.
  await page.goto(`/#/arende/${kase.id}`);
  const line = page.getByRole('listitem', { name: new RegExp(doc.documentNumber) });
  await expect(line).toContainText('Makulerad');
  await expect(line).toContainText('Skäl: Registrerad två gånger');
});

test('quality assurance sends one record back with a comment and approves two at once; the registrar sees the one sent back', async ({
  page,
  browser,
  server,
}, testInfo) => {
  const { docs } = await plant(server.url, 3, false);
  const [back, first, second] = docs as [Document, Document, Document];
  await signInSynced(page, 'kvalitet');
  await page.keyboard.press('Alt+KeyK');
  await expect(page.getByRole('heading', { name: 'Kvalitetssäkring' })).toBeVisible();

  await page.getByRole('button', { name: `Återsänd ${back.documentNumber} till registratorn` }).click();
  const dialog = page.getByRole('dialog', { name: `Återsänd ${back.documentNumber} till registratorn` });
  await dialog.getByLabel('Kommentar till registratorn').fill('Avsändaren ska vara Anna Andersson');
  await dialog.getByRole('button', { name: 'Återsänd', exact: true }).click();
  await expect(dialog).toBeHidden();
  const returned = page.getByRole('region', { name: /Återsända/ });
  await expect(returned).toContainText('Avsändaren ska vara Anna Andersson');
  await expect(page.getByRole('button', { name: `Godkänn ${back.documentNumber}` })).toHaveCount(0);

  // Two rows marked from the keyboard, approved with one command per record.
  await page.getByRole('checkbox', { name: `Välj ${first.documentNumber}` }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab'); // the number link
  await page.getByRole('checkbox', { name: `Välj ${second.documentNumber}` }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Godkänn valda (2)' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 godkända, 0 kunde inte godkännas.' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('qa-bulk.png') });
  for (const d of [first, second])
    await eventually(`${d.documentNumber} approved on the server`, async () => (await onServer(server.url, d.id))?.status === 'registered');
  expect(await onServer(server.url, back.id)).toMatchObject({
    status: 'registered_unchecked',
    qaReturnBy: expect.stringContaining('kvalitet'),
  });

  // The registrar's start page lists it; the document says why; "Markera som åtgärdad" clears it.
  const ctx = await browser.newContext();
  const registrar = await ctx.newPage();
  await signInSynced(registrar, 'registrator');
  const queue = registrar.getByRole('region', { name: /Återsända/ });
  await expect(queue).toContainText(back.documentNumber);
  await expect(queue).toContainText('Avsändaren ska vara Anna Andersson');
  await registrar.screenshot({ path: testInfo.outputPath('registrar-returned.png') });
  await queue.getByRole('link', { name: back.documentNumber }).click();
  const notice = registrar.getByRole('region', { name: /Återsänd från kvalitetssäkringen/ });
  await expect(notice).toContainText('Avsändaren ska vara Anna Andersson');
  await notice.getByRole('button', { name: 'Markera som åtgärdad' }).click();
  await expect(notice).toBeHidden();
  await eventually('the send-back cleared on the server', async () => (await onServer(server.url, back.id))?.qaReturnAt === '');
  await ctx.close();
});
