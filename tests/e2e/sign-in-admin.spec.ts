/**
 * Sign-in and the second factor as the people involved meet them (issue 12): an administrator,
 * after passing their own second factor, hands a user a one-time enrolment code from
 * Inställningar, and the user enrols with it; a user
 * given a one-time password must choose a new one before the register opens.
 */
import { base32Decode, totp } from '../../sync-server/src/auth/totp';
import { expect, login, ownServer, signInSynced, test } from './fixtures';

// A server of its own: it enrols the administrator's second factor and gives politiker a password of their own, for good.
test.use(ownServer(import.meta.url));

test('an administrator issues an enrolment code and the user enrols the second factor with it', async ({ page, browser, server }) => {
  await signInSynced(page, 'admin');
  await page.getByRole('link', { name: 'Inställningar' }).click();
  const section = page.getByRole('region', { name: 'Tvåstegsverifiering för användare' });
  await section.getByLabel('Användare').selectOption({ label: 'Karin Sjö (mote)' });
  // On the password alone no code is issued: the administrator passes their own factor first.
  await section.getByRole('button', { name: 'Skapa aktiveringskod' }).click();
  await expect(section.getByRole('alert')).toHaveText(
    'Bekräfta först din egen tvåstegsverifiering med en kod från din app. Sedan kan du skapa aktiveringskoder och återställa andras tvåstegsverifiering.',
  );
  const adminCode = await server.adminSecondFactorCode();
  await section.getByRole('button', { name: 'Bekräfta med kod' }).click();
  await page.getByLabel('Sexsiffrig kod').fill(adminCode);
  await page.getByRole('button', { name: 'Bekräfta', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Bekräfta med kod' })).toBeHidden();
  await section.getByRole('button', { name: 'Skapa aktiveringskod' }).click();
  const issued = section.getByRole('status');
  await expect(issued).toContainText('Aktiveringskod för Karin Sjö:');
  const enrolmentCode = /([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(await issued.innerText())![1]!;

  const user = await (await browser.newContext()).newPage();
  await signInSynced(user, 'mote');
  await user.getByRole('button', { name: 'Tvåstegsverifiering' }).click();
  // A wrong code is refused in Swedish; the right one shows the QR code.
  await user.getByLabel('Aktiveringskod från administratören').fill('AAAA-BBBB-CCCC');
  await user.getByRole('button', { name: 'Fortsätt' }).click();
  await expect(user.getByRole('alert')).toContainText('Aktiveringskoden är fel, har redan använts eller har gått ut.');
  await user.getByLabel('Aktiveringskod från administratören').fill(enrolmentCode);
  await user.getByRole('button', { name: 'Fortsätt' }).click();
  const secret = (await user.locator('code.secret').innerText()).replace(/\s+/g, '');
  await user.getByLabel('Första koden från appen').fill(totp(base32Decode(secret), Date.now()));
  await user.getByRole('button', { name: 'Aktivera', exact: true }).click();
  // Activated: the dialog closes by itself.
  await expect(user.getByRole('heading', { name: 'Aktivera tvåstegsverifiering' })).toBeHidden();

  // The administrator resets it (a lost phone).
  await section.getByRole('button', { name: 'Återställ tvåstegsverifiering' }).click();
  await expect(section.getByRole('status')).toContainText('Tvåstegsverifieringen för Karin Sjö är återställd.');
  await user.close();
});

test('a one-time password must be replaced before the register opens', async ({ page, server }) => {
  await server.setOneTimePassword('politiker', 'engangslosen-123');
  await page.goto('/');
  await login(page, 'politiker', 'engangslosen-123');
  await expect(page.getByRole('heading', { name: 'Byt lösenord' })).toBeVisible();
  await page.getByLabel('Nytt lösenord').fill('kort');
  await page.getByLabel('Upprepa det nya lösenordet').fill('kort');
  await page.getByRole('button', { name: 'Byt lösenord och fortsätt' }).click();
  await expect(page.getByRole('alert')).toHaveText('Lösenordet måste ha minst 10 tecken.');
  await page.getByLabel('Nytt lösenord').fill('mitt-eget-losenord');
  await page.getByLabel('Upprepa det nya lösenordet').fill('mitt-eget-losenord');
  await page.getByRole('button', { name: 'Byt lösenord och fortsätt' }).click();
  await expect(page.getByRole('status', { name: 'Synkronisering' })).toContainText('Ansluten');
  await expect(page.getByRole('heading', { name: 'Diariet' })).toBeVisible();
});
