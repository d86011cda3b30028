/**
 * Keyboard-first registration: after signing in, a case and a document in it are registered,
 * found again and opened with the keyboard alone (no clicks).
 */
import { expect, login, test } from './fixtures';

const CASE_NUMBER = /KS 20\d\d-\d{5}/;

test('a case and a document are registered with the keyboard only', async ({ page }, testInfo) => {
  const title = `Medborgarförslag om fler parkbänkar ${Date.now()}`;
  await page.goto('/');
  await login(page, 'registrator');
  await expect(page.getByRole('heading', { name: 'Diariet' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Synkronisering' })).toContainText('Ansluten');
  await expect(page.getByRole('status', { name: 'Synkronisering' })).not.toContainText('Hämtar diariet'); // first download done
  const kb = page.keyboard;

  // Alt+N: new case; focus starts in the process combobox.
  await kb.press('Alt+KeyN');
  const caseDialog = page.getByRole('dialog', { name: 'Nytt ärende' });
  await expect(caseDialog).toBeVisible();
  const process = caseDialog.getByRole('combobox', { name: 'Process' });
  await expect(process).toBeFocused();
  await kb.type('medborgarf');
  await expect(caseDialog.getByRole('option', { name: /1\.1\.3\.3 Medborgarförslag/ })).toHaveAttribute('aria-selected', 'true');
  await kb.press('Enter');
  await expect(process).toHaveValue('1.1.3.3 Medborgarförslag');
  await kb.press('Tab');
  await expect(caseDialog.getByLabel('Ärendemening')).toBeFocused();
  await kb.type(title);
  await kb.press('Control+Enter');

  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toContainText(title);
  await expect(heading).toContainText(CASE_NUMBER);
  const caseNumber = (await heading.textContent())!.match(CASE_NUMBER)![0];

  // Alt+I: a new document in the open case, in the case's process.
  await kb.press('Alt+KeyI');
  const docDialog = page.getByRole('dialog', { name: `Ny handling i ärende ${caseNumber}` });
  await expect(docDialog).toBeVisible();
  await expect(docDialog.getByRole('combobox', { name: 'Process' })).toHaveValue('1.1.3.3 Medborgarförslag');
  await expect(docDialog.getByRole('combobox', { name: 'Process' })).toBeFocused();
  await kb.press('Tab'); // Handlingstyp
  await expect(docDialog.getByLabel('Handlingstyp')).toBeFocused();
  await kb.type('Medborgarf');
  await expect(docDialog.getByLabel('Handlingstyp').locator('option:checked')).toHaveText(/^Medborgarförslag/);
  await kb.press('Tab'); // Riktning: the checked radio (Inkommen)
  await expect(docDialog.getByRole('radio', { name: 'Inkommen' })).toBeFocused();
  await kb.press('Tab');
  await expect(docDialog.getByLabel('Rubrik')).toBeFocused();
  await kb.type('Förslag om parkbänkar längs ån');
  await kb.press('Tab');
  await expect(docDialog.getByLabel('Inkom (datum)')).toBeFocused();
  await expect(docDialog.getByLabel('Inkom (datum)')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await kb.press('Tab');
  await expect(docDialog.getByLabel('Avsändare')).toBeFocused();
  await kb.type('Fatima Ali');
  await page.screenshot({ path: testInfo.outputPath('keyboard-document-form.png') });
  await kb.press('Control+Enter');
  await expect(docDialog).toBeHidden();

  const doc = page.getByRole('listitem', { name: /Förslag om parkbänkar längs ån/ });
  // The next step is the document's file: focus is on its picker, not the page.
  await expect(doc.getByLabel('Välj fil')).toBeFocused();
  await expect(doc).toContainText(`${caseNumber}-1`);
  await expect(doc).toContainText('Inkommen');
  await expect(doc).toContainText('Medborgarförslag');

  // Saving an empty form explains what is missing, next to the fields, and goes to the first;
  // Escape then cancels without saving.
  await kb.press('Alt+KeyN');
  const empty = page.getByRole('dialog', { name: 'Nytt ärende' });
  await expect(empty).toBeVisible();
  await kb.press('Control+Enter');
  await expect(empty.getByText('Process måste fyllas i.')).toBeVisible();
  await expect(empty.getByText('Ärendemening måste fyllas i.')).toBeVisible();
  await expect(empty.getByLabel('Ärendemening')).toHaveAttribute('aria-invalid', 'true');
  await expect(empty.getByRole('combobox', { name: 'Process' })).toBeFocused();
  await kb.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Back to the register (Alt+R), search with "/", arrow into the list, Enter opens the case.
  await kb.press('Alt+KeyR');
  await expect(page.getByRole('heading', { name: 'Diariet' })).toBeVisible();
  await kb.press('/');
  await expect(page.getByRole('searchbox', { name: 'Sök' })).toBeFocused();
  await kb.type(caseNumber.toLowerCase());
  const grid = page.getByRole('grid', { name: 'Ärenden i diariet' });
  await expect(grid.getByRole('row')).toHaveCount(2); // the header and the one case
  await kb.press('ArrowDown');
  await expect(grid).toBeFocused();
  await expect(grid.getByRole('row', { selected: true })).toContainText(caseNumber);
  await kb.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(caseNumber);

  // The documents tab lists the new document too; arrows move through the list.
  await kb.press('Alt+KeyR');
  await kb.press('/');
  await kb.press('Control+A');
  await kb.press('Backspace');
  await kb.press('Shift+Tab'); // from the search box back to the active tab
  await expect(page.getByRole('tab', { name: 'Ärenden' })).toBeFocused();
  await kb.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Handlingar' })).toHaveAttribute('aria-selected', 'true');
  const docs = page.getByRole('grid', { name: 'Handlingar i diariet' });
  await expect(docs.getByRole('row', { name: new RegExp(`${caseNumber}-1`) })).toBeVisible();
});
