/**
 * A password changed (or reset by an administrator) while the local replica from before is still
 * on the computer: in web mode that copy is locked with a key from the old password, so signing in
 * with the new one cannot read it. The app says so in Swedish and, when asked, removes the copy and
 * downloads the register again, instead of failing on every sign-in.
 */
import { DEMO_PASSWORD, expect, login, signInSynced, test } from './fixtures';

const USER = 'arkivarie';
const NEW_PASSWORD = 'nytt-losenord-2026';

test('after a password change the old local copy is replaced, with the user’s consent', async ({ page, server }) => {
  await signInSynced(page, USER);

  // The browser is closed without signing out; the next tab starts from the saved session and
  // has no key to the local copy.
  const next = await page.context().newPage();
  await page.close();
  await next.goto('/');
  await expect(next.getByText('Logga in igen för att låsa upp den lokala kopian')).toBeVisible();

  await server.setPassword(USER, NEW_PASSWORD);
  try {
    await login(next, USER, NEW_PASSWORD);
    const dialog = next.getByRole('alertdialog', { name: 'Den lokala kopian kan inte öppnas' });
    await expect(dialog).toContainText('skyddades med ditt tidigare lösenord');
    await dialog.getByRole('button', { name: 'Ta bort den lokala kopian och hämta diariet på nytt' }).click();
    const status = next.getByRole('status', { name: 'Synkronisering' });
    await expect(status).toContainText('Ansluten');
    await expect(status).not.toContainText('Hämtar diariet');
    await expect(next.getByRole('heading', { name: 'Diariet' })).toBeVisible();
    await expect(next.getByRole('grid', { name: 'Ärenden i diariet' }).getByRole('row').nth(1)).toBeVisible();
  } finally {
    await server.setPassword(USER, DEMO_PASSWORD);
  }
});
