import { expect, login, test } from './fixtures';

test('registrator signs in and sees the register', async ({ page, server }) => {
  await page.goto(server.url);
  await login(page, 'registrator', 'demo1234');
  await expect(page.getByRole('heading', { name: 'Diariet' })).toBeVisible();
});
