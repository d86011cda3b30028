/**
 * Restrictions end to end: an officer restricts a document and shields the sender; a colleague
 * without access sees "Skyddad uppgift" and cannot open the file; given access, the colleague
 * reads it after the second factor; when access is taken away again, the colleague's replica no
 * longer holds the content.
 */
import type { Page } from '@playwright/test';
import { API, type Case, type Document, type FileRecord } from '../../shared/src';
import { base32Decode, totp } from '../../sync-server/src/auth/totp';
import { newCase, newIncoming, tinyPdf } from '../integration/fixtures';
import { expect, login, ownServer, test } from './fixtures';
import { RawRegister } from './raw-register';

// A server of its own: it enrols the second factor of handlaggare and registrator2, which other specs expect to have none.
test.use(ownServer(import.meta.url));

const SENDER = 'Anna Hemligsson';
const TITLE = `Orosanmälan ${Date.now()}`;
const GROUND = 'OSL 26 kap. 1 §';

/** Registers, as the registrar and over the raw protocol, a case of the officer's with an incoming document and a PDF. */
async function plant(url: string): Promise<{ doc: Document; file: FileRecord }> {
  const registrar = await RawRegister.as(url, 'registrator');
  try {
    const officerId = (await registrar.pullAll<{ id: string; username: string }>('users')).find((u) => u.username === 'handlaggare')!.id;
    const p = await registrar.openProcess();
    const kase: Case = { ...newCase(registrar.user.id, p, 'Utredning enligt socialtjänstlagen'), responsibleUserId: officerId };
    const doc: Document = { ...newIncoming(registrar.user.id, p, kase.id, TITLE), sender: SENDER, responsibleUserId: officerId };
    await registrar.register(['cases', kase], ['documents', doc]);
    return { doc, file: await registrar.upload(doc.id, 'anmalan.pdf', tinyPdf('Hemligt innehall')) };
  } finally {
    registrar.close();
  }
}

async function openDocument(page: Page, user: string, docId: string): Promise<void> {
  await page.goto('/');
  await login(page, user);
  await expect(page.getByRole('status', { name: 'Synkronisering' })).toContainText('Ansluten');
  await page.goto(`/#/handling/${docId}`);
}

/** Enrols the second factor through the dialog with an administrator's code, reading the secret as a user would type it. */
async function enrolSecondFactor(page: Page, enrolmentCode: string): Promise<void> {
  await page.getByLabel('Aktiveringskod från administratören').fill(enrolmentCode);
  await page.getByRole('button', { name: 'Fortsätt' }).click();
  const secret = (await page.locator('code.secret').innerText()).replace(/\s+/g, '');
  await page.getByLabel('Första koden från appen').fill(totp(base32Decode(secret), Date.now()));
  await page.getByRole('button', { name: 'Aktivera', exact: true }).click();
}

async function editRestriction(page: Page, change: (panel: ReturnType<Page['locator']>) => Promise<void>): Promise<void> {
  const panel = page.getByRole('region', { name: 'Begränsning och åtkomst' });
  await panel.getByRole('button', { name: 'Ändra begränsning och åtkomst' }).click();
  await change(panel);
  await panel.getByRole('button', { name: 'Spara begränsningen' }).click();
  // Saved: the panel confirms it, unless the server's answer has already arrived and withholds the
  // content from this user until the second factor (the confirmation goes with the edit form).
  const saved = panel.getByRole('status').filter({ hasText: 'Begränsningen är sparad' });
  await expect(saved.or(panel.getByRole('button', { name: 'Verifiera med andra faktorn' }))).toBeVisible();
}

/** The stored row of a document in the page's IndexedDB (RxDB's Dexie storage), raw. */
async function storedDocument(page: Page, docId: string): Promise<Record<string, unknown> | null> {
  return page.evaluate(async (id) => {
    for (const info of await indexedDB.databases()) {
      if (!info.name || !/--documents$/.test(info.name)) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name!);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(store, 'readonly').objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        const hit = rows.find((r) => (r as { id?: string }).id === id);
        if (hit) {
          db.close();
          return hit as Record<string, unknown>;
        }
      }
      db.close();
    }
    return null;
  }, docId);
}

