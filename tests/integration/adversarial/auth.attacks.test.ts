import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API,
  AUTH_SUBPROTOCOL_PREFIX,
  SYNC_PATH,
  SYNC_SUBPROTOCOL,
  YJS_PATH_PREFIX,
  YJS_SUBPROTOCOL,
  type LoginResponse,
} from '../../../shared/src';
import { hashPassword } from '../../../sync-server/src/auth/auth.service';
import { LOGIN_ACCOUNT_MAX_FAILURES } from '../../../sync-server/src/auth/rate-limit';
import { parseTrustProxy } from '../../../sync-server/src/http/client-address';
import { SECOND_FACTOR_API, type SecondFactorEnrolStart } from '../../../shared/src/protocol/second-factor';
import { base32Decode, totp } from '../../../sync-server/src/auth/totp';
import { freshAdminToken, issueEnrolmentCode, PASSWORD, RawClient, startTestServer, type TestServer } from '../harness';
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

function login(username: string, password: string, extra: Record<string, unknown> = {}): Promise<Response> {
  return fetch(`${server.url}${API.login}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, ...extra }),
  });
}

async function honestServed(): Promise<void> {
  const honest = await Attacker.as(server.url, 'registrator');
  await expectHonestServed(server, honest, planted.process, planted.ids.registrar);
  honest.close();
}

describe('tokens', () => {
  it('refuses garbage tokens with 401 and no socket', async () => {
    const valid = (await RawClient.token(server.url, 'lasare')).token;
    const garbage = [
      '',
      'x',
      'A'.repeat(199),
      'A'.repeat(5000),
      `${valid}x`,
      valid.slice(0, -1),
      valid.toUpperCase(),
      '../../etc/passwd',
      'null',
      'undefined',
    ];
    for (const t of garbage) {
      // Only tokens a WebSocket client can send as a subprotocol reach the upgrade at all.
      if (/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(t))
        expect(await upgradeStatus([SYNC_SUBPROTOCOL, `${AUTH_SUBPROTOCOL_PREFIX}${t}`]), t.slice(0, 20)).toBe(401);
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
    // A forged author is refused before anything else of the row is looked at.
    expect(claimed.rejected[0]?.code).toBe('forbidden');
    const asOther = await attacker.send<{ t: string; code?: string }>({
      t: 'pull',
      collection: 'cases',
      checkpoint: null,
      limit: 10,
      userId: planted.ids.registrar,
    });
    expect(asOther).toMatchObject({ t: 'error', code: 'bad_message' });
    // What it does write is recorded as the token's user, whatever the record claims.
    const snCase = planted.otherRegisterCase;
    const own = { ...newCase(planted.process, planted.ids.snRegistrar), registerId: 'reg-sn', classCode: snCase.classCode };
    expect((await attacker.push('cases', own)).rejected).toEqual([]);
    const entries = (await server.storage.pullPage('audit', 0, 5000, ['reg-sn'])).filter((e) => e.data.recordId === own.id);
    expect(entries.map((e) => e.data.actorId)).toEqual([planted.ids.snRegistrar]);
    // Its own register's case is the only planted secret it may see.
    expectNoSecret(
      attacker.frames,
      Object.values(SECRETS).filter((s) => s !== SECRETS.otherRegisterTitle),
    );
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
  it('refuses to enrol a second factor on the password alone', async () => {
    // The attacker has the officer's password, nothing else.
    const { token } = await RawClient.token(server.url, 'registrator');
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const enrol = (body?: unknown) =>
      fetch(`${server.url}${SECOND_FACTOR_API.enrolStart}`, {
        method: 'POST',
        headers: auth,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const bare = await enrol();
    expect([bare.status, await bare.json()]).toEqual([400, { error: 'bad_request' }]);
    const guessed = await enrol({ enrolmentCode: 'ABCD-EFGH-JKMN' });
    expect([guessed.status, await guessed.json()]).toEqual([403, { error: 'invalid_enrolment_code' }]);
    // A code issued for someone else does not work for this account, and stays valid for its owner.
    const othersCode = await issueEnrolmentCode(server, 'mote');
    const stolen = await enrol({ enrolmentCode: othersCode });
    expect([stolen.status, await stolen.json()]).toEqual([403, { error: 'invalid_enrolment_code' }]);
    // Nothing was started: the real user can still enrol with a code of their own.
    const status = await fetch(`${server.url}${SECOND_FACTOR_API.status}`, { headers: auth });
    expect(await status.json()).toMatchObject({ enrolled: false, pending: false });
  });

  it('refuses to replace an enrolled second factor without passing it in this session', async () => {
    // The real user enrolled; the attacker signs in with the stolen password and asks for a new app.
    const owner = (await RawClient.token(server.url, 'lasare')).token;
    const ownerAuth = { authorization: `Bearer ${owner}`, 'content-type': 'application/json' };
    const enrolmentCode = await issueEnrolmentCode(server, 'lasare');
    const { secret } = (await (
      await fetch(`${server.url}${SECOND_FACTOR_API.enrolStart}`, {
        method: 'POST',
        headers: ownerAuth,
        body: JSON.stringify({ enrolmentCode }),
      })
    ).json()) as SecondFactorEnrolStart;
    const confirmed = await fetch(`${server.url}${SECOND_FACTOR_API.enrolConfirm}`, {
      method: 'POST',
      headers: ownerAuth,
      body: JSON.stringify({ code: totp(base32Decode(secret), clock) }),
    });
    expect(confirmed.status).toBe(200);
    const { token } = await RawClient.token(server.url, 'lasare');
    const res = await fetch(`${server.url}${SECOND_FACTOR_API.enrolStart}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ replace: true }),
    });
    expect([res.status, await res.json()]).toEqual([403, { error: 'fresh_factor_required' }]);
    // The owner's factor is untouched.
    const status = await fetch(`${server.url}${SECOND_FACTOR_API.status}`, { headers: ownerAuth });
    expect(await status.json()).toMatchObject({ enrolled: true, pending: false, fresh: true });
  });

  it('lets only an administrator of the user’s register issue enrolment codes and reset factors, never for themselves', async () => {
    const ids = planted.ids;
    const post = async (username: string, path: string, userId: string) => {
      const { token } = await RawClient.token(server.url, username);
      const res = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ userId }),
      });
      return [res.status, await res.json()] as const;
    };
    const refused = [403, { error: 'forbidden' }] as const;
    for (const path of [SECOND_FACTOR_API.issueEnrolmentCode, SECOND_FACTOR_API.reset]) {
      // A registrar for a colleague, or for themselves.
      expect(await post('registrator', path, ids.officer)).toEqual(refused);
      expect(await post('registrator', path, ids.registrar)).toEqual(refused);
      // The administrator for a user of another register, for an unknown id, and for themselves.
      expect(await post('admin', path, ids.snRegistrar)).toEqual(refused);
      expect(await post('admin', path, 'usr-finns-inte')).toEqual(refused);
      const adminId = (await RawClient.token(server.url, 'admin')).user.id;
      expect(await post('admin', path, adminId)).toEqual(refused);
    }
  });

  it("refuses to issue an enrolment code or reset a factor on the administrator's password alone", async () => {
    // The attacker holds the administrator's password, not their app: no code to take over 'mote'.
    const stolen = (await RawClient.token(server.url, 'admin')).token;
    const moteId = (await RawClient.token(server.url, 'mote')).user.id;
    const recorded = async () =>
      (await server.storage.pullPage('audit', 0, 1_000_000, null)).filter((e) => e.data.recordId === moteId).length;
    const before = await recorded();
    for (const path of [SECOND_FACTOR_API.issueEnrolmentCode, SECOND_FACTOR_API.reset]) {
      const res = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stolen}`, 'content-type': 'application/json' },
        body: JSON.stringify({ userId: moteId }),
      });
      expect([res.status, await res.json()]).toEqual([403, { error: 'fresh_factor_required' }]);
    }
    expect(await recorded()).toBe(before);
    // The real administrator, with their own factor fresh, may.
    const res = await fetch(`${server.url}${SECOND_FACTOR_API.issueEnrolmentCode}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await freshAdminToken(server)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ userId: moteId }),
    });
    expect(res.status).toBe(200);
  });

  it('refuses a second-factor code replayed within its window', async () => {
    const { token } = await RawClient.token(server.url, 'handlaggare');
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const enrolmentCode = await issueEnrolmentCode(server, 'handlaggare');
    const start = await fetch(`${server.url}${SECOND_FACTOR_API.enrolStart}`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ enrolmentCode }),
    });
    expect(start.status).toBe(200);
    const { secret } = (await start.json()) as SecondFactorEnrolStart;
    const code = totp(base32Decode(secret), clock);
    const confirm = await fetch(`${server.url}${SECOND_FACTOR_API.enrolConfirm}`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ code }),
    });
    expect(confirm.status).toBe(200);
    // The same code again, on this session and on another session of the same user.
    const replay = await fetch(`${server.url}${SECOND_FACTOR_API.verify}`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ code }),
    });
    expect(replay.status).toBe(409);
    expect(await replay.json()).toEqual({ error: 'replayed_code' });
    const other = (await RawClient.token(server.url, 'handlaggare')).token;
    const replay2 = await fetch(`${server.url}${SECOND_FACTOR_API.verify}`, {
      method: 'POST',
      headers: { ...auth, authorization: `Bearer ${other}` },
      body: JSON.stringify({ code }),
    });
    expect(replay2.status).toBe(409);
    const status = await fetch(`${server.url}${SECOND_FACTOR_API.status}`, { headers: { authorization: `Bearer ${other}` } });
    expect(await status.json()).toMatchObject({ enrolled: true, fresh: false });
  });

  it('rate-limits guessing second-factor codes', async () => {
    const { token } = await RawClient.token(server.url, 'kvalitet');
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const enrolmentCode = await issueEnrolmentCode(server, 'kvalitet');
    const start = await fetch(`${server.url}${SECOND_FACTOR_API.enrolStart}`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ enrolmentCode }),
    });
    const { secret } = (await start.json()) as SecondFactorEnrolStart;
    const right = totp(base32Decode(secret), clock);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const wrong = String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0');
      statuses.push(
        (
          await fetch(`${server.url}${SECOND_FACTOR_API.enrolConfirm}`, {
            method: 'POST',
            headers: auth,
            body: JSON.stringify({ code: wrong }),
          })
        ).status,
      );
    }
    expect(statuses).toEqual([...Array<number>(5).fill(400), ...Array<number>(7).fill(429)]);
    // Even the right code is refused while blocked.
    const blocked = await fetch(`${server.url}${SECOND_FACTOR_API.enrolConfirm}`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ code: right }),
    });
    expect(blocked.status).toBe(429);
  });

  it('does not send restricted content to the responsible officer without a fresh second factor', async () => {
    const officer = await Attacker.as(server.url, 'handlaggare');
    const cases = await officer.pullAll('cases');
    expect(cases.find((c) => c.id === planted.restrictedCase.id)).toMatchObject({ title: '', description: '', restrictionKind: 'secrecy' });
    await officer.pullEverything();
    const file = await fetch(`${server.url}${API.files}/${planted.restrictedDocFile.id}`, {
      headers: { authorization: `Bearer ${officer.token}` },
    });
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
    attacker.sendRaw(
      JSON.stringify({
        t: 'push',
        rid: 900001,
        collection: 'cases',
        rows: [{ assumedMasterState: null, newDocumentState: newCase(planted.process, planted.ids.registrar2) }],
      }),
    );
    expect((await attacker.closed).code).toBe(4401);
    expect(attacker.frames.filter((f) => f.includes('"t":"push"'))).toEqual([]);
    expect(await upgradeStatus([SYNC_SUBPROTOCOL, `${AUTH_SUBPROTOCOL_PREFIX}${token}`])).toBe(401);
    expect((await me(token)).status).toBe(401);
    const file = await fetch(`${server.url}${API.files}/${planted.restrictedFile.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(file.status).toBe(401);
    await honestServed();
  });

  it('rate-limits login guessing per account without locking out the owner’s own computer', async () => {
    // The owner signed in on this computer before: the server gave it a device token.
    const owner = (await (await login('arkivarie', PASSWORD)).json()) as LoginResponse;
    const honest = await Attacker.as(server.url, 'registrator');
    // The attacker guesses from the same address (one NAT for the whole office).
    const guesses: number[] = [];
    for (let i = 0; i < 12; i++) guesses.push((await login('arkivarie', `fel${i}`)).status);
    expect(guesses).toEqual([
      ...Array<number>(LOGIN_ACCOUNT_MAX_FAILURES).fill(401),
      ...Array<number>(12 - LOGIN_ACCOUNT_MAX_FAILURES).fill(429),
    ]);
    // Guessing stays stopped: even the right password is refused without the owner's device …
    const attacker = await login('arkivarie', PASSWORD);
    expect([attacker.status, await attacker.json()]).toEqual([429, { error: 'rate_limited' }]);
    // … or with a made-up one, or with another account's device.
    expect((await login('arkivarie', PASSWORD, { device: 'x'.repeat(43) })).status).toBe(429);
    const otherDevice = ((await (await login('mote', PASSWORD)).json()) as LoginResponse).deviceToken;
    expect((await login('arkivarie', PASSWORD, { device: otherDevice })).status).toBe(429);
    // The owner's computer gets in.
    const back = await login('arkivarie', PASSWORD, { device: owner.deviceToken });
    expect(back.status).toBe(200);
    expect(((await back.json()) as LoginResponse).deviceToken).toBe(owner.deviceToken);
    // Clients signed in before the attack keep being served.
    await expectHonestServed(server, honest, planted.process, planted.ids.registrar);
    honest.close();
  });

  it('gives an unknown name and a wrong password the same answer', async () => {
    const unknown = await login('finns-inte', 'fel');
    const wrong = await login('politiker', 'fel');
    expect([unknown.status, await unknown.json()]).toEqual([401, { error: 'invalid_credentials' }]);
    expect([wrong.status, await wrong.json()]).toEqual([401, { error: 'invalid_credentials' }]);
  });

  it('refuses sign-in from a foreign page and anything but a JSON body', async () => {
    const body = JSON.stringify({ username: 'lasare', password: PASSWORD });
    const post = (headers: Record<string, string>) => fetch(`${server.url}${API.login}`, { method: 'POST', headers, body });
    // A page elsewhere posting through its visitor's browser (login spraying, login CSRF).
    const foreign = await post({ 'content-type': 'application/json', origin: 'https://angripare.example' });
    expect([foreign.status, await foreign.json()]).toEqual([403, { error: 'forbidden_origin' }]);
    expect((await post({ 'content-type': 'application/json', origin: 'null' })).status).toBe(403);
    // A cross-site form can only send these types, which need no preflight.
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await post({ 'content-type': type });
      expect([res.status, await res.json()]).toEqual([415, { error: 'unsupported_media_type' }]);
    }
    expect((await fetch(`${server.url}${API.login}`, { method: 'POST', body })).status).toBe(415);
    // The server's own pages and the desktop app sign in.
    expect((await post({ 'content-type': 'application/json; charset=utf-8', origin: server.url })).status).toBe(200);
    expect((await post({ 'content-type': 'application/json', origin: 'app://diarium' })).status).toBe(200);
  });

  it('ends every socket of a session at sign-out, sync and notes, at once', async () => {
    const { token } = await RawClient.token(server.url, 'registrator2');
    const sync = await Attacker.withToken(server.url, token);
    const notes = new WebSocket(`${server.url.replace(/^http/, 'ws')}${YJS_PATH_PREFIX}cases/${planted.openCase.id}`, [
      YJS_SUBPROTOCOL,
      `${AUTH_SUBPROTOCOL_PREFIX}${token}`,
    ]);
    const notesClosed = new Promise<number>((resolve) => notes.once('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      notes.once('open', () => resolve());
      notes.once('unexpected-response', (_req, res) => reject(new Error(`notes upgrade refused ${res.statusCode}`)));
    });
    const out = await fetch(`${server.url}${API.logout}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(out.status).toBe(200);
    // Neither socket sends anything: they are closed by the server, not at their next message.
    expect(await notesClosed).toBe(4401);
    expect((await sync.closed).code).toBe(4401);
  });
});

