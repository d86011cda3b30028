/**
 * A production server starts empty (no demo accounts with known passwords); its first
 * administrator comes from `npm run admin -- create-admin`, whose one-time password opens a
 * session that can do nothing but replace it. Both the command and the server run as in
 * production: real processes on a real data folder.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, AUTH_SUBPROTOCOL_PREFIX, SYNC_PATH, SYNC_SUBPROTOCOL, type LoginResponse } from '../../../shared/src';
import { SECOND_FACTOR_API } from '../../../shared/src/protocol/second-factor';
import { PASSWORD } from '../harness';

const dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-first-admin-'));
let server: ChildProcess | null = null;
let url = '';

/** The environment of a production start: no demo switch, whatever the test runner has set. */
function productionEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DIARIUM_DEMO;
  delete env.DIARIUM_DEV_TEST_KEY;
  return env;
}

function admin(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], { env: productionEnv(), encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function login(username: string, password: string): Promise<Response> {
  return fetch(`${url}${API.login}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

function upgradeStatus(token: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${SYNC_PATH}`, [SYNC_SUBPROTOCOL, `${AUTH_SUBPROTOCOL_PREFIX}${token}`]);
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('error', () => undefined);
  });
}

let created: { password: string; enrolmentCode: string };

beforeAll(async () => {
  const out = admin('create-admin', 'chef');
  expect(out.status, out.stderr).toBe(0);
  created = {
    password: /One-time password: (\S+)/.exec(out.stdout)![1]!,
    enrolmentCode: /Second-factor enrolment code: (\S+)/.exec(out.stdout)![1]!,
  };
  const proc = spawn(process.execPath, ['--import', 'tsx', 'sync-server/src/main.ts'], {
    env: { ...productionEnv(), PORT: '0', STATIC_DIR: path.join(dataDir, 'no-web') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = proc;
  url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    proc.stdout!.on('data', (d: Buffer) => {
      buffered += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(buffered);
      if (m) resolve(m[1]!);
    });
    proc.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
}, 60_000);

afterAll(() => {
  server?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a production server', () => {
  it('has no demo accounts', async () => {
    for (const username of ['admin', 'registrator', 'handlaggare']) {
      const res = await login(username, PASSWORD);
      expect([res.status, await res.json()]).toEqual([401, { error: 'invalid_credentials' }]);
    }
  });

  it('refuses create-admin for a name that exists and for bad input', () => {
    expect(admin('create-admin', 'chef')).toMatchObject({ status: 1, stderr: 'create-admin: a user named chef already exists\n' });
    expect(admin('create-admin')).toMatchObject({ status: 2 });
    expect(admin('create-admin', 'a b')).toMatchObject({ status: 1 });
  });

  it('lets a one-time password do nothing but replace itself', async () => {
    const res = await login('chef', created.password);
    expect(res.status).toBe(200);
    const first = (await res.json()) as LoginResponse;
    expect(first.mustChangePassword).toBe(true);
    const bearer = { authorization: `Bearer ${first.token}` };
    // The session is refused everywhere: the API, the sync socket, the second factor, files.
    const me = await fetch(`${url}${API.me}`, { headers: bearer });
    expect([me.status, await me.json()]).toEqual([401, { error: 'password_change_required' }]);
    expect(await upgradeStatus(first.token)).toBe(401);
    const enrol = await fetch(`${url}${SECOND_FACTOR_API.enrolStart}`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify({ enrolmentCode: created.enrolmentCode }),
    });
    expect([enrol.status, await enrol.json()]).toEqual([401, { error: 'unauthorized' }]);
    expect((await fetch(`${url}${API.files}/whatever`, { headers: bearer })).status).toBe(401);
    // Changing it needs the current password, and a new one.
    const change = (current: string, next: string) =>
      fetch(`${url}${API.password}`, {
        method: 'POST',
        headers: { ...bearer, 'content-type': 'application/json' },
        body: JSON.stringify({ current, next }),
      });
    const wrong = await change('gissat-losenord', 'ett-nytt-langt-losenord');
    expect([wrong.status, await wrong.json()]).toEqual([403, { error: 'invalid_credentials' }]);
    expect((await change(created.password, 'ett-nytt-langt-losenord')).status).toBe(200);
    // The same session now works, and the one-time password no longer does.
    expect((await fetch(`${url}${API.me}`, { headers: bearer })).status).toBe(200);
    expect(await upgradeStatus(first.token)).toBe(101);
    expect((await login('chef', created.password)).status).toBe(401);
    const next = (await (await login('chef', 'ett-nytt-langt-losenord')).json()) as LoginResponse;
    expect(next.mustChangePassword).toBe(false);
    expect(next.user.roles).toEqual(['administrator']);
    // The enrolment code create-admin printed enrols the administrator's own second factor.
    const start = await fetch(`${url}${SECOND_FACTOR_API.enrolStart}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${next.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ enrolmentCode: created.enrolmentCode }),
    });
    expect(start.status).toBe(200);
  });
});
