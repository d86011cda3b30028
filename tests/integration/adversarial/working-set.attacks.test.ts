import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../../shared/src';
import { WORKING_SET_API, type WorkingSetResponse } from '../../../shared/src/protocol/working-set';
import { accessFingerprint, strippedTombstone } from '../../../sync-server/src/sync/pull.service';
import { startTestServer, type TestServer } from '../harness';
import { workingSetCall } from '../working-set-client';
import { Attacker, expectNoSecret, plantSecrets, type Planted } from './attacks';

/*
 * The working-set API and windowed pulls as a lying client uses them: another register's records
 * pinned or opened, settings out of range, forged window positions and fingerprints. Each refusal
 * has one exact code; nothing answered holds more than the caller's own projection.
 */
let server: TestServer;
let planted: Planted;
let attacker: Attacker;

beforeAll(async () => {
  server = await startTestServer();
  planted = await plantSecrets(server);
  attacker = await Attacker.as(server.url, 'registrator2');
}, 60_000);

afterAll(async () => {
  attacker?.close();
  await server?.stop();
});

describe('pins and on-demand opens', () => {
  it("another register's record: 404 not_found, byte for byte the answer for an id that exists nowhere", async () => {
    const { id } = planted.otherRegisterCase;
    const own = await workingSetCall(server.url, attacker.token, 'PUT', WORKING_SET_API.pin('cases', planted.openCase.id));
    expect(own.status).toBe(200);
    const answers = [
      await workingSetCall(server.url, attacker.token, 'PUT', WORKING_SET_API.pin('cases', id)),
      await workingSetCall(server.url, attacker.token, 'PUT', WORKING_SET_API.pin('cases', 'finns-inte')),
      await workingSetCall(server.url, attacker.token, 'DELETE', WORKING_SET_API.pin('cases', id)),
      await workingSetCall(server.url, attacker.token, 'POST', WORKING_SET_API.open, { collection: 'cases', id }),
      await workingSetCall(server.url, attacker.token, 'POST', WORKING_SET_API.open, { collection: 'cases', id: 'finns-inte' }),
    ];
    for (const a of answers) expect([a.status, a.text]).toEqual([404, '{"error":"not_found"}']);
    const view = await workingSetCall<WorkingSetResponse>(server.url, attacker.token, 'GET');
    expect(view.body.pins.map((p) => p.id)).toEqual([planted.openCase.id]);
  });

  it('opening a restricted case answers its projection only: none of its secrets', async () => {
    const opened = await workingSetCall(server.url, attacker.token, 'POST', WORKING_SET_API.open, {
      collection: 'cases',
      id: planted.restrictedCase.id,
    });
    expect(opened.status).toBe(200);
    expect(opened.text).toContain(planted.restrictedCase.id);
    expectNoSecret(opened.text);
  });
});

describe('window settings', () => {
  it('out of range or not a whole number: one exact code each, nothing stored', async () => {
    const before = (await workingSetCall(server.url, attacker.token, 'GET')).text;
    const put = (months: unknown) => workingSetCall(server.url, attacker.token, 'PUT', WORKING_SET_API.root, { months });
    for (const [months, code] of [
      [0, 'window_out_of_range'],
      [121, 'window_out_of_range'],
      [1e9, 'window_out_of_range'],
      [-3, 'window_out_of_range'],
      ['abc', 'window_not_a_number'],
      [1.5, 'window_not_a_number'],
      [null, 'window_not_a_number'],
      [[12], 'window_not_a_number'],
    ] as const) {
      const res = await put(months);
      expect([res.status, res.body], String(months)).toEqual([400, { error: code }]);
    }
    expect((await workingSetCall(server.url, attacker.token, 'GET')).text).toBe(before);
  });
});

describe('forged window positions', () => {
  it('a negative position is refused as a bad message', async () => {
    const res = await attacker.send<{ t: string; code?: string }>({
      t: 'pull',
      collection: 'cases',
      checkpoint: { seq: 0, w: -1 },
      limit: 10,
    });
    expect([res.t, res.code]).toEqual(['error', 'bad_message']);
  });

  it("a position beyond the log's head and another user's fingerprint: only the caller's own projection, and stripped tombstones", async () => {
    const officer = (await server.storage.getRecord('users', planted.ids.officer))!.data as unknown as User;
    const fp = accessFingerprint({ ...officer, secondFactorFresh: false });
    const own = new Map((await attacker.pullAll('cases')).map((r) => [String(r.id), JSON.stringify(r)]));
    const before = attacker.frames.length;
    const forged = await attacker.pullAll('cases', { seq: 0, fp, w: 1_000_000 });
    expect(forged.length).toBeGreaterThan(0);
    for (const r of forged) {
      if (r._deleted === true) expect(r).toEqual(strippedTombstone('cases', String(r.id), String(r.registerId)));
      else expect(JSON.stringify(r)).toBe(own.get(String(r.id)));
    }
    expectNoSecret(attacker.frames.slice(before));
  });
});

describe('forged first-download cursors', () => {
  it('an unknown tier, an extra field or an oversized key is refused as a bad message', async () => {
    const forged = [
      { tier: 9, key: '', id: '' },
      { tier: -1, key: '', id: '' },
      { tier: 1, key: '', id: '', unit: planted.otherRegisterCase.id },
      { tier: 1, key: 'k'.repeat(65), id: '' },
    ];
    for (const first of forged) {
      const res = await attacker.send<{ t: string; code?: string }>({
        t: 'pull',
        collection: 'cases',
        checkpoint: { seq: 0, w: 0, first },
        limit: 10,
      });
      expect([res.t, res.code], JSON.stringify(first)).toEqual(['error', 'bad_message']);
    }
  });

  it("a cursor at another register's case, or at any tier's start, answers only the caller's own projection", async () => {
    const other = (await server.storage.getRecord('cases', planted.otherRegisterCase.id))!.data;
    const own = new Map((await attacker.pullAll('cases')).map((r) => [String(r.id), JSON.stringify(r)]));
    for (const first of [
      { tier: 1, key: String(other.newestKey), id: planted.otherRegisterCase.id },
      { tier: 0, key: '', id: '' },
      { tier: 3, key: '0', id: '' },
    ]) {
      const before = attacker.frames.length;
      const forged = await attacker.pullAll('cases', { seq: 0, w: 0, first });
      expect(forged.length, JSON.stringify(first)).toBeGreaterThan(0);
      for (const r of forged) {
        if (r._deleted === true) expect(r).toEqual(strippedTombstone('cases', String(r.id), String(r.registerId)));
        else expect(JSON.stringify(r)).toBe(own.get(String(r.id)));
      }
      expect(forged.some((r) => r.id === planted.otherRegisterCase.id)).toBe(false);
      expectNoSecret(attacker.frames.slice(before));
    }
  });
});
