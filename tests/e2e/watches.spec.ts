/**
 * Watches and notifications end to end: a registrar sets a watch due today on a case and finds
 * it in the queue of due watches and, once the server's job fires it, as an unread notification;
 * subscribes to a case and is notified when a colleague adds a document; and sets a watch while
 * the connection is lost, which reaches the server when it returns.
 */
import { swedishDate } from '../../shared/src';
import { PERSONAL_API, type PersonalLists } from '../../shared/src/protocol/personal';
import { newCase, newIncoming } from '../integration/fixtures';
import { expect, signInSynced, test } from './fixtures';
import { RawRegister, eventually } from './raw-register';
import { SyncLine } from './sync-line';

async function serverLists(url: string, token: string): Promise<PersonalLists> {
  const res = await fetch(`${url}${PERSONAL_API.root}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as PersonalLists;
}

test('a watch due today is in the queue and becomes a notification; a subscription notifies; a watch set offline syncs', async ({
  page,
  context,
  server,
}, testInfo) => {
  const registrar = await RawRegister.as(server.url, 'registrator');
  const colleague = await RawRegister.as(server.url, 'registrator2');
  const p = await registrar.openProcess();
  const stamp = Date.now().toString(36);
  const watched = newCase(registrar.user.id, p, `Bygglov för förskola på Ekbacken ${stamp}`);
  const offlineCase = newCase(registrar.user.id, p, `Detaljplan för Norra hamnen ${stamp}`);
  await registrar.register(['cases', watched], ['cases', offlineCase]);
  const today = swedishDate(Date.now());

  const line = await SyncLine.route(context);
  await signInSynced(page, 'registrator');
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });

  // Bevaka on the case: due today, with a note; then Prenumerera.
  await page.goto(`/#/arende/${watched.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(watched.title);
  const watchButton = page.getByRole('button', { name: 'Bevaka', exact: true });
  await watchButton.click();
  const dueDate = page.getByRole('textbox', { name: 'Bevaka till' });
  await expect(dueDate).toBeFocused();
  // Esc closes the form and puts focus back on the button; Enter opens it again.
  await page.keyboard.press('Escape');
  await expect(dueDate).toHaveCount(0);
  await expect(watchButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dueDate).toBeFocused();
  await dueDate.fill(today);
  const watchForm = page.getByRole('form', { name: 'Bevakning' });
  await watchForm.getByRole('textbox', { name: 'Anteckning' }).fill('Ring sökanden om ritningarna');
  await watchForm.getByRole('button', { name: 'Spara bevakningen' }).click();
  const editToggle = page.getByRole('button', { name: `Ändra bevakning (${today})` });
  await expect(editToggle).toBeFocused();
  await page.getByRole('button', { name: 'Prenumerera' }).click();
  await expect(page.getByRole('button', { name: 'Prenumererar' })).toHaveAttribute('aria-pressed', 'true');

  // The queue of due watches, and the notification the server makes of it.
  await nav.getByRole('link', { name: /Bevakningar/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bevakningar och notiser' })).toBeFocused();
  // Other specs of this worker share the server and the user (and may set watches due today), so
  // this test looks at its own case's rows and notifications only.
  const due = page.getByRole('list', { name: 'Förfallna och förfaller i dag' });
  const mine = due.getByRole('listitem').filter({ hasText: watched.title });
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText('Förfaller i dag');
  await expect(mine).toContainText('Ring sökanden om ritningarna');
  const notifications = page.getByRole('list', { name: 'Notiser' });
  const dueNotice = notifications
    .getByRole('listitem')
    .filter({ hasText: `Bevakningen förfaller ${today}` })
    .filter({ hasText: watched.title });
  await expect(dueNotice).toContainText('Oläst');
  // At least this due watch and its unread notification.
  const badge = nav.getByRole('link', { name: /Bevakningar/ }).locator('.badge');
  await expect.poll(async () => Number(await badge.textContent())).toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: testInfo.outputPath('watches.png') });
  await dueNotice.getByRole('button', { name: /Markera som läst/ }).click();
  await expect(dueNotice).not.toContainText('Oläst');

  // A colleague adds a document to the subscribed case: a notification arrives while the view is open.
  const added = newIncoming(colleague.user.id, p, watched.id, `Yttrande från räddningstjänsten ${stamp}`);
  await colleague.register(['documents', added]);
  const docNotice = notifications
    .getByRole('listitem')
    .filter({ hasText: 'Ny handling i ett ärende du prenumererar på' })
    .filter({ hasText: added.title });
  await expect(docNotice).toContainText('Oläst');

  // Done: the watch leaves the queue.
  await mine.getByRole('button', { name: /Markera som klar/ }).click();
  await expect(mine).toHaveCount(0);

  // Offline: a watch set now waits here, and reaches the server when the connection returns.
  await page.goto(`/#/arende/${offlineCase.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(offlineCase.title);
  await line.cut();
  await expect(page.getByRole('status', { name: 'Synkronisering' })).not.toContainText('Ansluten');
  await page.getByRole('button', { name: 'Bevaka', exact: true }).click();
  await page.getByRole('textbox', { name: 'Bevaka till' }).fill('2030-01-15');
  await page.getByRole('button', { name: 'Spara bevakningen' }).click();
  await expect(page.getByText('Sparad här. Skickas när du är ansluten.')).toBeVisible();
  await nav.getByRole('link', { name: /Bevakningar/ }).click();
  await expect(page.getByRole('list', { name: 'Alla bevakningar' })).toContainText(offlineCase.title);
  expect((await serverLists(server.url, registrar.token)).watches.map((w) => w.target.id)).not.toContain(offlineCase.id);
  await line.restore();
  const synced = await eventually('the offline watch on the server', async () => {
    const lists = await serverLists(server.url, registrar.token);
    return lists.watches.find((w) => w.target.id === offlineCase.id) ?? null;
  });
  expect(synced.dueDate).toBe('2030-01-15');
  registrar.close();
  colleague.close();
});