test('a restricted document: withheld from others, opened with access and the second factor, gone again when access is revoked', async ({
  browser,
  server,
}) => {
  test.setTimeout(120_000);
  const { doc, file } = await plant(server.url);

  const officer = await (await browser.newContext()).newPage();
  const colleague = await (await browser.newContext()).newPage();
  await openDocument(officer, 'handlaggare', doc.id);
  await expect(officer.getByRole('heading', { level: 1 })).toContainText(TITLE);

  // The officer restricts the document and shields the sender.
  await editRestriction(officer, async (panel) => {
    await panel.getByRole('combobox', { name: /^Begränsning/ }).selectOption('secrecy');
    await panel.getByRole('combobox', { name: /^Lagrum/ }).selectOption(GROUND);
    await panel.getByRole('checkbox', { name: 'Avsändare', exact: true }).check();
    await panel.getByRole('combobox', { name: 'Avsändare: Lagrum' }).selectOption(GROUND);
  });

  // The colleague sees that it exists, on which ground, but not what it says; the file is not offered.
  await openDocument(colleague, 'registrator2', doc.id);
  const colleaguePanel = colleague.getByRole('region', { name: 'Begränsning och åtkomst' });
  await expect(colleaguePanel).toContainText('Skyddad uppgift');
  await expect(colleaguePanel).toContainText(`Sekretess – ${GROUND}`);
  await expect(colleague.getByRole('heading', { level: 1 })).toContainText('Skyddad uppgift');
  await expect(colleague.locator('body')).not.toContainText(SENDER);
  await expect(colleague.locator('body')).not.toContainText(TITLE);
  await expect(colleague.getByRole('button', { name: /anmalan\.pdf/ })).toHaveCount(0);
  const colleagueToken = await colleague.evaluate(
    () => (JSON.parse(localStorage.getItem('diarium.session') ?? '{}') as { token?: string }).token ?? '',
  );
  expect((await fetch(`${server.url}${API.files}/${file.id}`, { headers: { authorization: `Bearer ${colleagueToken}` } })).status).toBe(
    404,
  );

  // The officer passes the second factor (enrolling it) and gives the colleague access.
  await officer.getByRole('button', { name: 'Tvåstegsverifiering' }).click();
  await enrolSecondFactor(officer, await server.issueEnrolmentCode('handlaggare'));
  await expect(officer.locator('body')).toContainText(SENDER);
  const colleagueName = 'Johan Falk';
  await editRestriction(officer, async (panel) => {
    // A keyboard combobox: type a name, Enter adds the highlighted person.
    const people = panel.getByRole('combobox', { name: /^Åtkomst utöver ansvarig handläggare – personer/ });
    await people.fill('johan');
    await people.press('Enter');
    await expect(panel.getByRole('button', { name: `Ta bort ${colleagueName}` })).toBeVisible();
  });
  await expect(officer.getByRole('region', { name: 'Begränsning och åtkomst' })).toContainText(colleagueName);

  // The colleague still sees nothing until the second factor; then the content and the file.
  await expect(colleague.locator('body')).not.toContainText(SENDER);
  await colleaguePanel.getByRole('button', { name: 'Verifiera med andra faktorn' }).click();
  await colleague.getByRole('button', { name: 'Bekräfta' }).waitFor();
  await colleague.getByLabel('Sexsiffrig kod').fill('000000');
  await colleague.getByRole('button', { name: 'Bekräfta' }).click();
  await colleague.getByRole('button', { name: 'Aktivera tvåstegsverifiering' }).click();
  await enrolSecondFactor(colleague, await server.issueEnrolmentCode('registrator2'));
  await expect(colleague.locator('body')).toContainText(SENDER);
  await expect(colleague.getByRole('heading', { level: 1 })).toContainText(TITLE);
  await expect(colleague.getByRole('button', { name: /anmalan\.pdf/ })).toBeVisible();
  // At rest the content is sealed (encrypted), never in the clear.
  const sealedRow = await storedDocument(colleague, doc.id);
  expect(sealedRow?.sender).toBe('');
  expect(sealedRow?.sealed).toHaveProperty('diariumCipher');
  expect(JSON.stringify(sealedRow)).not.toContain(SENDER);

  // The officer takes the access away: the colleague's replica drops the content for good.
  await editRestriction(officer, async (panel) => {
    await panel.getByRole('button', { name: 'Ta bort Johan Falk' }).click();
  });
  await expect(colleague.getByRole('heading', { level: 1 })).toContainText('Skyddad uppgift');
  await expect(colleague.locator('body')).not.toContainText(SENDER);
  await expect(colleague.getByRole('button', { name: /anmalan\.pdf/ })).toHaveCount(0);
  const row = await storedDocument(colleague, doc.id);
  expect(row).not.toBeNull();
  expect(row).not.toHaveProperty('sealed');
  expect(row?.title).toBe('');
  expect(row?.withheld).toEqual(expect.arrayContaining(['title', 'sender']));
});
