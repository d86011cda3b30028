/**
 * The archivist transfers to the e-archive from the workspace (#/arkiv): a closed case due for
 * transfer is proposed, selected by keyboard and transferred; the progress ends with the package
 * written; a manual confirmation makes the case Arkiverat. With the authority's setting `remove`
 * (changed in the workspace's settings panel) a second case is confirmed with the archive's
 * receipt file: its file can no longer be opened and search still finds it by number. The archive
 * settings and transfers are global, so this spec has a server of its own.
 */
import { randomUUID } from 'node:crypto';
import { documentTypeAllows, type Case, type ClassNode, type Document, type DocumentType } from '../../shared/src';
import { ARCHIVE_API, RECEIPT_FORMAT, type TransferProposals } from '../../shared/src/protocol/archive';
import { API } from '../../shared/src/protocol/messages';
import { newCase, newIncoming, tinyPdf, type Process } from '../integration/fixtures';
import { expectAccessible } from './a11y';
import { expect, ownServer, signInSynced, test } from './fixtures';
import { RawRegister } from './raw-register';

test.use(ownServer(import.meta.url));

const STAMP = randomUUID().slice(0, 6);

/** A closed case (closed today) with a registered letter to preserve and its PDF, planted as its users would. */
async function closedCase(url: string, title: string): Promise<{ kase: Case; doc: Document; fileId: string; process: Process }> {
  const registrar = await RawRegister.as(url, 'registrator');
  const qa = await RawRegister.as(url, 'kvalitet');
  try {
    const classes = await registrar.pullAll<ClassNode>('classes');
    const doctypes = await registrar.pullAll<DocumentType>('doctypes');
    const process = classes
      .filter((c) => c.registerId === 'reg-ks' && c.selectable && c.registrationGroupIds.length === 0)
      .map((node) => ({
        node,
        doctype: doctypes.find((t) => t.registerId === 'reg-ks' && t.retention.action === 'preserve' && documentTypeAllows(t, node.code))!,
      }))
      .find((p) => p.doctype)!;
    const kase = newCase(registrar.user.id, process, title);
    const doc = newIncoming(registrar.user.id, process, kase.id, `Skrivelse i ${title}`);
    await registrar.register(['cases', kase], ['documents', doc]);
    const file = await registrar.upload(doc.id, `skrivelse-${STAMP}.pdf`, tinyPdf('Skrivelse'));
    const d = await qa.current<Document>('documents', doc.id);
    await qa.update('documents', d, { ...d, status: 'registered' });
    const c0 = await qa.current<Case>('cases', kase.id);
    await qa.update('cases', c0, { ...c0, status: 'registered' });
    const c1 = await registrar.current<Case>('cases', kase.id);
    await registrar.update('cases', c1, { ...c1, status: 'closed' });
    return { kase: await registrar.current<Case>('cases', kase.id), doc, fileId: file.id, process };
  } finally {
    registrar.close();
    qa.close();
  }
}

