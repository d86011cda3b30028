/**
 * The register's documents tab, "Nyast först" (issue 16, "misleads"): in the order of the date
 * the list shows, newest first, not of registration. A letter registered after another but
 * received earlier sorts below it.
 */
import { swedishDate } from '../../shared/src';
import { newCase, newIncoming } from '../integration/fixtures';
import { expect, ownServer, signInSynced, test } from './fixtures';
import { RawRegister } from './raw-register';

// A server of its own: "Nyast först" and its first row are the whole register's, where another spec's documents would sort too.
test.use(ownServer(import.meta.url));

test('Nyast först on the documents tab is by the shown date: a document registered later with an older date sorts below', async ({
  page,
  server,
}) => {
  const colleague = await RawRegister.as(server.url, 'registrator2');
  const p = await colleague.openProcess();
  const stamp = String(Date.now());
  const c = newCase(colleague.user.id, p, `Brev om gatubelysning ${stamp}`);
  const today = swedishDate(Date.now());
  const yesterday = swedishDate(Date.now() - 86_400_000);
  const received = { ...newIncoming(colleague.user.id, p, c.id, `Brev mottaget i dag ${stamp}`), receivedDate: today };
  // Registered after it, but it arrived the day before.
  const late = { ...newIncoming(colleague.user.id, p, c.id, `Brev mottaget i går ${stamp}`), receivedDate: yesterday };
  await colleague.register(['cases', c], ['documents', received], ['documents', late]);

  await signInSynced(page, 'registrator');
  await page.getByRole('tab', { name: 'Handlingar' }).click();
  await expect(page.getByRole('combobox', { name: 'Sortering' })).toHaveValue('newest');
  const grid = page.getByRole('grid', { name: 'Handlingar i diariet' });
  const first = grid.getByRole('row').nth(1);
  await expect(first).toContainText(received.title);
  const laterRow = grid.getByRole('row', { name: new RegExp(late.title) });
  await expect(laterRow).toContainText(yesterday);
  const index = async (row: typeof first) => Number(await row.getAttribute('aria-rowindex'));
  expect(await index(laterRow)).toBeGreaterThan(await index(first));

  // Every row on screen, top down by its row index (the virtual grid may keep rows in another
  // DOM order): dates never rise.
  const dates = await grid
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell') })
    .evaluateAll((rows) =>
      rows
        .map(
          (r) => [Number(r.getAttribute('aria-rowindex')), r.querySelectorAll('[role="gridcell"]')[3]?.textContent?.trim() ?? ''] as const,
        )
        .sort((a, b) => a[0] - b[0])
        .map(([, date]) => date),
    );
  expect(dates.length).toBeGreaterThan(5);
  expect(dates).toEqual([...dates].sort().reverse());
  colleague.close();
});
