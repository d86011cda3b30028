import type { WebSocketRoute } from '@playwright/test';
import type { Case } from '../../shared/src';
import { WORKING_SET_API } from '../../shared/src/protocol/working-set';
import { newCase } from '../integration/fixtures';
import { expect, login, startTestServer, STATIC_DIR, test } from './fixtures';
import { RawRegister } from './raw-register';

/** More cases than one pull carries (2,000), so the cases arrive in two batches. */
const EXTRA_CASES = 2100;

/**
 * The first download shows how far it has come. The answers to the pulls of cases after the first
 * screen and the first full batch are held back by the test, so the download is caught midway
 * whatever the machine's speed. The user's window is evaluated first, so the total is the window's
 * (a fresh user's first total is the register's, shown without a percent: download-estimate.test.ts).
 */
test('the first download shows received of expected records with a progress bar, then ends', async ({ page }) => {
  const server = await startTestServer({ staticDir: STATIC_DIR });
  try {
    const registrar = await RawRegister.as(server.url, 'registrator');
    const p = await registrar.openProcess();
    const cases = Array.from({ length: EXTRA_CASES }, (_, i) => ({
      assumedMasterState: null,
      newDocumentState: { ...newCase(registrar.user.id, p, `Planerat ärende ${i + 1}`), _deleted: false },
    }));
    for (let i = 0; i < cases.length; i += 2000) {
      const res = await registrar.client.send<{ rejected: unknown[] }>({ t: 'push', collection: 'cases', rows: cases.slice(i, i + 2000) });
      expect(res.rejected).toEqual([]);
    }
    const evaluated = await fetch(`${server.url}${WORKING_SET_API.root}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${registrar.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ months: 12 }),
    });
    expect(evaluated.status).toBe(200);
    registrar.close();

    const held: { client: WebSocketRoute; message: string }[] = [];
    let holding = true;
    let casePulls = 0;
    await page.context().routeWebSocket(/\/sync$/, (client) => {
      const upstream = client.connectToServer();
      const laterCasePulls = new Set<number>();
      client.onMessage((message) => {
        const m = JSON.parse(String(message)) as { t?: string; collection?: string; checkpoint?: unknown; rid?: number };
        // The first screen, then a full batch; the pulls after them wait.
        if (m.t === 'pull' && m.collection === 'cases' && typeof m.rid === 'number' && ++casePulls > 2) laterCasePulls.add(m.rid);
        upstream.send(message);
      });
      upstream.onMessage((message) => {
        const m = JSON.parse(String(message)) as { rid?: number };
        if (holding && typeof m.rid === 'number' && laterCasePulls.has(m.rid)) held.push({ client, message: String(message) });
        else client.send(message);
      });
    });

    await page.goto(server.url);
    await login(page, 'registrator', 'demo1234');
    const bar = page.getByRole('status', { name: 'Synkronisering' });
    const progress = bar.getByRole('progressbar', { name: 'Hämtar diariet' });
    // The download stops where the test holds it, after the first screen and 2,000 cases: reaching that point
    // is pulling and storing them, which on a loaded machine takes longer than a screen update.
    await expect(bar).toContainText(/(Hämtar diariet|Hämtar resten)… [\d\s]+ av högst [\d\s]+ poster \(\d+ %\)/, { timeout: 30_000 });
    const max = Number(await progress.getAttribute('max'));
    const value = Number(await progress.getAttribute('value'));
    // At least the planted cases are expected; the second batch of cases is still to come.
    expect(max).toBeGreaterThan(EXTRA_CASES);
    expect(value).toBeGreaterThanOrEqual(2000);
    expect(value).toBeLessThan(max);

    holding = false;
    for (const h of held.splice(0)) h.client.send(h.message);
    await expect(progress).toBeHidden({ timeout: 30_000 });
    await expect(bar).not.toContainText('Hämtar diariet');
  } finally {
    await server.stop();
  }
});

/**
 * The first download in tiers (issue 15): the first answer holds the first screen, the list's
 * newest rows and the user's own open work (here older than every row on the first page), so both
 * show while the rest is held back; the page is closed midway, and opened again the download goes
 * on until the list holds the whole window.
 */
test('own open work shows before the download ends; a page closed midway opens again and completes the list', async ({ page }) => {
  const server = await startTestServer({ staticDir: STATIC_DIR });
  try {
    const registrar = await RawRegister.as(server.url, 'registrator');
    const colleague = await RawRegister.as(server.url, 'registrator2');
    const p = await registrar.openProcess();
    // Own open work registered first: older than the colleague's cases, which fill the list's first page.
    const own = 'Mitt eget öppna ärende';
    await registrar.register(['cases', newCase(registrar.user.id, p, own)]);
    const others = Array.from({ length: EXTRA_CASES }, (_, i) => ({
      assumedMasterState: null,
      newDocumentState: {
        ...newCase(registrar.user.id, p, `Kollegans ärende ${i + 1}`),
        responsibleUserId: colleague.user.id,
        _deleted: false,
      },
    }));
    for (let i = 0; i < others.length; i += 2000) {
      const res = await registrar.client.send<{ rejected: unknown[] }>({ t: 'push', collection: 'cases', rows: others.slice(i, i + 2000) });
      expect(res.rejected).toEqual([]);
    }
    const window = (await registrar.pullAll<Case & { _deleted?: boolean }>('cases')).filter(
      (c) => c.registerId === p.node.registerId && !c._deleted,
    );
    registrar.close();
    colleague.close();

    let holding = true;
    await page.context().routeWebSocket(/\/sync$/, (client) => {
      const upstream = client.connectToServer();
      const laterCasePulls = new Set<number>();
      client.onMessage((message) => {
        const m = JSON.parse(String(message)) as { t?: string; collection?: string; checkpoint?: unknown; rid?: number };
        if (m.t === 'pull' && m.collection === 'cases' && m.checkpoint !== null && typeof m.rid === 'number') laterCasePulls.add(m.rid);
        upstream.send(message);
      });
      upstream.onMessage((message) => {
        const m = JSON.parse(String(message)) as { rid?: number };
        if (!(holding && typeof m.rid === 'number' && laterCasePulls.has(m.rid))) client.send(message);
      });
    });

    await page.goto(server.url);
    await login(page, 'registrator', 'demo1234');
    const bar = page.getByRole('status', { name: 'Synkronisering' });
    await expect(bar).toContainText('Listan går att använda. Hämtar resten…');
    // The first screen: the list's newest rows on top, and own open work although it is older.
    const grid = page.getByRole('grid', { name: 'Ärenden i diariet' });
    await expect(grid.getByRole('row').nth(1)).toContainText('Kollegans ärende');
    await page.getByRole('searchbox', { name: 'Sök', exact: true }).fill(own);
    await expect(grid.getByRole('row').filter({ hasText: own })).toBeVisible();
    await expect(bar.getByRole('progressbar', { name: 'Hämtar diariet' })).toBeVisible();
    await page.close();

    holding = false;
    const again = await page.context().newPage();
    await again.goto(server.url);
    const signIn = again.getByLabel('Användarnamn');
    if (await signIn.isVisible()) await login(again, 'registrator', 'demo1234');
    const status = again.getByRole('status', { name: 'Synkronisering' });
    await expect(status.getByRole('progressbar', { name: 'Hämtar diariet' })).toBeHidden({ timeout: 60_000 });
    await expect(status).not.toContainText('Hämtar');
    await expect(again.getByText(`${new Intl.NumberFormat('sv-SE').format(window.length)} poster`)).toBeVisible();
  } finally {
    await server.stop();
  }
});
