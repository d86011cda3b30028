/**
 * Offline registration: a case registered without a connection shows a provisional label and
 * a pending change, survives a reload (IndexedDB), and gets exactly one server number when the
 * connection returns.
 */
import { expect, login, test } from './fixtures';

const CASE_NUMBER = /KS 20\d\d-\d{5}/;

test('a case registered offline gets its number, once, when the connection returns', async ({ page, context }, testInfo) => {
  const title = `Remiss om regional cykelplan ${Date.now()}`;
  await page.goto('/');
  await login(page, 'registrator');
  const status = page.getByRole('status', { name: 'Synkronisering' });
  await expect(status).toContainText('Ansluten');
  await expect(status).not.toContainText('Hämtar diariet'); // the first download is done

  // The sync socket can be held back while pages still load (a server that is unreachable for
  // sync only), which lets the page reload with the change still pending.
  let syncBlocked = false;
  await context.routeWebSocket(/\/sync$/, (ws) => {
    if (syncBlocked) ws.close({ code: 1011, reason: 'test: sync unreachable' });
    else ws.connectToServer();
  });

  await context.setOffline(true);
  syncBlocked = true;
  await expect(status).toContainText('Frånkopplad');

  await page.keyboard.press('Alt+KeyN');
  const dialog = page.getByRole('dialog', { name: 'Nytt ärende' });
  await dialog.getByRole('combobox', { name: 'Process' }).fill('1.1.6.1');
  await page.keyboard.press('Enter');
  await dialog.getByLabel('Ärendemening').fill(title);
  await dialog.getByRole('button', { name: 'Spara' }).click();

  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toContainText(title);
  await expect(heading).toContainText(/Preliminärt [A-Z0-9]{6}/);
  await expect(status).toContainText(/1 ändring(ar)? väntar på att skickas/);
  await page.screenshot({ path: testInfo.outputPath('offline-case.png') });

  // Reload with the sync socket still unreachable: the case and its pending push are on disk.
  await context.setOffline(false);
  await page.reload();
  await expect(heading).toContainText(title);
  await expect(heading).toContainText(/Preliminärt [A-Z0-9]{6}/);
  await expect(status).toContainText('Frånkopplad');
  await expect(status).toContainText(/1 ändring(ar)? väntar på att skickas/);

  // The connection returns: the server numbers the case.
  syncBlocked = false;
  await context.setOffline(true);
  await context.setOffline(false); // the browser's "online" event makes the client retry at once
  await expect(heading).toContainText(CASE_NUMBER, { timeout: 15_000 });
  await expect(heading).not.toContainText('Preliminärt');
  await expect(status).toContainText('Ansluten');
  await expect(status).not.toContainText('väntar på att skickas');

  // Exactly one case with that title, numbered.
  await page.keyboard.press('Alt+KeyR');
  await page.getByRole('searchbox', { name: 'Sök' }).fill(title);
  const grid = page.getByRole('grid', { name: 'Ärenden i diariet' });
  await expect(grid.getByRole('row')).toHaveCount(2); // the header and the case
  await expect(grid.getByRole('row', { name: new RegExp(title) })).toContainText(CASE_NUMBER);
});
