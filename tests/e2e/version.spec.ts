import type { WebSocketRoute } from '@playwright/test';
import { expect, signInSynced, test } from './fixtures';

/*
 * The server is upgraded while the app runs and no longer serves this app's version. The
 * server's side (the close code for a client too old) is tested in
 * tests/integration/protocol-versions.test.ts; here the route stands in for the upgraded server
 * so the browser's handling of that close code is seen: a Swedish message, no reconnect loop.
 */
test('an app too old for the upgraded server says so in Swedish and stops reconnecting', async ({ page, context }) => {
  let upgraded = false;
  let refusals = 0;
  const live: WebSocketRoute[] = [];
  await context.routeWebSocket(/\/sync$/, (ws) => {
    if (upgraded) {
      refusals++;
      void ws.close({ code: 4426, reason: 'client too old for this server: update the app' });
      return;
    }
    ws.connectToServer();
    live.push(ws);
  });
  const status = await signInSynced(page, 'registrator');

  upgraded = true;
  // The restart of the server closes the open socket; the app reconnects and is refused.
  for (const ws of live.splice(0)) await ws.close({ code: 1012, reason: 'service restart' });
  await expect(
    page.getByRole('alert').filter({ hasText: 'Den här versionen av Diarium är för gammal för servern. Uppdatera appen.' }),
  ).toBeVisible();
  await expect(status).toContainText('Frånkopplad');
  // Back-off would have retried several times by now.
  await page.waitForTimeout(2000);
  expect(refusals).toBe(1);
});
