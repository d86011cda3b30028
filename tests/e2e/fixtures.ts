/**
 * Playwright fixtures for end-to-end tests against a real sync server.
 *
 *   import { test, expect, login } from './fixtures';
 *   test('…', async ({ page, server }) => { await page.goto('/'); await login(page, 'registrator', 'demo1234'); });
 *
 * `server` is worker-scoped: one real server per worker (random port, its own fresh temp data
 * folder with the demo register, serving out/renderer), closed and deleted afterwards.
 * `baseURL` is that server, so `page.goto('/')` opens the app.
 *
 * The specs of a worker share that server and its users, so a spec must look only at its own
 * records (unique stamps), never at "the first", "the only", a count or a default. A spec whose
 * view is global (statistics, queues, default selections) or that plants what would change
 * another spec's view takes a server of its own, at the top of the file:
 *
 *   test.use(ownServer(import.meta.url));
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../sync-server/src/app';
import { consoleLogger } from '../../sync-server/src/logger';
import { hashPassword } from '../../sync-server/src/auth/auth.service';
import { issueEnrolmentCode, nextAdminCode } from '../integration/admin-factor';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The web-mode build (`npm run build:web`); DIARIUM_WEB_OUT points elsewhere, as in the vite config. */
export const STATIC_DIR = process.env.DIARIUM_WEB_OUT ?? path.join(root, 'out/renderer');

export interface TestServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  /** The server's own data folder (deleted after the worker). */
  dataDir: string;
  /** Sets a user's password on the server, as an administrator resetting it would. */
  setPassword(username: string, password: string): Promise<void>;
  /** Gives a user a one-time password that must be changed at sign-in (as create-admin does). */
  setOneTimePassword(username: string, password: string): Promise<void>;
  /** A one-time enrolment code for a user's second factor, issued by the demo administrator over the real API. */
  issueEnrolmentCode(username: string): Promise<string>;
  /** A code from the demo administrator's authenticator app (their factor enrolled on first use). */
  adminSecondFactorCode(): Promise<string>;
}

export const DEMO_PASSWORD = 'demo1234';

/** Starts a real server with its own fresh data folder; `stop` closes it and deletes the folder. */
export async function startTestServer(opts: { staticDir: string | null }): Promise<TestServer & { stop(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'diarium-e2e-'));
  let running: Awaited<ReturnType<typeof startServer>>;
  try {
    // Watches that fall due become notifications within a second (the specs wait for them, never a minute).
    running = await startServer({
      dataDir,
      port: 0,
      host: '127.0.0.1',
      staticDir: opts.staticDir,
      seedDemo: true,
      devTestKey: true,
      dueWatchTickMs: 1000,
      // Warnings and errors only: a run's info lines (every sign-in, pull, upload) bury what failed.
      logger: { ...consoleLogger(), info() {} },
    });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  // The demo administrator passes their own second factor through the integration harness (once per server).
  const adminServer = { url: running.url.replace(/\/+$/, ''), storage: running.storage };
  return {
    url: running.url.replace(/\/+$/, ''),
    port: running.port,
    dataDir,
    setPassword: async (username, password) => {
      const credentials = await running.storage.getCredentials(username);
      if (!credentials) throw new Error(`no user ${username}`);
      await running.storage.setCredentials({ ...credentials, passwordHash: await hashPassword(password) });
    },
    setOneTimePassword: async (username, password) => {
      const credentials = await running.storage.getCredentials(username);
      if (!credentials) throw new Error(`no user ${username}`);
      await running.storage.setCredentials({ ...credentials, passwordHash: await hashPassword(password), mustChangePassword: true });
    },
    issueEnrolmentCode: (username) => issueEnrolmentCode(adminServer, username),
    adminSecondFactorCode: () => nextAdminCode(adminServer),
    stop: async () => {
      try {
        await running.close();
      } finally {
        await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
        // The actor register's checkpoint key and checkpoints, kept next to the data folder.
        await rm(`${dataDir}-audit`, { recursive: true, force: true });
      }
    },
  };
}

/** `serverOf` of the specs that share their worker's server. */
const SHARED = 'shared';

/**
 * A server for this spec file alone: a worker-scoped option set to the file's own name, so
 * Playwright runs the file in a worker of its own, which starts a fresh server for it.
 */
export function ownServer(specUrl: string): { serverOf: string } {
  return { serverOf: path.basename(fileURLToPath(specUrl)) };
}

interface WorkerFixtures {
  /** Whose server: the worker's shared one, or a spec file's own (`ownServer`). */
  serverOf: string;
  server: TestServer;
}

export const test = base.extend<Record<never, never>, WorkerFixtures>({
  serverOf: [SHARED, { scope: 'worker', option: true }],
  server: [
    // The option is not read: a different value alone makes Playwright start another worker.
    async ({ serverOf: _serverOf }, use) => {
      if (!existsSync(path.join(STATIC_DIR, 'index.html'))) {
        throw new Error(`No web-mode build in ${STATIC_DIR}: run \`npm run build:web\` first (npm run test:e2e does).`);
      }
      const server = await startTestServer({ staticDir: STATIC_DIR });
      try {
        await use(server);
      } finally {
        await server.stop();
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  baseURL: async ({ server, serverOf }, use, testInfo) => {
    // Named after another file, two specs would share "their own" server again.
    if (serverOf !== SHARED && serverOf !== path.basename(testInfo.file))
      throw new Error(`${path.basename(testInfo.file)} uses the server of ${serverOf}: use ownServer(import.meta.url)`);
    await use(server.url);
  },
});

export { expect };

/** Signs in through the login view (located by its accessible labels). */
export async function login(page: Page, username: string, password: string = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

/** Opens the app, signs in and waits for the first download to finish; gives the sync status. */
export async function signInSynced(page: Page, username: string): Promise<Locator> {
  await page.goto('/');
  await login(page, username);
  const status = page.getByRole('status', { name: 'Synkronisering' });
  await expect(status).toContainText('Ansluten');
  // Both tiers of the first download: "Hämtar diariet…", then "Listan går att använda. Hämtar
  // resten…" (a record opened then may not be in the replica yet and is shown from the server).
  await expect(status).not.toContainText('Hämtar');
  return status;
}

/**
 * Types a process code into a form's Process combobox and takes it with Enter once the list
 * highlights it: the form's classification is read from the replica as the form opens, and an
 * Enter before it is in takes nothing (the form then refuses to save).
 */
export async function chooseProcess(form: Locator, code: string): Promise<void> {
  const box = form.getByRole('combobox', { name: 'Process' });
  const startsWithCode = new RegExp(`^${code.replace(/\./g, '\\.')} `);
  await box.fill(code);
  await expect(form.getByRole('option', { name: startsWithCode }).first()).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');
  await expect(box).toHaveValue(startsWithCode);
}
