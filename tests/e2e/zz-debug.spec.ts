import { expect, login, test } from './fixtures';
test('debug', async ({ page }) => {
  page.on('console', (m) => console.log('CONSOLE', m.type(), m.text()));
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
  page.on('websocket', (ws) => { console.log('WS', ws.url()); ws.on('close', () => console.log('WS closed')); ws.on('socketerror', (e) => console.log('WS err', e)); });
  await page.goto('/');
  await login(page, 'registrator');
  await expect(page.getByRole('heading', { name: 'Diariet' })).toBeVisible();
  await page.waitForTimeout(5000);
  console.log(await page.getByRole('status', { name: 'Synkronisering' }).textContent());
});
