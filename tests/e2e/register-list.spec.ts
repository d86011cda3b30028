/**
 * The register list read in pages (issue 15, step 6): the demo register's 300+ cases are more
 * than a page, so End, Home and Page Down cross pages the list has not read yet; a case another
 * registrar registers appears at the top while the list is open; online, the end of the list
 * points to the server search.
 */
import type { Case } from '../../shared/src';
import { newCase } from '../integration/fixtures';
import { expect, signInSynced, test } from './fixtures';
import { RawRegister } from './raw-register';

test('the register list pages through the register with the keyboard and follows changes live', async ({ page, server }, testInfo) => {
  const colleague = await RawRegister.as(server.url, 'registrator2');
  const p = await colleague.openProcess();
  // What registrator's replica holds: their working set, as a protocol-3 pull answers it.
  const me = await RawRegister.as(server.url, 'registrator');
  const cases = (await me.pullAll<Case & { _deleted?: boolean }>('cases')).filter((c) => c.registerId === p.node.registerId && !c._deleted);
  expect(cases.length).toBeGreaterThan(200); // more than one page of the list
  const newest = [...cases].sort((a, b) => (a.newestKey < b.newestKey ? -1 : 1));

  await signInSynced(page, 'registrator');
  const grid = page.getByRole('grid', { name: 'Ärenden i diariet' });
  await expect(page.getByText(`${cases.length} poster`)).toBeVisible();
  await expect(grid).toHaveAttribute('aria-rowcount', String(cases.length + 1));

  // End goes to the last case (a page not read yet), Home back to the first.
  await grid.focus();
  await page.keyboard.press('End');
  const selected = grid.getByRole('row', { selected: true });
  await expect(selected).toHaveAttribute('aria-rowindex', String(cases.length + 1));
  await expect(selected).toContainText(newest[newest.length - 1]!.caseNumber);
  await page.keyboard.press('Home');
  await expect(selected).toHaveAttribute('aria-rowindex', '2');
  await expect(selected).toContainText(newest[0]!.caseNumber);
  // Page Down crosses into the second page; Enter opens what is selected there.
  // How far one Page Down goes depends on the rows on screen: press until past the first page.
  const at = async () => Number(await selected.getAttribute('aria-rowindex')) - 2;
  for (let i = 0; i < 60 && (await at()) < 200; i++) await page.keyboard.press('PageDown');
  const index = await at();
  expect(index).toBeGreaterThanOrEqual(200);
  await expect(selected).toContainText(newest[index]!.caseNumber);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(newest[index]!.caseNumber);
  await page.goBack();
  await expect(grid.getByRole('row', { selected: true })).toContainText(newest[index]!.caseNumber);

  // Sorted by number, then a colleague registers a case: it shows in place, the count follows.
  await page.getByRole('combobox', { name: 'Sortering' }).selectOption('number');
  const title = `Ansökan om markupplåtelse ${Date.now()}`;
  await colleague.register(['cases', newCase(colleague.user.id, p, title)]);
  await expect(page.getByText(`${cases.length + 1} poster`)).toBeVisible();
  await page.getByRole('combobox', { name: 'Sortering' }).selectOption('newest');
  await expect(grid.getByRole('row').nth(1)).toContainText(title);

  // Online, the end of the list says the rest of the register is found by searching the server.
  const more = page.getByRole('link', { name: 'Fler ärenden finns på servern — sök' });
  await expect(more).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('register-list.png') });
  await more.click();
  await expect(page.getByRole('heading', { name: 'Sök i diariet' })).toBeVisible();
  colleague.close();
  me.close();
});
