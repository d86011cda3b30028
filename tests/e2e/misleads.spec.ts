/**
 * No screen that misleads (issue 16): what the app shows is what is true, in Swedish words.
 */
import type { Page } from '@playwright/test';
import type { Case, Document } from '../../shared/src';
import { newCase, newIncoming, tinyPdf } from '../integration/fixtures';
import { expect, login, test } from './fixtures';
import { RawRegister } from './raw-register';
import { internalNamesIn } from '../internal-names';

/** Registers, as the registrar over the raw protocol, a case with the given incoming documents. */
async function plant(url: string, titles: readonly string[]): Promise<{ kase: Case; docs: Document[] }> {
  const registrar = await RawRegister.as(url, 'registrator');
  try {
    const p = await registrar.openProcess();
    const kase = newCase(registrar.user.id, p, `Vägbelysning ${Date.now()}`);
    const docs = titles.map((title) => newIncoming(registrar.user.id, p, kase.id, title));
    await registrar.register(['cases', kase], ...docs.map((d) => ['documents', d] as const));
    return { kase, docs };
  } finally {
    registrar.close();
  }
}

async function signIn(page: Page, user: string): Promise<void> {
  await page.goto('/');
  await login(page, user);
  await expect(page.getByRole('status', { name: 'Synkronisering' })).toContainText('Ansluten');
}

test('each upload shows its true state on its own document; a damaged PDF is refused with the reason', async ({ page, server }) => {
  const { docs } = await plant(server.url, ['Skrivelse med trasig bilaga', 'Annan skrivelse']);
  const [withFiles, other] = docs as [Document, Document];
  await signIn(page, 'registrator');
  await page.goto(`/#/handling/${withFiles.id}`);
  const files = page.getByRole('region', { name: 'Släpp filer här' });
  await expect(files).toBeVisible();

  const damaged = Buffer.concat([Buffer.from('%PDF-1.7\n', 'latin1'), Buffer.alloc(4096, 0x5a)]);
  await page.getByLabel('Välj fil').setInputFiles([
    { name: 'trasig.pdf', mimeType: 'application/pdf', buffer: damaged },
    { name: 'hel.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Hel bilaga') },
  ]);
  await expect(page.getByRole('button', { name: 'Öppna hel.pdf' })).toBeVisible();
  const refused = page.getByRole('row', { name: /trasig\.pdf/ });
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText('Inte uppladdad. PDF-filen är skadad och kan inte läsas');
  // Nothing on screen says otherwise, and no banner on top repeats it.
  await expect(page.getByText(/är uppladdad/)).toHaveCount(0);
  await expect(page.getByText('Servern sparade inte en ändring')).toHaveCount(0);

  // Another document knows nothing of it.
  await page.goto(`/#/handling/${other.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Annan skrivelse');
  await expect(page.getByText('trasig.pdf')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Back on its own document the refusal waits until dismissed, once.
  await page.goto(`/#/handling/${withFiles.id}`);
  await expect(refused).toHaveCount(1);
  await refused.getByRole('button', { name: 'Stäng meddelandet om trasig.pdf' }).click();
  await expect(page.getByText('trasig.pdf')).toHaveCount(0);
});

/** Changes a record as `user` over the raw protocol, assuming the state the server has now. */
async function change(url: string, user: string, collection: string, id: string, patch: Record<string, unknown>): Promise<void> {
  const raw = await RawRegister.as(url, user);
  try {
    const current = (await raw.pullAll<Record<string, unknown>>(collection)).find((r) => r.id === id)!;
    const res = await raw.client.send<{ rejected: unknown[]; conflicts: unknown[] }>({
      t: 'push',
      collection,
      rows: [{ assumedMasterState: current, newDocumentState: { ...current, ...patch, _deleted: false } }],
    });
    expect([res.rejected, res.conflicts], `${collection} ${Object.keys(patch).join(',')}`).toEqual([[], []]);
  } finally {
    raw.close();
  }
}

/** The visible text of the page once it has settled. */
async function screenText(page: Page): Promise<string> {
  await page.waitForLoadState('networkidle');
  return page.locator('body').innerText();
}

