/**
 * The working set end to end (issue 15): the window setting in Inställningar (checked in the
 * form with the server's rule, saved on the server), the "Tillgänglig offline" pin, and opening
 * what the replica does not hold: a closed case of another officer is outside the registrar's
 * window, found by a server search, marked "Finns på servern", opened from the server's answer
 * and then held by the replica; offline another such hit says "Inte tillgänglig offline" with
 * what the search knew; a case of another register gets one answer for "gone or not yours".
 */
import type { Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import type { Case } from '../../shared/src';
import { newCase, newIncoming } from '../integration/fixtures';
import { expect, signInSynced, test } from './fixtures';
import { RawRegister } from './raw-register';
import { SyncLine } from './sync-line';

/** A word no demo record has, so the hits are exactly the planted ones. */
function uniqueWord(prefix: string): string {
  return `${prefix}${randomUUID()
    .replace(/[^a-f]/g, '')
    .slice(0, 8)}`;
}

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Inställningar' }).click();
  await expect(page.getByRole('heading', { name: 'Offline' })).toBeVisible();
}

test('the window setting: every user has it, out of range gets the Swedish message, a saved value stays', async ({
  page,
  context,
}, testInfo) => {
  const line = await SyncLine.route(context);
  await signInSynced(page, 'handlaggare'); // not an administrator: the setting is everyone's
  await openSettings(page);
  const months = page.getByLabel('Håll ärenden offline i 1–120 månader');
  await expect(months).toHaveValue('12');
  const save = page.getByRole('button', { name: 'Spara', exact: true });

  await months.fill('0');
  await save.click();
  await expect(page.getByRole('alert')).toHaveText('Ange mellan 1 och 120 månader.');
  await expect(months).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: testInfo.outputPath('window-setting-refused.png') });
  await months.fill('121');
  await months.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Ange mellan 1 och 120 månader.');
  await months.fill('tolv');
  await months.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Ange ett helt antal månader.');
  // The administrators' value lists are not shown to an officer.
  await expect(page.getByRole('heading', { name: 'Lagrum för begränsningar' })).toHaveCount(0);

  await months.fill('24');
  await months.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Sparat.' })).toBeVisible();
  await page.reload();
  await openSettings(page);
  await expect(page.getByLabel('Håll ärenden offline i 1–120 månader')).toHaveValue('24');

  await line.cut();
  await expect(page.getByLabel('Håll ärenden offline i 1–120 månader')).toBeDisabled();
  await expect(page.getByText('Inställningen kan bara ändras när du är ansluten till servern.')).toBeVisible();
  await line.restore();
});

