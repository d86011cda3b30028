/**
 * Desktop smoke test (`npm run test:electron`, which runs `electron-vite build` first): the real
 * Electron app (out/main/index.js) against a real sync server. Runs only where the Electron
 * binary exists; elsewhere it fails with a clear message (it never skips).
 */
import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

export default defineConfig({
  testDir: here,
  testMatch: '**/*.spec.ts',
  outputDir: path.join(root, 'test-results/electron'),
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: 'list',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  use: { trace: 'retain-on-failure' },
});