describe('a password change', () => {
  it("ends the user's other sessions and their sockets, sync and notes, at once; the session that changed it stays", async () => {
    const openNotes = async (token: string) => {
      const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}${YJS_PATH_PREFIX}cases/${planted.openCase.id}`, [
        YJS_SUBPROTOCOL,
        `${AUTH_SUBPROTOCOL_PREFIX}${token}`,
      ]);
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('unexpected-response', (_req, res) => reject(new Error(`notes upgrade refused ${res.statusCode}`)));
      });
      return { ws, closed };
    };
    // A thief signed in with the stolen password; the owner signs in and changes it.
    const thief = (await RawClient.token(server.url, 'kvalitet')).token;
    const owner = (await RawClient.token(server.url, 'kvalitet')).token;
    const [thiefSync, ownerSync] = [await Attacker.withToken(server.url, thief), await Attacker.withToken(server.url, owner)];
    const [thiefNotes, ownerNotes] = [await openNotes(thief), await openNotes(owner)];
    const change = (current: string, next: string) =>
      fetch(`${server.url}${API.password}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/json' },
        body: JSON.stringify({ current, next }),
      });
    const NEW = 'ett-nytt-langt-losenord';
    expect((await change(PASSWORD, NEW)).status).toBe(200);
    // The thief's sockets are closed by the server, not at their next message; the session is gone.
    expect(await thiefNotes.closed).toBe(4401);
    expect((await thiefSync.closed).code).toBe(4401);
    expect([(await me(thief)).status, await upgradeStatus([SYNC_SUBPROTOCOL, `${AUTH_SUBPROTOCOL_PREFIX}${thief}`])]).toEqual([401, 401]);
    // The owner's session and sockets go on.
    expect((await me(owner)).status).toBe(200);
    expect((await ownerSync.send<{ t: string }>({ t: 'pull', collection: 'cases', checkpoint: null, limit: 1 })).t).toBe('pull');
    expect(ownerNotes.ws.readyState).toBe(WebSocket.OPEN);
    ownerNotes.ws.close();
    ownerSync.close();
    // The demo password back for later tests (too short for the change form), as an administrator would set it.
    const cred = (await server.storage.getCredentials('kvalitet'))!;
    await server.storage.setCredentials({ ...cred, passwordHash: await hashPassword(PASSWORD) });
  });
});