test('no internal names or JSON on the main views or in the history of a record with every field changed', async ({ page, server }) => {
  const { kase, docs } = await plant(server.url, ['Skrivelse som ändras i allt']);
  const doc = docs[0]!;
  const registrar = await RawRegister.as(server.url, 'registrator');
  const users = await registrar.pullAll<{ id: string; username: string }>('users');
  const groups = await registrar.pullAll<{ id: string; registerId: string }>('groups');
  const doctypes = await registrar.pullAll<{ id: string; classCodes: string[] }>('doctypes');
  registrar.close();
  const officer = users.find((u) => u.username === 'registrator2')!.id;
  const otherType = doctypes.find((d) => d.id !== doc.documentTypeId && d.classCodes.includes(doc.classCode));
  await change(server.url, 'registrator', 'documents', doc.id, {
    title: 'Skrivelse, ändrad rubrik',
    description: 'Ny beskrivning',
    sender: 'Ingrid Johansson',
    receivedDate: '2026-11-30',
    ...(otherType ? { documentTypeId: otherType.id } : {}),
    accessUserIds: [officer],
    accessGroupIds: groups
      .filter((g) => g.registerId === doc.registerId)
      .map((g) => g.id)
      .slice(0, 1),
  });
  await change(server.url, 'registrator', 'documents', doc.id, {
    shields: [{ field: 'sender', kind: 'secrecy', legalGround: 'OSL 26 kap. 1 §' }],
    restrictionKind: 'secrecy',
    legalGround: 'OSL 26 kap. 1 §',
  });
  await change(server.url, 'registrator', 'cases', kase.id, { title: 'Vägbelysning, ändrad ärendemening', description: 'Ändrad' });

  await signIn(page, 'arkivarie');
  const found: Record<string, string[]> = {};
  const look = async (name: string, hash: string, ready: () => Promise<void>) => {
    await page.goto(`/${hash}`);
    await ready();
    const names = internalNamesIn(await screenText(page));
    if (names.length) found[name] = names;
  };
  const heading = () => expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await look('Diariet', '#/', heading);
  await look('Ärendet', `#/arende/${kase.id}`, async () => {
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Vägbelysning');
    await expect(page.getByRole('table', { name: 'Historik' })).toContainText('Ärendemening');
  });
  await look('Handlingen', `#/handling/${doc.id}`, async () => {
    const history = page.getByRole('table', { name: 'Historik' });
    await expect(history).toContainText('Begränsning');
    await expect(history).toContainText('Personer med åtkomst');
  });
  await look('Kvalitetssäkring', '#/kvalitet', heading);
  await look('Sök', '#/sok', heading);
  await look('Utlämnanden', '#/utlamnanden', heading);
  await look('Godkännanden', '#/godkannanden', heading);
  await look('Underskrifter', '#/underskrifter', heading);
  await look('Sammanträden', '#/sammantraden', heading);
  await look('Inställningar', '#/installningar', heading);
  await look('Bevakningar', '#/bevakningar', heading);
  expect(found).toEqual({});
});

test('dates are typed the Swedish way, with Swedish messages, and saving a document leads on to its file', async ({ page, server }) => {
  const { kase } = await plant(server.url, []);
  await signIn(page, 'registrator');
  await page.goto(`/#/arende/${kase.id}`);
  await page.getByRole('button', { name: 'Ny handling' }).click();
  const dialog = page.getByRole('dialog', { name: /Ny handling i ärende/ });
  const received = dialog.getByLabel('Inkom (datum)');
  await expect(received).toHaveAttribute('placeholder', 'ÅÅÅÅ-MM-DD');
  await expect(received).toHaveAttribute('type', 'text');
  await received.fill('2026-02-30');
  await received.press('Tab');
  await expect(dialog.getByText('Den dagen finns inte i månaden.')).toBeVisible();
  await expect(received).toHaveAttribute('aria-invalid', 'true');
  await received.fill('5/3/2026');
  await received.press('Tab');
  await expect(dialog.getByText('Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-05.')).toBeVisible();
  await received.fill('20260305');
  await received.press('Tab');
  await expect(received).toHaveValue('2026-03-05');
  await expect(received).not.toHaveAttribute('aria-invalid', 'true');

  const types = dialog.getByLabel('Handlingstyp');
  const firstType = await types.locator('option').nth(1).getAttribute('value');
  await types.selectOption(firstType!);
  await dialog.getByLabel('Rubrik').fill('Skrivelse om datum');
  await dialog.getByLabel('Avsändare').fill('Ingrid Johansson');
  await dialog.getByRole('button', { name: 'Spara' }).click();
  await expect(dialog).toBeHidden();
  const doc = page.getByRole('listitem', { name: /Skrivelse om datum/ });
  await expect(doc.getByLabel('Välj fil')).toBeFocused();
});