test('the archivist transfers a due closed case, sees the progress end and confirms the receipt; with remove the file leaves and search still finds it', async ({
  page,
  server,
}) => {
  test.setTimeout(240_000);
  const first = await closedCase(server.url, `Bygglov för förskola zq${STAMP}`);
  const second = await closedCase(server.url, `Detaljplan för hamnen zq${STAMP}`);

  await signInSynced(page, 'arkivarie');
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'E-arkiv' }).click();
  await expect(page.getByRole('heading', { name: 'Överföring till e-arkiv', level: 1 })).toBeVisible();
  await expect(page).toHaveTitle('E-arkiv – Diarium');

  await page.getByLabel('Process', { exact: true }).selectOption(first.process.node.code);
  await page.getByRole('button', { name: 'Visa' }).click();
  const row = page.getByRole('row').filter({ hasText: first.kase.caseNumber });
  await expect(row).toContainText(first.kase.title);
  await expectAccessible(page, 'E-arkiv');

  // Selected by keyboard: the row's checkbox takes Space.
  await row.getByRole('checkbox', { name: `Välj ${first.kase.caseNumber}` }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Starta överföring av 1 ärende' }).click();
  const transfers = page.getByRole('list', { name: 'Överföringar' });
  const item = transfers.getByRole('listitem').filter({ hasText: first.kase.caseNumber });
  await expect(item).toContainText('Paketet är klart – väntar på kvittens', { timeout: 60_000 });
  await expect(item).toContainText(/Paket: KS-\d{4}-\d{2}-\d{2}-arenden-fgs2-/);
  // Taken by the transfer: no longer proposed.
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: first.kase.caseNumber })).toHaveCount(0);

  // A manual confirmation: the archivist's name and a note.
  await item.getByRole('button', { name: `Kvittera överföringen av ${first.kase.caseNumber}` }).click();
  await page.getByLabel('Anteckning (t.ex. hur arkivet bekräftade mottagandet)').fill(`Bekräftat per e-post zq${STAMP}`);
  await expectAccessible(page, 'E-arkiv, kvittens');
  await page.getByRole('button', { name: 'Kvittera manuellt' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Kvitterad.' })).toBeVisible();
  await expect(item).toContainText('Kvitterad');

  await page.goto(`${server.url}/#/arende/${first.kase.id}`);
  await expect(page.getByText('Arkiverat', { exact: true }).first()).toBeVisible({ timeout: 15_000 });
  // keep: the content stays, its file opens as before.
  await page.goto(`${server.url}/#/handling/${first.doc.id}`);
  await expect(page.getByText('Arkiverad', { exact: true }).first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('button', { name: `Öppna skrivelse-${STAMP}.pdf` })).toBeVisible();

  // The setting remove, in the settings panel.
  await page.goto(`${server.url}/#/arkiv`);
  await page.getByRole('radio', { name: /Filer och innehåll tas bort/ }).check();
  await page.getByRole('button', { name: 'Spara inställningarna' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Inställningarna är sparade.' })).toBeVisible();

  await page.getByRole('checkbox', { name: `Välj ${second.kase.caseNumber}` }).check();
  await page.getByRole('button', { name: 'Starta överföring av 1 ärende' }).click();
  const item2 = transfers.getByRole('listitem').filter({ hasText: second.kase.caseNumber });
  await expect(item2).toContainText('Paketet är klart – väntar på kvittens', { timeout: 60_000 });

  // The archive's receipt file echoes the package's OBJID and METS checksum.
  const archivist = await RawRegister.as(server.url, 'arkivarie');
  const res = await fetch(`${server.url}${ARCHIVE_API.proposals}?registerId=reg-ks`, {
    headers: { authorization: `Bearer ${archivist.token}` },
  });
  const transfer = ((await res.json()) as TransferProposals).transfers.find((t) => t.numbers.includes(second.kase.caseNumber))!;
  const receipt = { format: RECEIPT_FORMAT, objid: transfer.objid, metsSha256: transfer.metsSha256, archive: 'Kommunarkivet' };
  await item2.getByRole('button', { name: `Kvittera överföringen av ${second.kase.caseNumber}` }).click();
  await page.getByLabel('Arkivets kvittens (fil)').setInputFiles({
    name: 'kvittens.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(receipt)),
  });
  await page.getByRole('button', { name: 'Kvittera med filen' }).click();
  await expect(item2).toContainText('Kvitterad');

  // The file has left the register: no longer listed on the document, and the server has it no more.
  const gone = await fetch(`${server.url}${API.files}/${encodeURIComponent(second.fileId)}`, {
    headers: { authorization: `Bearer ${archivist.token}` },
  });
  expect(gone.status).toBe(404);
  archivist.close();
  await page.goto(`${server.url}/#/handling/${second.doc.id}`);
  await expect(page.getByText('Arkiverad', { exact: true }).first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('button', { name: `Öppna skrivelse-${STAMP}.pdf` })).toHaveCount(0);

  // Search still finds the case by its number.
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Sök' }).click();
  const query = page.getByRole('searchbox', { name: 'Sökfråga' });
  await query.fill(second.kase.caseNumber);
  await query.press('Enter');
  await expect(page.getByRole('grid', { name: 'Sökträffar' })).toContainText(second.kase.title);
});
