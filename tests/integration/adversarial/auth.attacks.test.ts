import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, AUTH_SUBPROTOCOL_PREFIX, SYNC_PATH, SYNC_SUBPROTOCOL, type PushResponse } from '../../../shared/src';
import { SECOND_FACTOR_API, type SecondFactorEnrolStart } from '../../../shared/src/protocol/second-factor';
import { base32Decode, totp } from '../../../sync-server/src/auth/totp';
import { PASSWORD, RawClient, startTestServer, type TestServer } from '../harness';
import { Attacker, expectHonestServed, expectNoSecret, newCase, plantSecrets, SECRETS, type Planted } from './attacks';

let clock = Date.now();
let server: TestServer;
let planted: Planted;

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
  planted = await plantSecrets(server);
});

afterAll(async () => {
  await server.stop();
});

/** The HTTP status of a sync-socket upgrade with these subprotocols (101 when it opened). */
function upgradeStatus(protocols: string[]): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}${SYNC_PATH}`, protocols);
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('error', () => undefined);
  });
}

function me(token: string): Promise<Response> {
  return fetch(`${server.url}${API.me}`, { headers: { authorization: `Bearer ${token}` } });
}

function login(username: string, password: string): Promise<Response> {
  return fetch(`${server.url}${API.login}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
}

async function honestServed(): Promise<void> {
  const honest = await Attacker.as(server.url, 'registrator');
  await expectHonestServed(server, honest, planted.process, planted.ids.registrar);
  honest.close();
}

