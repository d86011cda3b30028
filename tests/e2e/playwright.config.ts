/**
 * End-to-end tests: a real browser (Chromium) against a real sync server that serves the
 * web-mode build (out/renderer; `npm run test:e2e` builds it first). Each worker starts its own
 * server with its own fresh data folder (fixtures.ts).
 */
import { chromium, defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * Which Chromium: Debian's /usr/bin/chromium when present (Playwright cannot download its own
 * browser here), else Playwright's own build, else a clear failure. A missing browser must fail
 * the run, never skip it.
 */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

interface BrowserChoice {
  /** Passed to launchOptions.executablePath; undefined = Playwright's own browser. */
  executablePath: string | undefined;
  args: string[];
  description: string;
}

function chooseChromium(): BrowserChoice {
  if (existsSync(SYSTEM_CHROMIUM)) {
    return { executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS, description: `Debian Chromium (${SYSTEM_CHROMIUM})` };
  }
  let bundled: string | null = null;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = null;
  }
  if (bundled && existsSync(bundled)) {
    return { executablePath: undefined, args: CHROMIUM_ARGS, description: `Playwright's Chromium (${bundled})` };
  }
  throw new Error(
    [
      'No Chromium for the end-to-end tests.',
      `  - ${SYSTEM_CHROMIUM} does not exist: install it with`,
      '      apt-get update && apt-get install -y --no-install-recommends chromium',
      `  - Playwright's own browser is not installed${bundled ? ` (expected at ${bundled})` : ''}: npx playwright install chromium`,
      'The end-to-end tests do not skip without a browser; they fail.',
    ].join('\n'),
  );
}

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const browser = chooseChromium();

export default defineConfig({
  testDir: here,
  testMatch: '**/*.spec.ts',
  outputDir: path.join(root, 'test-results/e2e'),
  // Two cores: two workers, each with its own browser and server.
  workers: 2,
  fullyParallel: false,
  retries: 0,
  forbidOnly: true,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  metadata: { browser: browser.description },
  use: {
    ...devices['Desktop Chrome'],
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: browser.executablePath,
      args: browser.args,
    },
  },
  projects: [{ name: 'chromium' }],
});
