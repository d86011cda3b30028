/**
 * The archivist disposes from the workspace (#/gallring): records registered three years ago
 * (the server's clock is moved back while they are planted, so this spec starts a server of its
 * own and touches nobody else's), proposed by process and document type, one excluded with a
 * reason, the rest disposed under a named decision after a confirmation that names the count and
 * the decision; the disposed document then shows Gallrad and the report is registered.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Case, Document, DocumentType } from '../../shared/src';
import { startServer } from '../../sync-server/src/app';
import { newCase, newIncoming } from '../integration/fixtures';
import { expectAccessible } from './a11y';
import { STATIC_DIR, expect, login, test } from './fixtures';
import { RawRegister } from './raw-register';

const YEAR_MS = 365 * 24 * 3600 * 1000;
const STAMP = randomUUID().slice(0, 6);

test('the archivist excludes one item with a reason and disposes the rest under a named decision', async ({ page }) => {
  test.setTimeout(180_000);
  let offset = 0;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'diarium-e2e-disposal-'));
  const server = await startServer({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    staticDir: STATIC_DIR,
    seedDemo: true,
    now: () => Date.now() - offset,
  });
  const url = server.url.replace(/\/+$/, '');
  try {
    // Three years ago: a case with an e-mail, and a free-standing e-mail (E-post: disposed two years after registration).
    offset = 3 * YEAR_MS;
    const registrar = await RawRegister.as(url, 'registrator');
    const qa = await RawRegister.as(url, 'kvalitet');
    const doctypes = await registrar.pullAll<DocumentType>('doctypes');
    const epost = doctypes.find((t) => t.registerId === 'reg-ks' && t.name === 'E-post')!;
    const p = { ...(await registrar.openProcess()), doctype: epost };
    const kase = newCase(registrar.user.id, p, `Frågor om färdtjänst zq${STAMP}`);
    const inCase = { ...newIncoming(registrar.user.id, p, kase.id, `E-post om färdtjänst zq${STAMP}`), receivedDate: '' };
    const free = { ...newIncoming(registrar.user.id, p, '', `Fristående e-post zq${STAMP}`), id: randomUUID(), receivedDate: '' };
    const received = new Date(Date.now() - offset).toISOString().slice(0, 10);
    await registrar.register(
      ['cases', kase],
      ['documents', { ...inCase, receivedDate: received }],
      ['documents', { ...free, receivedDate: received }],
    );
    for (const id of [inCase.id, free.id]) {
      const d = await qa.current<Document>('documents', id);
      await qa.update('documents', d, { ...d, status: 'registered' });
    }
    const c0 = await qa.current<Case>('cases', kase.id);
    await qa.update('cases', c0, { ...c0, status: 'registered' });
    const c1 = await registrar.current<Case>('cases', kase.id);
    await registrar.update('cases', c1, { ...c1, status: 'closed' });
    const docNumber = (await registrar.current<Document>('documents', inCase.id)).documentNumber;
    const freeNumber = (await registrar.current<Document>('documents', free.id)).documentNumber;
    registrar.close();
    qa.close();
    offset = 0;

    await page.goto(`${url}/`);
    await login(page, 'arkivarie');
    await page.getByRole('link', { name: 'Gallring' }).click();
    await expect(page.getByRole('heading', { name: 'Gallring', level: 1 })).toBeVisible();
    await expect(page).toHaveTitle('Gallring – Diarium');

    // This spec's own process and type only.
    await page.getByLabel('Process').selectOption(p.node.code);
    await page.getByLabel('Handlingstyp', { exact: true }).selectOption(epost.id);
    await page.getByRole('button', { name: 'Visa' }).click();
    const group = page.getByRole('table', { name: new RegExp(`${p.node.code.replace(/\./g, '\\.')} .* – E-post`) });
    await expect(group.getByRole('row').filter({ hasText: docNumber })).toContainText(`E-post om färdtjänst zq${STAMP}`);
    await expect(group.getByRole('row').filter({ hasText: freeNumber })).toContainText('Gallras');
    await expect(
      page
        .getByRole('table', { name: /Ärenden som gallras/ })
        .getByRole('row')
        .filter({ hasText: kase.title }),
    ).toBeVisible();
    await expectAccessible(page, 'Gallring');

    // Exclude the free-standing e-mail, by keyboard: the form's first field takes the focus, Enter saves.
    await page.getByRole('button', { name: `Undanta ${freeNumber}` }).focus();
    await page.keyboard.press('Enter');
    const holdForm = page.getByRole('form', { name: `Undanta ${freeNumber}` });
    await expect(holdForm.getByLabel('Skäl')).toBeFocused();
    await holdForm.getByLabel('Skäl').selectOption('litigation');
    await holdForm.getByLabel('Motivering').fill(`Tvist i tingsrätten zq${STAMP}`);
    await page.keyboard.press('Enter');
    await expect(group.getByRole('row').filter({ hasText: freeNumber })).toContainText(
      `Undantagen: Tvist – Tvist i tingsrätten zq${STAMP}`,
    );
    await expect(page.getByRole('list', { name: 'Undantag' })).toContainText(freeNumber);

    // Execute: the decision named, confirmed with the count and the decision.
    const decision = `Gallringsbeslut KS 2026-${STAMP}`;
    await page.getByLabel('Gallringsbeslut (beteckning)').fill(decision);
    await page.getByLabel('Beslutet avser').fill('Gallring av e-post');
    await page.getByRole('button', { name: 'Gallra 1 handling och 1 ärende…' }).click();
    const confirm = page.getByRole('alertdialog');
    await expect(confirm).toContainText(`Gallra 1 handling och 1 ärende enligt ${decision}?`);
    await expectAccessible(page, 'Gallring, bekräftelse');
    await confirm.getByRole('button', { name: 'Gallra', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: `Gallrat enligt ${decision}` })).toContainText('1 handling, 1 ärende');
    await expect(group.getByRole('row').filter({ hasText: docNumber })).toHaveCount(0);
    await expect(page.getByRole('list', { name: 'Verkställda gallringsbeslut' })).toContainText(decision);

    // The report is registered; the disposed document keeps its entry, Gallrad, its content gone.
    await page.getByRole('status').getByRole('link', { name: 'Öppna gallringsrapporten' }).click();
    await expect(page.getByRole('heading', { name: new RegExp(`Gallringsrapport – ${decision}`) })).toBeVisible();
    await page.goto(`${url}/#/handling/${inCase.id}`);
    await expect(page.getByRole('heading', { name: new RegExp(`Gallrad enligt ${decision}`) })).toBeVisible();
    await expect(page.getByText('Gallrad', { exact: true }).first()).toBeVisible();
    // What the entry keeps: number, dates, type, process; not the title or the sender. (The actor
    // register, Historik, still quotes the creation's values: see the report of this work.)
    const facts = page.getByRole('region', { name: /^Uppgifter om/ });
    await expect(facts).toContainText(docNumber);
    await expect(facts).not.toContainText(`zq${STAMP}`);
    await expect(facts).not.toContainText('Trafikverket');
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
    await rm(`${dataDir}-audit`, { recursive: true, force: true });
  }
});
