/**
 * A half-open connection (the network silently gone, no close ever reported) is found by the
 * client's heartbeat and shown as Frånkopplad within 30 s, with the product's own timing.
 */
import { expect, signInSynced, test } from './fixtures';
import { SyncLine } from './sync-line';

test('a silently lost network shows Frånkopplad within 30 s, and Ansluten again when it returns', async ({ page, context }) => {
  const line = await SyncLine.route(context);
  const status = await signInSynced(page, 'registrator');
  await expect(status).toContainText('Ansluten');

  line.blackHole();
  await expect(status).toContainText('Frånkopplad', { timeout: 30_000 });

  await line.restore();
  await expect(status).toContainText('Ansluten', { timeout: 30_000 });
});
