/**
 * The address book from the keyboard: a sender created inline while registering (its
 * personnummer Luhn-checked, with a Swedish message), picked again by typing, shown and marked
 * protected in the address book.
 */
import type { Page } from '@playwright/test';
import { chooseProcess, expect, signInSynced, test } from './fixtures';

async function newIncoming(page: Page, title: string): Promise<ReturnType<Page['getByRole']>> {
  await page.keyboard.press('Alt+KeyL');
  const d = page.getByRole('dialog', { name: 'Ny fristående handling' });
  await chooseProcess(d, '1.4.2.1');
  const type = d.getByLabel('Handlingstyp');
  const value = await type
    .locator('option')
    .filter({ hasText: /^Synpunkt/ })
    .first()
    .getAttribute('value');
  await type.selectOption(value!);
  await d.getByLabel('Rubrik').fill(title);
  return d;
}

test('a sender is created inline, picked again by typing, and marked protected in the address book', async ({ page }) => {
  await signInSynced(page, 'registrator');
  const name = `Greta Ståhl ${Date.now()}`;

  const d = await newIncoming(page, 'Synpunkt på snöröjningen');
  const sender = d.getByRole('combobox', { name: 'Avsändare' });
  await sender.fill(name);
  await expect(d.getByRole('option', { name: `Skapa ny part ”${name}”` })).toBeVisible();
  await sender.press('Enter');
  const form = d.getByRole('group', { name: 'Ny part i adressboken' });
  await expect(form.getByLabel('Namn')).toHaveValue(name);
  await form.getByLabel('Personnummer').fill('19121212-1213');
  await form.getByLabel('Personnummer').press('Enter');
  await expect(form.getByText('Personnumret är inte giltigt. Skriv ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN.')).toBeVisible();
  await expect(form.getByLabel('Personnummer')).toBeFocused();
  await form.getByLabel('Personnummer').fill('121212-1212');
  await form.getByRole('button', { name: 'Spara part' }).click();
  await expect(form).toBeHidden();
  await expect(sender).toHaveValue(name);
  await expect(d.getByText('Kopplad till adressboken')).toBeVisible();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Synpunkt på snöröjningen');

  // Picked again by typing the start of the surname.
  const d2 = await newIncoming(page, 'Ny synpunkt');
  const sender2 = d2.getByRole('combobox', { name: 'Avsändare' });
  await sender2.fill(name.split(' ').slice(0, 2).join(' '));
  const option = d2.getByRole('option', { name: new RegExp(`^${name}`) });
  await expect(option).toBeVisible();
  await expect(option).toContainText('20121212-1212');
  await sender2.press('Enter');
  await expect(sender2).toHaveValue(name);
  await expect(d2.getByText('Kopplad till adressboken')).toBeVisible();
  await page.keyboard.press('Escape');

  // The address book: normalised number; marked protected after an edit.
  await page.goto('/#/adressbok');
  await page.getByLabel('Sök part').fill(name);
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('20121212-1212');
  await row.getByRole('button', { name: `Ändra ${name}` }).click();
  const edit = page.getByRole('group', { name: `Ändra ${name}` });
  await edit.getByLabel('Skyddade personuppgifter').check();
  await edit.getByRole('button', { name: 'Spara part' }).click();
  await expect(page.getByText(`${name} är sparad.`)).toBeVisible();
  await expect(row).toContainText('Skyddade personuppgifter');
});

test('a duplicate in the address book is merged into the party kept, after a confirmation', async ({ page }) => {
  await signInSynced(page, 'registrator');
  const name = `Sven Dubblett ${Date.now()}`;
  await page.goto('/#/adressbok');
  for (const n of [name, `${name} (dubblett)`]) {
    await page.getByRole('button', { name: 'Ny part' }).click();
    const form = page.getByRole('group', { name: 'Ny part i adressboken' });
    await form.getByLabel('Namn').fill(n);
    await form.getByRole('button', { name: 'Spara part' }).click();
    await expect(page.getByText(`${n} är sparad.`)).toBeVisible();
  }
  await page.getByLabel('Sök part').fill(name);
  await expect(page.getByRole('row', { name: new RegExp(name) })).toHaveCount(2);
  await page.getByRole('button', { name: `Ändra ${name}`, exact: true }).click();
  const merge = page.getByRole('region', { name: 'Sammanfoga dubbletter' });
  await merge.getByLabel('Dubblett').selectOption({ label: `${name} (dubblett)` });
  await merge.getByRole('button', { name: 'Sammanfoga' }).click();
  await expect(merge.getByRole('alert')).toHaveText(`Sammanfoga ${name} (dubblett) med ${name}? Det går inte att ångra.`);
  await merge.getByRole('button', { name: 'Ja, sammanfoga' }).click();
  await expect(
    page.getByText(`${name} (dubblett) är sammanfogad med ${name}. 0 ärenden och handlingar pekar nu på ${name}.`),
  ).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toHaveCount(1);
});
