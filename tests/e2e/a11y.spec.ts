/**
 * Accessibility (WCAG 2.1 AA, issue 16): axe-core on every main view and dialog (0 serious or
 * critical each), and the named defects, each with its own test: the key label's contrast on the
 * blue button, the redaction list's names, focus after opening a record and in the restriction
 * panel, Esc in inline forms, the skip link, and each view's own title.
 */
import type { Browser, Locator, Page } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { swedishDate, type Case, type Document, type FileRecord } from '../../shared/src';
import { emptyMeetingRecord, type MeetingRecord } from '../../shared/src/model/meeting';
import { newCase, newIncoming } from '../integration/fixtures';
import { axeViolations, expectAccessible } from './a11y';
import { expect, login, signInSynced, test, type TestServer } from './fixtures';
import { RawRegister } from './raw-register';

const PERSONNUMMER = '19811218-9876';

async function letterPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  ['Ansökan om bygglov', 'Sökande: Anna Svensson', `Personnummer ${PERSONNUMMER}`].forEach((l, i) =>
    page.drawText(l, { x: 72, y: 760 - i * 24, size: 12, font }),
  );
  return doc.save();
}

/** A case with an incoming document and its PDF, registered over the raw protocol; the document quality-assured when asked. */
async function plant(url: string, approve = false): Promise<{ kase: Case; doc: Document; file: FileRecord }> {
  const registrar = await RawRegister.as(url, 'registrator');
  try {
    const p = await registrar.openProcess();
    const kase = newCase(registrar.user.id, p, `Bygglov Tallvägen ${Date.now()}`);
    const doc = { ...newIncoming(registrar.user.id, p, kase.id, 'Ansökan om bygglov'), sender: 'Anna Svensson' };
    await registrar.register(['cases', kase], ['documents', doc]);
    const file = await registrar.upload(doc.id, 'ansokan.pdf', await letterPdf());
    if (approve) {
      const qa = await RawRegister.as(url, 'kvalitet');
      try {
        const current = await qa.current<Document>('documents', doc.id);
        await qa.update('documents', current, { ...current, status: 'registered' });
      } finally {
        qa.close();
      }
    }
    return { kase, doc, file };
  } finally {
    registrar.close();
  }
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name, exact: true });

async function signedIn(browser: Browser, server: TestServer, username: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: server.url })).newPage();
  await signInSynced(page, username);
  return page;
}