describe('the per-address ceiling', () => {
  let small: TestServer;
  beforeAll(async () => {
    small = await startTestServer({ loginAddressCeiling: 8 });
  });
  afterAll(async () => {
    await small.stop();
  });

  it('refuses an address spraying many names, but not the devices that signed in before', async () => {
    const post = (username: string, password: string, device?: string) =>
      fetch(`${small.url}${API.login}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password, device }),
      });
    const owner = (await (await post('lasare', PASSWORD)).json()) as LoginResponse;
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await post(`anvandare${i}`, 'fel')).status);
    expect(statuses).toEqual([...Array<number>(8).fill(401), 429, 429]);
    expect((await post('politiker', PASSWORD)).status).toBe(429);
    expect((await post('lasare', PASSWORD, owner.deviceToken)).status).toBe(200);
  });

  it('counts a sprayer forging X-Forwarded-For by its own address while no proxy is trusted', async () => {
    // The ceiling above is spent for loopback; a forged header on each request must not open a new one.
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push(
        (
          await fetch(`${small.url}${API.login}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i}` },
            body: JSON.stringify({ username: `forfalskad${i}`, password: 'fel' }),
          })
        ).status,
      );
    expect(statuses).toEqual([429, 429, 429]);
  });
});

describe('the per-address ceiling behind a trusted reverse proxy', () => {
  let proxied: TestServer;
  beforeAll(async () => {
    // The test connects from loopback: here that is the proxy.
    proxied = await startTestServer({ loginAddressCeiling: 4, trustProxy: parseTrustProxy('127.0.0.1,::1')! });
  });
  afterAll(async () => {
    await proxied.stop();
  });

  it('counts each forwarded client on its own, so one sprayer does not lock out the office behind the proxy', async () => {
    const post = (username: string, forwardedFor: string) =>
      fetch(`${proxied.url}${API.login}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ username, password: 'fel' }),
      }).then((r) => r.status);
    const sprayer: number[] = [];
    // It forges an address before the one the proxy appended: the appended one counts.
    for (let i = 0; i < 6; i++) sprayer.push(await post(`anvandare${i}`, `10.9.9.${i}, 198.51.100.1`));
    expect(sprayer).toEqual([401, 401, 401, 401, 429, 429]);
    expect(await post('registrator', '198.51.100.2')).toBe(401);
  });
});
