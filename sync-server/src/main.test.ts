import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_MIGRATIONS } from './storage/migrations';

/** The server as operations start it: `npm run server -- …` is `tsx sync-server/src/main.ts …`. */
function runServer(args: string[], dataDir: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'main.ts'), ...args], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0' },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-main-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const userVersion = () => {
  const db = new Database(path.join(dataDir, 'diarium.sqlite'), { readonly: true });
  try {
    return db.pragma('user_version', { simple: true });
  } finally {
    db.close();
  }
};

// Each case starts Node with tsx: seconds on a busy machine.
describe('main', { timeout: 60_000 }, () => {
  it('--migrate-only migrates the data folder and exits 0 without listening', () => {
    const run = runServer(['--migrate-only'], dataDir);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain('listening');
    expect(run.stderr).toContain('data folder migrated; not listening (--migrate-only)');
    expect(userVersion()).toBe(SCHEMA_MIGRATIONS.length);
  });

  it('refuses a data folder from a newer server with a clear message and a non-zero exit', () => {
    const db = new Database(path.join(dataDir, 'diarium.sqlite'));
    db.pragma('user_version = 999');
    db.close();
    for (const args of [[], ['--migrate-only']]) {
      const run = runServer(args, dataDir);
      expect(run.status).toBe(1);
      expect(run.stdout).not.toContain('listening');
      expect(run.stderr).toContain('is at schema version 999, but this server knows versions up to');
    }
    expect(userVersion()).toBe(999);
  });
});