test('closing a case asks first and says it has no documents; only case handlers can be its officer', async ({ page, server }) => {
  const { kase } = await plant(server.url, []);
  await signIn(page, 'kvalitet');
  await page.goto(`/#/arende/${kase.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Vägbelysning');

  await page.getByRole('button', { name: 'Redigera uppgifter' }).click();
  const select = page.getByLabel('Ansvarig handläggare');
  await expect(select.locator('option', { hasText: 'Erik Berg' })).toHaveCount(1); // a case officer
  const officers = await select.locator('option').allTextContents();
  for (const nobody of ['Lars Ek', 'Olle Ström', 'Maria Nord', 'Eva Ahl']) expect(officers, nobody).not.toContain(nobody);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Godkänn (kvalitetssäkra)' }).click();
  await expect(page.locator('.record-head .status')).toHaveText('Registrerat');

  await page.getByRole('button', { name: 'Avsluta ärendet' }).click();
  const confirm = page.getByRole('alertdialog', { name: /Avsluta ärende/ });
  await expect(confirm).toContainText('Ärendet har inga handlingar.');
  await expect(confirm.getByRole('button', { name: 'Avbryt' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(page.locator('.record-head .status')).toHaveText('Registrerat');

  await page.getByRole('button', { name: 'Avsluta ärendet' }).click();
  await confirm.getByRole('button', { name: 'Ja, avsluta ärendet' }).click();
  await expect(page.locator('.record-head .status')).toHaveText('Avslutat');
});

test('restricting a record warns its officer without a second factor before saving and offers the enrolment; access is chosen with a keyboard combobox', async ({
  page,
  server,
}) => {
  const { docs } = await plant(server.url, ['Anmälan som ska skyddas']);
  await signIn(page, 'registrator');
  await page.goto(`/#/handling/${docs[0]!.id}`);
  const panel = page.getByRole('region', { name: 'Begränsning och åtkomst' });
  await panel.getByRole('button', { name: 'Ändra begränsning och åtkomst' }).click();
  const warning = panel.getByRole('note').filter({ hasText: 'tvåstegsverifiering' });
  await expect(warning).toHaveCount(0);
  await panel.getByRole('combobox', { name: 'Begränsning', exact: true }).selectOption('secrecy');
  await expect(warning).toContainText('Du har ingen tvåstegsverifiering. När du har sparat kan du inte läsa det som skyddas');
  await expect(panel.getByRole('button', { name: 'Spara begränsningen' })).toHaveAccessibleDescription(/ingen tvåstegsverifiering/);

  // Named access is a keyboard combobox: type to filter (Swedish), arrows, Enter, Escape, Backspace.
  const people = panel.getByRole('combobox', { name: 'Åtkomst utöver ansvarig handläggare – personer' });
  await people.focus();
  await people.pressSequentially('berg');
  const list = panel.getByRole('listbox').filter({ has: page.getByRole('option', { name: /Erik Berg/ }) });
  await expect(list).toHaveAttribute('aria-multiselectable', 'true');
  await expect(list.getByRole('option')).toHaveText([/Erik Berg/]);
  await people.press('ArrowDown');
  await people.press('Enter');
  await expect(panel.getByRole('button', { name: 'Ta bort Erik Berg' })).toBeVisible();
  await expect(list.getByRole('option', { name: /Erik Berg/ })).toHaveAttribute('aria-selected', 'true');
  await people.press('Escape');
  await expect(people).toHaveAttribute('aria-expanded', 'false');
  await expect(panel).toBeVisible(); // Escape closed the list, not the form
  await people.fill('');
  await people.press('Backspace');
  await expect(panel.getByRole('button', { name: 'Ta bort Erik Berg' })).toHaveCount(0);

  await warning.getByRole('button', { name: 'Aktivera tvåstegsverifiering' }).click();
  await expect(page.getByLabel('Aktiveringskod från administratören')).toBeVisible();
});