test('sign-in and the registrar’s views and dialogs have no serious or critical WCAG 2.1 AA violation', async ({ page, server }) => {
  test.setTimeout(180_000);
  const { kase, doc } = await plant(server.url, true);
  await page.goto('/');
  await expect(page.getByLabel('Användarnamn')).toBeVisible();
  await expectAccessible(page, 'Inloggning');
  await login(page, 'registrator');
  await expect(page.getByRole('status', { name: 'Synkronisering' })).toContainText('Ansluten');

  await expect(h1(page)).toHaveText('Diariet');
  await expectAccessible(page, 'Diariet, ärenden');
  await page.getByRole('tab', { name: 'Handlingar' }).click();
  await expect(page.getByRole('grid', { name: 'Handlingar i diariet' })).toBeVisible();
  await expectAccessible(page, 'Diariet, handlingar');

  await page.keyboard.press('Alt+KeyN');
  await expect(page.getByRole('dialog', { name: 'Nytt ärende' })).toBeVisible();
  await expectAccessible(page, 'Nytt ärende');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /^Ny fristående handling/ }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, 'Ny fristående handling');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByRole('button', { name: 'Tvåstegsverifiering' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, 'Tvåstegsverifiering');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // The case, its forms and dialogs.
  await page.goto(`/#/arende/${kase.id}`);
  await expect(h1(page)).toContainText(kase.title);
  await expect(page.getByRole('listitem', { name: /Ansökan om bygglov/ })).toBeVisible();
  await expectAccessible(page, 'Ärendet');
  await page.getByRole('button', { name: 'Redigera uppgifter' }).click();
  await expectAccessible(page, 'Ärendet, redigera uppgifter');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Ändra begränsning och åtkomst' }).click();
  await expectAccessible(page, 'Ärendet, begränsning och åtkomst');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Starta godkännandeflöde' }).click();
  await expectAccessible(page, 'Ärendet, starta godkännandeflöde');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('form', { name: 'Starta godkännandeflöde' })).toHaveCount(0);
  await page.keyboard.press('Alt+KeyI');
  await expect(page.getByRole('dialog', { name: /^Ny handling i ärende/ })).toBeVisible();
  await expectAccessible(page, 'Ny handling i ärendet');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Makulera…' }).click();
  await expect(page.getByRole('dialog', { name: /^Makulera ärendet/ })).toBeVisible();
  await expectAccessible(page, 'Makulera ärendet');
  await page.getByRole('dialog').getByRole('button', { name: 'Avbryt' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // The document, its correction, annulment and restriction.
  await page.goto(`/#/handling/${doc.id}`);
  await expect(h1(page)).toContainText('Ansökan om bygglov');
  await expect(page.getByRole('button', { name: 'Öppna ansokan.pdf' })).toBeVisible();
  await expectAccessible(page, 'Handlingen');
  await page.getByRole('button', { name: 'Rätta uppgifter' }).click();
  await expect(page.getByRole('form', { name: 'Rätta uppgifter' })).toBeVisible();
  await expectAccessible(page, 'Handlingen, rätta uppgifter');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Ändra begränsning och åtkomst' }).click();
  await expectAccessible(page, 'Handlingen, begränsning och åtkomst');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Makulera…' }).click();
  await expect(page.getByRole('dialog', { name: /^Makulera handlingen/ })).toBeVisible();
  await expectAccessible(page, 'Makulera handlingen');
  await page.getByRole('dialog').getByRole('button', { name: 'Avbryt' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // The redaction tool on the document's PDF.
  await page.getByRole('link', { name: 'Maskera ansokan.pdf' }).click();
  await expect(page.getByRole('heading', { name: 'Maskera ansokan.pdf' })).toBeVisible();
  const suggestions = page.getByRole('region', { name: 'Förslag' });
  await suggestions.getByRole('button', { name: `Godta förslaget ${PERSONNUMMER} på sida 1` }).click();
  await expect(page.getByRole('region', { name: /^Maskeringar/ }).getByRole('listitem')).toHaveCount(1);
  await expectAccessible(page, 'Maskering');

  for (const view of ['Sök', 'Adressbok', 'Att godkänna', 'Bevakningar', 'Utlämnanden', 'Underskrifter', 'Publicering', 'Inställningar']) {
    await nav(page, view).click();
    await expect(h1(page)).toBeVisible();
    await expectAccessible(page, view);
  }

  await nav(page, 'Sök').click();
  await page.getByRole('searchbox', { name: 'Sökfråga' }).fill('Anna Svensson');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toContainText('Ansökan om bygglov');
  await expectAccessible(page, 'Sök, med träffar');

  await nav(page, 'Adressbok').click();
  await page.getByRole('button', { name: 'Ny part' }).click();
  const partyForm = page.getByRole('group', { name: 'Ny part i adressboken' });
  await expect(partyForm).toBeVisible();
  await expectAccessible(page, 'Ny part');
  await partyForm.getByLabel('Namn').fill('Tallvägens samfällighet');
  await partyForm.getByRole('button', { name: 'Spara part' }).click();
  await page.getByRole('button', { name: 'Ändra Tallvägens samfällighet', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Sammanfoga dubbletter' })).toBeVisible();
  await expectAccessible(page, 'Ändra part, sammanfoga dubbletter');

  await nav(page, 'Utlämnanden').click();
  await page.getByRole('button', { name: 'Registrera begäran' }).click();
  const request = page.getByRole('form', { name: 'Registrera begäran om allmän handling' });
  await expect(request).toBeVisible();
  await expectAccessible(page, 'Registrera begäran');
  await request.getByLabel('Sökandens namn').fill('Reporter Rask (a11y)');
  await request.getByLabel('Kontaktuppgift (e-post eller adress)').fill('rask@example.se');
  await request.getByLabel('Vad begärs (med sökandens ord)').fill('Bygglovet på Tallvägen');
  await request.getByRole('button', { name: /^Registrera/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Begäran / })).toBeVisible({ timeout: 20_000 });
  await expectAccessible(page, 'Begäran om allmän handling');
});

test('quality assurance, meetings, administration and the reader have no serious or critical WCAG 2.1 AA violation', async ({
  browser,
  server,
}) => {
  test.setTimeout(180_000);
  const { kase } = await plant(server.url);
  const stamp = Date.now().toString(36);
  const coordinator = await RawRegister.as(server.url, 'mote');
  const body: MeetingRecord = {
    ...emptyMeetingRecord('body', { id: `body-${stamp}`, registerId: 'reg-ks' }),
    title: `Tekniska nämnden ${stamp}`,
    bodyType: 'committee',
    terms: [{ id: `term-${stamp}`, from: '2026-01-01', to: '2030-12-31' }],
  };
  await coordinator.register(['meetings', body]);
  coordinator.close();

  // Quality assurance: the queue, approving the case, and closing it (a confirmation).
  const qa = await signedIn(browser, server, 'kvalitet');
  await nav(qa, 'Kvalitetssäkring').click();
  await expect(h1(qa)).toBeVisible();
  await expectAccessible(qa, 'Kvalitetssäkring');
  await qa
    .getByRole('button', { name: /^Återsänd .* till registratorn$/ })
    .first()
    .click();
  await expect(qa.getByRole('dialog')).toBeVisible();
  await expectAccessible(qa, 'Återsänd till registratorn');
  await qa.keyboard.press('Escape');
  await expect(qa.getByRole('dialog')).toHaveCount(0);
  await qa.goto(`/#/arende/${kase.id}`);
  await expect(h1(qa)).toContainText(kase.title);
  await qa.getByRole('button', { name: 'Godkänn (kvalitetssäkra)' }).click();
  await qa.getByRole('button', { name: 'Avsluta ärendet' }).click();
  await expect(qa.getByRole('alertdialog')).toBeVisible();
  await expectAccessible(qa, 'Avsluta ärendet?');
  await qa.keyboard.press('Escape');
  await qa.context().close();

  // Meetings: the calendar, a new meeting, its three parts, its body.
  const mote = await signedIn(browser, server, 'mote');
  await nav(mote, 'Sammanträden').click();
  await expect(h1(mote)).toHaveText('Sammanträden');
  await expectAccessible(mote, 'Sammanträden');
  await mote.getByRole('button', { name: 'Nytt sammanträde' }).click();
  const form = mote.getByRole('form', { name: 'Nytt sammanträde' });
  await expectAccessible(mote, 'Nytt sammanträde');
  await form.getByLabel('Organ').selectOption({ label: body.title });
  await form.getByLabel('Datum').fill(swedishDate(Date.now()));
  await form.getByLabel('Plats').fill('Stadshuset');
  await form.getByRole('button', { name: 'Skapa sammanträde' }).click();
  await expect(h1(mote)).toContainText(body.title);
  for (const part of ['Förberedelse', 'Sammanträdet', 'Protokoll']) {
    await mote.getByRole('tab', { name: part }).click();
    await expect(mote.getByRole('tab', { name: part })).toHaveAttribute('aria-selected', 'true');
    await expectAccessible(mote, `Sammanträde, ${part}`);
  }
  await mote.goto(`/#/organ/${body.id}`);
  await expect(h1(mote)).toContainText(body.title);
  await expectAccessible(mote, 'Organ');
  await mote.context().close();

  // Administration.
  const admin = await signedIn(browser, server, 'admin');
  await nav(admin, 'Inställningar').click();
  await expect(h1(admin)).toBeVisible();
  await expectAccessible(admin, 'Inställningar (administratör)');
  await admin.context().close();

  // The elected officials' reader.
  const reader = await signedIn(browser, server, 'politiker');
  await nav(reader, 'Läsplatta').click();
  await expect(h1(reader)).toBeVisible();
  await expectAccessible(reader, 'Läsplatta');
  await reader.context().close();
});

test('the key label on the blue button has contrast enough', async ({ page }) => {
  await signInSynced(page, 'registrator');
  await expect(page.getByRole('button', { name: 'Nytt ärende' }).locator('kbd')).toHaveText('Alt+N');
  const contrast = (await axeViolations(page)).filter((v) => v.id === 'color-contrast');
  expect(contrast.flatMap((v) => v.nodes.map((n) => n.target.join(' ')))).toEqual([]);
});

test('the redaction list names each mark by what it shows', async ({ page, server }) => {
  const { doc, file } = await plant(server.url);
  await signInSynced(page, 'registrator');
  await page.goto(`/#/maskering/${doc.id}/${file.id}`);
  const suggestions = page.getByRole('region', { name: 'Förslag' });
  await suggestions.getByRole('button', { name: `Godta förslaget ${PERSONNUMMER} på sida 1` }).click();
  const marks = page.getByRole('region', { name: /^Maskeringar/ });
  await expect(marks.getByRole('listitem')).toHaveCount(1);
  const mismatch = (await axeViolations(page)).filter((v) => v.id === 'label-content-name-mismatch');
  expect(mismatch.flatMap((v) => v.nodes.map((n) => n.target.join(' ')))).toEqual([]);
  await expect(marks.getByRole('button', { name: 'Maskering 1 på sida 1', exact: true })).toHaveText('Maskering 1 på sida 1');
});

test('the skip link is the first Tab stop and each view has its own title', async ({ page, server }) => {
  const { kase, doc } = await plant(server.url);
  await page.goto('/');
  await expect(page).toHaveTitle('Logga in – Diarium');
  await login(page, 'registrator');
  await expect(page.getByRole('status', { name: 'Synkronisering' })).toContainText('Ansluten');
  await expect(page).toHaveTitle('Diariet – Diarium');

  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Hoppa till innehåll' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.querySelector('main')!.contains(document.activeElement))).toBe(true);

  for (const [link, title] of [
    ['Sök', 'Sök – Diarium'],
    ['Adressbok', 'Adressbok – Diarium'],
    ['Utlämnanden', 'Utlämnanden – Diarium'],
    ['Att godkänna', 'Att godkänna – Diarium'],
    ['Underskrifter', 'Underskrifter – Diarium'],
    ['Inställningar', 'Inställningar – Diarium'],
    ['Diariet', 'Diariet – Diarium'],
  ] as const) {
    await nav(page, link).click();
    await expect(page).toHaveTitle(title);
    // The view's heading, or the control the view itself starts in (Sök: the query field).
    await expect.poll(() => page.evaluate(() => document.querySelector('main')!.contains(document.activeElement)), link).toBe(true);
  }
  await page.goto(`/#/arende/${kase.id}`);
  await expect(page).toHaveTitle('Ärende – Diarium');
  await page.goto(`/#/handling/${doc.id}`);
  await expect(page).toHaveTitle('Handling – Diarium');
});

test('opening a case or a document puts the focus on its heading', async ({ page, server }) => {
  const { kase, doc } = await plant(server.url);
  await signInSynced(page, 'registrator');
  // From the register, with the keyboard.
  await page.getByRole('searchbox', { name: 'Sök' }).fill(kase.title);
  const grid = page.getByRole('grid', { name: 'Ärenden i diariet' });
  await expect(grid.getByRole('row')).toHaveCount(2);
  await page.keyboard.press('ArrowDown');
  await expect(grid).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(h1(page)).toContainText(kase.title);
  await expect(h1(page)).toBeFocused();
  // From the case, the document by its link.
  await page
    .getByRole('listitem', { name: /Ansökan om bygglov/ })
    .getByRole('link')
    .first()
    .click();
  await expect(h1(page)).toContainText(doc.title);
  await expect(h1(page)).toBeFocused();
  // Back to the case by the crumb.
  await page.locator(`.crumbs a[href="#/arende/${kase.id}"]`).click();
  await expect(h1(page)).toContainText(kase.title);
  await expect(h1(page)).toBeFocused();
});

test('the restriction panel keeps the focus: into the form on Ändra, back to Ändra on Avbryt, Esc and Spara', async ({ page, server }) => {
  const { doc } = await plant(server.url);
  await signInSynced(page, 'registrator');
  await page.goto(`/#/handling/${doc.id}`);
  const panel = page.getByRole('region', { name: 'Begränsning och åtkomst' });
  const edit = panel.getByRole('button', { name: 'Ändra begränsning och åtkomst' });
  const kind = panel.getByRole('combobox', { name: /^Begränsning/ });

  await edit.click();
  await expect(kind).toBeFocused();
  await panel.getByRole('button', { name: 'Avbryt' }).click();
  await expect(edit).toBeFocused();

  await edit.press('Enter');
  await expect(kind).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(kind).toHaveCount(0);
  await expect(edit).toBeFocused();

  await edit.press('Enter');
  await panel.getByRole('button', { name: 'Spara' }).click();
  await expect(panel.getByRole('status')).toHaveText('Begränsningen är sparad.');
  await expect(edit).toBeFocused();
});

test('Esc closes each inline form, as the footer says, and the focus returns to what opened it', async ({ browser, server }) => {
  test.setTimeout(120_000);
  const { kase } = await plant(server.url);
  const page = await signedIn(browser, server, 'registrator');
  await expect(page.locator('footer')).toContainText('Esc');

  const escapes = async (open: Locator, form: Locator, opener: Locator = open) => {
    await open.click();
    await expect(form).toBeVisible();
    // Opening moves the focus into the form, where Esc is heard.
    await expect.poll(() => form.evaluate((f) => f.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await expect(form).toHaveCount(0);
    await expect(opener).toBeFocused();
  };

  await page.goto(`/#/arende/${kase.id}`);
  await expect(h1(page)).toContainText(kase.title);
  await escapes(page.getByRole('button', { name: 'Redigera uppgifter' }), page.locator('form.edit-form'));
  await escapes(page.getByRole('button', { name: 'Ändra begränsning och åtkomst' }), page.locator('form.restriction-form'));
  await escapes(page.getByRole('button', { name: 'Starta godkännandeflöde' }), page.getByRole('form', { name: 'Starta godkännandeflöde' }));

  await nav(page, 'Adressbok').click();
  await escapes(page.getByRole('button', { name: 'Ny part' }), page.getByRole('group', { name: 'Ny part i adressboken' }));

  await nav(page, 'Utlämnanden').click();
  await escapes(
    page.getByRole('button', { name: 'Registrera begäran' }),
    page.getByRole('form', { name: 'Registrera begäran om allmän handling' }),
  );
  await page.context().close();

  // The meeting coordinator's forms.
  const mote = await signedIn(browser, server, 'mote');
  await nav(mote, 'Sammanträden').click();
  await expect(h1(mote)).toHaveText('Sammanträden');
  const newBody = mote.getByRole('button', { name: 'Nytt organ' });
  await newBody.click();
  const bodyForm = mote.getByRole('form', { name: 'Nytt organ' });
  await expect(bodyForm.getByLabel('Organets namn')).toBeFocused();
  await mote.keyboard.press('Escape');
  await expect(bodyForm).toHaveCount(0);
  await expect(newBody).toBeFocused();
  await mote.context().close();
});
