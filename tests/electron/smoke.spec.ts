import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BRIDGE_METHODS } from '../../electron/common/ipc';
import { login, startTestServer } from '../e2e/fixtures';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The Electron executable, or an Error that says why there is none. */
function electronBinary(): string {
  let binary: unknown;
  try {
    binary = createRequire(path.join(root, 'package.json'))('electron');
  } catch (error) {
    throw new Error(
      `The Electron binary is not installed on this machine (${(error as Error).message}).\n` +
        'This suite needs it: run `node scripts/fetch-electron.mjs` where github.com is reachable. ' +
        'Machines without it test the client in web mode (npm run test:e2e).',
    );
  }
  if (typeof binary !== 'string' || !existsSync(binary)) {
    throw new Error(`The Electron binary is missing: ${String(binary)} does not exist. Run \`node scripts/fetch-electron.mjs\`.`);
  }
  return binary;
}

test('the desktop app opens, signs in as registrator and shows the register', async () => {
  const executablePath = electronBinary();
  expect(existsSync(path.join(root, 'out/main/index.js')), 'out/main/index.js is missing: run `npm run build`').toBe(true);

  const server = await startTestServer({ staticDir: null });
  const userData = await mkdtemp(path.join(tmpdir(), 'diarium-electron-'));
  let app: ElectronApplication | undefined;
  try {
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
    delete env.ELECTRON_RUN_AS_NODE;
    delete env.ELECTRON_RENDERER_URL; // the build, not a dev server
    env.DIARIUM_SERVER_URL = server.url;
    env.DIARIUM_USER_DATA_DIR = userData; // fresh profile: no single-instance clash, no old secrets

    // Chromium refuses to run as root with its sandbox (CI containers); the renderer stays sandboxed.
    const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    app = await electron.launch({ executablePath, args: ['.', ...rootArgs], cwd: root, env });

    const page = await app.firstWindow();
    await expect(page).toHaveTitle(/Diarium/);
    // The preload's bridge is there, only as the fixed object: its values and one method per channel.
    const bridge = await page.evaluate(() => {
      const diarium = (globalThis as { diarium?: Record<string, unknown> }).diarium;
      return diarium
        ? { platform: diarium.platform, serverUrl: diarium.serverUrl, version: diarium.version, keys: Object.keys(diarium).sort() }
        : null;
    });
    const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    expect(bridge).toEqual({
      platform: 'desktop',
      serverUrl: server.url,
      version,
      keys: [...BRIDGE_METHODS, 'platform', 'serverUrl', 'version'].sort(),
    });
    // A round trip through the main process: the signing service answers, with no key chosen yet.
    const keyStatus = await page.evaluate(() =>
      (globalThis as { diarium?: { signingKeyStatus(): Promise<unknown> } }).diarium?.signingKeyStatus(),
    );
    expect(keyStatus).toEqual({ state: 'none' });

    await login(page, 'registrator', 'demo1234');
    await expect(page.getByRole('heading', { name: 'Diariet' })).toBeVisible();
  } finally {
    await app?.close();
    await server.stop();
    await rm(userData, { recursive: true, force: true, maxRetries: 3 });
  }
});