describe('tokens', () => {
  it('refuses garbage tokens with 401 and no socket', async () => {
    const valid = (await RawClient.token(server.url, 'lasare')).token;
    const garbage = ['', 'x', 'A'.repeat(199), 'A'.repeat(5000), `${valid}x`, valid.slice(0, -1), valid.toUpperCase(), '../../etc/passwd', 'null', 'undefined'];
    for (const t of garbage) {
      // Only tokens a WebSocket client can send as a subprotocol reach the upgrade at all.
      if (/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(t)) expect(await upgradeStatus([SYNC_SUBPROTOCOL, `${AUTH_SUBPROTOCOL_PREFIX}${t}`]), t.slice(0, 20)).toBe(401);
      expect((await me(t)).status).toBe(401);
    }
    // A garbage token first, the valid one second: the first decides.
    expect(await upgradeStatus([SYNC_SUBPROTOCOL, `${AUTH_SUBPROTOCOL_PREFIX}garbage`, `${AUTH_SUBPROTOCOL_PREFIX}${valid}`])).toBe(401);
    // No sync subprotocol, or none at all.
    expect(await upgradeStatus([`${AUTH_SUBPROTOCOL_PREFIX}${valid}`])).toBe(400);
    expect(await upgradeStatus([])).toBe(400);
    await honestServed();
  });

  it("gives a stolen token only its own user's view, and records that user as the actor", async () => {
    const sn = (await RawClient.token(server.url, 'sn.registrator')).token;
    const attacker = await Attacker.withToken(server.url, sn);
    const all = await attacker.pullEverything();
    expect(all.filter((r) => r.registerId !== 'reg-sn')).toEqual([]);
    // Claiming to be another user in the message changes nothing.
    const claimed = await attacker.push('cases', { ...newCase(planted.process, planted.ids.registrar), createdBy: planted.ids.registrar });
    expect(claimed.rejected[0]?.code).toMatch(/not_member|forbidden/);
    const asOther = await attacker.send<{ t: string; code?: string }>({ t: 'pull', collection: 'cases', checkpoint: null, limit: 10, userId: planted.ids.registrar });
    expect(asOther).toMatchObject({ t: 'error', code: 'bad_message' });
    // What it does write is recorded as the token's user, whatever the record claims.
    const snCase = planted.otherRegisterCase;
    const own = { ...newCase(planted.process, planted.ids.snRegistrar), registerId: 'reg-sn', classCode: snCase.classCode };
    expect((await attacker.push('cases', own)).rejected).toEqual([]);
    const entries = (await server.storage.pullPage('audit', 0, 5000, ['reg-sn'])).filter((e) => e.data.recordId === own.id);
    expect(entries.map((e) => e.data.actorId)).toEqual([planted.ids.snRegistrar]);
    // Its own register's case is the only planted secret it may see.
    expectNoSecret(attacker.frames, Object.values(SECRETS).filter((s) => s !== SECRETS.otherRegisterTitle));
    attacker.close();
  });

  it('refuses a token replayed after logout, on the socket, the API and files', async () => {
    const { token } = await RawClient.token(server.url, 'handlaggare');
    const attacker = await Attacker.withToken(server.url, token);
    const out = await fetch(`${server.url}${API.logout}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(out.status).toBeLessThan(300);
    attacker.sendRaw(JSON.stringify({ t: 'pull', rid: 900001, collection: 'cases', checkpoint: null, limit: 10 }));
    expect((await attacker.closed).code).toBe(4401);
    expect(await upgradeStatus([SYNC_SUBPROTOCOL, `${AUTH_SUBPROTOCOL_PREFIX}${token}`])).toBe(401);
    expect((await me(token)).status).toBe(401);
    const file = await fetch(`${server.url}${API.files}/${planted.restrictedFile.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(file.status).toBe(401);
    expectNoSecret([...attacker.frames, await file.text()]);
  });
});

describe('second factor', () => {
  it('refuses a second-factor code replayed within its window', async () => {
    const { token } = await RawClient.token(server.url, 'handlaggare');
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const start = await fetch(`${server.url}${SECOND_FACTOR_API.enrolStart}`, { method: 'POST', headers: auth });
    expect(start.status).toBe(200);
    const { secret } = (await start.json()) as SecondFactorEnrolStart;
    const code = totp(base32Decode(secret), clock);
    const confirm = await fetch(`${server.url}${SECOND_FACTOR_API.enrolConfirm}`, { method: 'POST', headers: auth, body: JSON.stringify({ code }) });
    expect(confirm.status).toBe(200);
    // The same code again, on this session and on another session of the same user.
    const replay = await fetch(`${server.url}${SECOND_FACTOR_API.verify}`, { method: 'POST', headers: auth, body: JSON.stringify({ code }) });
    expect(replay.status).toBe(409);
    expect(await replay.json()).toEqual({ error: 'replayed_code' });
    const other = (await RawClient.token(server.url, 'handlaggare')).token;
    const replay2 = await fetch(`${server.url}${SECOND_FACTOR_API.verify}`, { method: 'POST', headers: { ...auth, authorization: `Bearer ${other}` }, body: JSON.stringify({ code }) });
    expect(replay2.status).toBe(409);
    const status = await fetch(`${server.url}${SECOND_FACTOR_API.status}`, { headers: { authorization: `Bearer ${other}` } });
    expect(await status.json()).toMatchObject({ enrolled: true, fresh: false });
  });

  it('rate-limits guessing second-factor codes', async () => {
    const { token } = await RawClient.token(server.url, 'kvalitet');
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const start = await fetch(`${server.url}${SECOND_FACTOR_API.enrolStart}`, { method: 'POST', headers: auth });
    const { secret } = (await start.json()) as SecondFactorEnrolStart;
    const right = totp(base32Decode(secret), clock);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const wrong = String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0');
      statuses.push((await fetch(`${server.url}${SECOND_FACTOR_API.enrolConfirm}`, { method: 'POST', headers: auth, body: JSON.stringify({ code: wrong }) })).status);
    }
    expect(statuses).toContain(429);
    // Even the right code is refused while blocked.
    const blocked = await fetch(`${server.url}${SECOND_FACTOR_API.enrolConfirm}`, { method: 'POST', headers: auth, body: JSON.stringify({ code: right }) });
    expect(blocked.status).toBe(429);
  });

  it('does not send restricted content to the responsible officer without a fresh second factor', async () => {
    const officer = await Attacker.as(server.url, 'handlaggare');
    const cases = await officer.pullAll('cases');
    expect(cases.find((c) => c.id === planted.restrictedCase.id)).toMatchObject({ title: '', description: '', restrictionKind: 'secrecy' });
    await officer.pullEverything();
    const file = await fetch(`${server.url}${API.files}/${planted.restrictedDocFile.id}`, { headers: { authorization: `Bearer ${officer.token}` } });
    expect(file.status).toBe(404);
    expectNoSecret([...officer.frames, await file.text()]);
    officer.close();
  });
});

describe('expiry and brute force', () => {
  it('refuses an expired token everywhere and closes its open socket', async () => {
    const { token } = await RawClient.token(server.url, 'registrator2');
    const attacker = await Attacker.withToken(server.url, token);
    clock += 13 * 60 * 60 * 1000;
    attacker.sendRaw(JSON.stringify({ t: 'push', rid: 900001, collection: 'cases', rows: [{ assumedMasterState: null, newDocumentState: newCase(planted.process, planted.ids.registrar2) }] }));
    expect((await attacker.closed).code).toBe(4401);
    expect(attacker.frames.filter((f) => f.includes('"t":"push"'))).toEqual([]);
    expect(await upgradeStatus([SYNC_SUBPROTOCOL, `${AUTH_SUBPROTOCOL_PREFIX}${token}`])).toBe(401);
    expect((await me(token)).status).toBe(401);
    const file = await fetch(`${server.url}${API.files}/${planted.restrictedFile.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(file.status).toBe(401);
    await honestServed();
  });

  it('rate-limits login brute force per name and per address, and keeps serving signed-in clients', async () => {
    const honest = await Attacker.as(server.url, 'registrator');
    const unknownUser = await login('finns-inte', 'fel');
    const knownUser = await login('admin', 'fel');
    // The answers do not tell whether the name exists.
    expect([unknownUser.status, await unknownUser.text()]).toEqual([knownUser.status, await knownUser.text()]);
    for (let i = 0; i < 4; i++) expect((await login('admin', `fel${i}`)).status).toBe(401);
    expect((await login('admin', 'fel')).status).toBe(429);
    expect((await login('admin', PASSWORD)).status).toBe(429);
    // Spraying other names from the same address is blocked too.
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await login(`anvandare${i}`, 'fel')).status);
    expect(statuses).toContain(429);
    expect((await login('lasare', PASSWORD)).status).toBe(429);
    // A client signed in before the attack keeps being served.
    await expectHonestServed(server, honest, planted.process, planted.ids.registrar);
    const res = await honest.send<PushResponse>({ t: 'push', collection: 'cases', rows: [{ assumedMasterState: null, newDocumentState: { ...newCase(planted.process, planted.ids.registrar), _deleted: false } }] });
    expect(res.rejected).toEqual([]);
    honest.close();
  });
});