test('"Tillgänglig offline": the pin toggles by keyboard, is kept by the server and survives a reload', async ({ page, server }) => {
  const registrar = await RawRegister.as(server.url, 'registrator');
  const p = await registrar.openProcess();
  const c = newCase(registrar.user.id, p, `Pinnat ärende ${uniqueWord('p')}`);
  await registrar.register(['cases', c]);

  await signInSynced(page, 'registrator');
  await page.goto(`/#/arende/${c.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(c.title);
  const pin = page.getByRole('button', { name: 'Tillgänglig offline' });
  await expect(pin).toHaveAttribute('aria-pressed', 'false');
  await pin.focus();
  await page.keyboard.press('Space');
  await expect(pin).toHaveAttribute('aria-pressed', 'true');
  const pins = async (): Promise<unknown> => {
    const res = await fetch(`${server.url}/api/working-set`, { headers: { authorization: `Bearer ${registrar.token}` } });
    return ((await res.json()) as { pins: { id: string; kind: string }[] }).pins.filter((x) => x.kind === 'pin').map((x) => x.id);
  };
  // This case's pin (another spec of the worker may pin cases of its own for this user).
  expect(await pins()).toContain(c.id);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(c.title);
  await expect(pin).toHaveAttribute('aria-pressed', 'true');
  await pin.press('Enter');
  await expect(pin).toHaveAttribute('aria-pressed', 'false');
  expect(await pins()).not.toContain(c.id);
  registrar.close();
});

test('a case outside the window opens from a server search hit, then the replica holds it; offline another says so', async ({
  page,
  context,
  server,
}, testInfo) => {
  // Two closed cases of another registrar: outside registrator's window (not open, not theirs).
  const word = uniqueWord('Arkivfall');
  const other = await RawRegister.as(server.url, 'registrator2');
  const qa = await RawRegister.as(server.url, 'kvalitet');
  const p = await other.openProcess();
  const cases: Case[] = [];
  for (const title of [`${word} Kvarnbovägen`, `${word} Storgatan`]) {
    const c = newCase(other.user.id, p, title);
    const d = { ...newIncoming(other.user.id, p, c.id, `Skrivelse ${title}`), sender: 'Karin Svensson' };
    await other.register(['cases', c], ['documents', d]);
    const unchecked = await qa.current<Case>('cases', c.id);
    await qa.update('cases', unchecked, { ...unchecked, status: 'registered' });
    const registered = await other.current<Case>('cases', c.id);
    await other.update('cases', registered, { ...registered, status: 'closed' });
    cases.push(c);
  }
  const [first, second] = cases as [Case, Case];
  // Another register's case: "gone or not yours" is one answer.
  const sn = await RawRegister.as(server.url, 'sn.registrator');
  const snCase = newCase(sn.user.id, await sn.openProcess('reg-sn'), `Socialnämndens ${word}`);
  await sn.register(['cases', snCase]);
  for (const r of [other, qa, sn]) r.close();

  const line = await SyncLine.route(context);
  await signInSynced(page, 'registrator');
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Sök' }).click();
  const query = page.getByRole('searchbox', { name: 'Sökfråga' });
  await query.fill(word);
  await query.press('Enter');
  const hits = page.getByRole('grid', { name: 'Sökträffar' });
  const caseRow = (c: Case) => hits.getByRole('row').filter({ hasText: c.title }).filter({ hasText: 'Ärende' });
  await expect(caseRow(first)).toContainText('Finns på servern');
  await expect(caseRow(second)).toContainText('Finns på servern');
  await expect(hits).not.toContainText('Socialnämndens');
  await page.screenshot({ path: testInfo.outputPath('hits-on-server.png') });

  // Replication is held back: the view shows the server's answer at once, read-only.
  line.hold();
  await caseRow(first).dblclick();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(first.title);
  await expect(page.getByRole('article')).toContainText(`Skrivelse ${first.title}`);
  const fromServer = page.getByRole('status').filter({ hasText: 'Visas från servern' });
  await expect(fromServer).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Historik' })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('case-from-server.png') });
  // Replication brings it: the live record takes over.
  line.release();
  await expect(fromServer).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Historik' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(first.title);
  await page.goBack();
  await expect(caseRow(first)).not.toContainText('Finns på servern');
  await expect(caseRow(second)).toContainText('Finns på servern');

  // Offline: the other hit is not available, with what the search knew.
  await line.cut();
  await caseRow(second).dblclick();
  await expect(page.getByRole('alert')).toContainText('Inte tillgänglig offline');
  await expect(page.getByRole('region', { name: 'Det här vet den lokala kopian från sökningen:' })).toContainText(second.title);
  await page.screenshot({ path: testInfo.outputPath('case-not-offline.png') });
  await line.restore();
  // Back online the view asks again and shows it.
  await expect(page.getByRole('heading', { level: 1 })).toContainText(second.title);

  await page.goto(`/#/arende/${snCase.id}`);
  await expect(page.getByRole('alert')).toHaveText('Finns inte längre eller så saknar du behörighet.');
  await page.goto(`/#/arende/${randomUUID()}`);
  await expect(page.getByRole('alert')).toHaveText('Finns inte längre eller så saknar du behörighet.');
});
