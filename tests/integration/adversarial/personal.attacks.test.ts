import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAL_API } from '../../../shared/src/protocol/personal';
import { startTestServer, type TestServer } from '../harness';
import { opResults, personalLists, sendOps, watchPut } from '../personal-client';
import { workingSetCall } from '../working-set-client';
import { Attacker, accepted, expectNoSecret, newDocument, plantSecrets, type Planted } from './attacks';

/*
 * The personal lists as a lying client uses them: another user's watch and notification ids,
 * targets that do not exist or that the caller may not read, bad dates, a forged user id in the
 * body, too long notes and too many watches. Each refusal has one exact code and nothing is written.
 */
let server: TestServer;
let planted: Planted;
let victim: Attacker;
let attacker: Attacker;
let victimWatch: string;

beforeAll(async () => {
  server = await startTestServer();
  planted = await plantSecrets(server);
  victim = await Attacker.as(server.url, 'registrator');
  attacker = await Attacker.as(server.url, 'registrator2');
  victimWatch = randomUUID();
  expect(
    await opResults(server.url, victim.token, [watchPut(victimWatch, 'cases', planted.openCase.id, '2030-01-01', 'min anteckning')]),
  ).toMatchObject([{ ok: true }]);
}, 60_000);

afterAll(async () => {
  attacker?.close();
  victim?.close();
  await server?.stop();
});

const state = async () =>
  JSON.stringify(await personalLists(server.url, victim.token)) + JSON.stringify(await personalLists(server.url, attacker.token));

describe("another user's rows", () => {
  it("another user's watch id: not_found for every op on it, and the watch is untouched", async () => {
    const before = await state();
    const ops = [
      { opId: 'o1', kind: 'watch.done', id: victimWatch, done: true },
      { opId: 'o2', kind: 'watch.remove', id: victimWatch },
      watchPut(victimWatch, 'cases', planted.openCase.id, '2026-01-01', 'kapad'),
    ];
    const results = await opResults(server.url, attacker.token, ops);
    expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['not_found', 'not_found', 'not_found']);
    expect(await state()).toBe(before);
  });

  it("another user's watch id answers byte for byte as a watch id that exists nowhere", async () => {
    const theirs = await sendOps(server.url, attacker.token, [{ opId: 'same', kind: 'watch.remove', id: victimWatch }]);
    const nowhere = await sendOps(server.url, attacker.token, [{ opId: 'same', kind: 'watch.remove', id: 'finns-inte' }]);
    expect(theirs.status).toBe(200);
    expect(theirs.text).toBe(nowhere.text);
    expect(theirs.body.results).toEqual([{ opId: 'same', ok: false, code: 'not_found' }]);
  });

  it("another user's notification: not_found, and it stays unread", async () => {
    const caseId = planted.openCase.id;
    expect(await opResults(server.url, victim.token, [{ opId: randomUUID(), kind: 'subscribe', caseId }])).toMatchObject([{ ok: true }]);
    // The attacker's colleague-like act: a document added to the case the victim subscribes to.
    await accepted(server, attacker, 'documents', newDocument(planted.process, planted.ids.registrar2, caseId));
    const notification = (await personalLists(server.url, victim.token)).notifications.find((n) => n.kind === 'document_added');
    expect(notification).toBeDefined();
    const results = await opResults(server.url, attacker.token, [{ opId: randomUUID(), kind: 'notification.read', id: notification!.id }]);
    expect(results).toMatchObject([{ ok: false, code: 'not_found' }]);
    expect((await personalLists(server.url, victim.token)).notifications.find((n) => n.id === notification!.id)?.readAt).toBeNull();
  });
});

describe('targets', () => {
  it('a record of another register and one that exists nowhere: not_found, byte for byte alike, for watches, subscriptions and favourites', async () => {
    const before = await state();
    const other = planted.otherRegisterCase.id;
    const pairs: [Record<string, unknown>, Record<string, unknown>][] = [
      [
        { opId: 'p', kind: 'watch.put', id: 'w-x', targetCollection: 'cases', targetId: other, dueDate: '2027-01-01', note: '' },
        { opId: 'p', kind: 'watch.put', id: 'w-x', targetCollection: 'cases', targetId: 'finns-inte', dueDate: '2027-01-01', note: '' },
      ],
      [
        { opId: 'p', kind: 'subscribe', caseId: other },
        { opId: 'p', kind: 'subscribe', caseId: 'finns-inte' },
      ],
      [
        { opId: 'p', kind: 'favourite.add', collection: 'cases', recordId: other },
        { opId: 'p', kind: 'favourite.add', collection: 'cases', recordId: 'finns-inte' },
      ],
    ];
    for (const [unreadable, missing] of pairs) {
      const a = await sendOps(server.url, attacker.token, [unreadable]);
      const b = await sendOps(server.url, attacker.token, [missing]);
      expect(a.body.results).toEqual([{ opId: 'p', ok: false, code: 'not_found' }]);
      expect(a.text).toBe(b.text);
    }
    expect(await state()).toBe(before);
  });

  it('a restricted case is answered with its projection only: number and status, none of its secrets', async () => {
    const id = randomUUID();
    expect(await opResults(server.url, attacker.token, [watchPut(id, 'cases', planted.restrictedCase.id, '2030-01-01')])).toMatchObject([
      { ok: true },
    ]);
    const res = await workingSetCall(server.url, attacker.token, 'GET', PERSONAL_API.root);
    expect(res.text).toContain(planted.restrictedCase.caseNumber);
    expectNoSecret(res.text);
    expect(await opResults(server.url, attacker.token, [{ opId: randomUUID(), kind: 'watch.remove', id }])).toMatchObject([{ ok: true }]);
  });
});

describe('values', () => {
  it('a due date that is not a day: invalid_date, nothing stored', async () => {
    const before = await state();
    for (const dueDate of ['2026-02-30', '2026-13-01', '26-12-07', '2026-12-07T00:00', '', '1899-12-31', 'idag']) {
      const results = await opResults(server.url, attacker.token, [watchPut(randomUUID(), 'cases', planted.openCase.id, dueDate)]);
      expect(
        results.map((r) => (r.ok ? 'ok' : r.code)),
        dueDate,
      ).toEqual(['invalid_date']);
    }
    expect(await state()).toBe(before);
  });

  it('a note over 1000 characters: note_too_long', async () => {
    const results = await opResults(server.url, attacker.token, [
      watchPut(randomUUID(), 'cases', planted.openCase.id, '2027-01-01', 'x'.repeat(1001)),
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['note_too_long']);
  });

  it("a forged user id in the body: unknown_field, and nothing lands on the victim's (or anyone's) lists", async () => {
    const before = await state();
    const forged = [
      { ...watchPut(randomUUID(), 'cases', planted.openCase.id, '2027-01-01'), userId: planted.ids.registrar },
      { opId: randomUUID(), kind: 'subscribe', caseId: planted.openCase.id, userId: planted.ids.registrar },
      { opId: randomUUID(), kind: 'favourite.add', collection: 'cases', recordId: planted.openCase.id, user_id: planted.ids.registrar },
    ];
    const results = await opResults(server.url, attacker.token, forged);
    expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['unknown_field', 'unknown_field', 'unknown_field']);
    expect(await state()).toBe(before);
  });

  it('an unknown kind or a malformed op: invalid_op; a body that is not a list of ops: 400 bad_request', async () => {
    const results = await opResults(server.url, attacker.token, [{ opId: 'a', kind: 'watch.steal', id: victimWatch }, 'nonsense', null]);
    expect(results).toEqual([
      { opId: 'a', ok: false, code: 'invalid_op' },
      { opId: '', ok: false, code: 'invalid_op' },
      { opId: '', ok: false, code: 'invalid_op' },
    ]);
    for (const body of [
      { ops: [] },
      { ops: 'x' },
      { ops: [], userId: 'usr-registrator' },
      { ops: Array.from({ length: 201 }, () => ({})) },
    ]) {
      const res = await workingSetCall(server.url, attacker.token, 'POST', PERSONAL_API.ops, body);
      expect([res.status, res.text]).toEqual([400, '{"error":"bad_request"}']);
    }
  });

  it('without a session: 401 for both routes', async () => {
    const get = await fetch(`${server.url}${PERSONAL_API.root}`);
    const post = await fetch(`${server.url}${PERSONAL_API.ops}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"ops":[]}',
    });
    expect([get.status, await get.text(), post.status, await post.text()]).toEqual([
      401,
      '{"error":"unauthorized"}',
      401,
      '{"error":"unauthorized"}',
    ]);
  });

  it('more than 500 watches: limit_reached for the 501st, nothing beyond stored', async () => {
    const user = await Attacker.as(server.url, 'kvalitet');
    try {
      const target = planted.openCase.id;
      for (let i = 0; i < 500; i += 200) {
        const batch = Array.from({ length: Math.min(200, 500 - i) }, () => watchPut(randomUUID(), 'cases', target, '2030-01-01'));
        expect((await opResults(server.url, user.token, batch)).every((r) => r.ok)).toBe(true);
      }
      const results = await opResults(server.url, user.token, [watchPut(randomUUID(), 'cases', target, '2030-01-01')]);
      expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['limit_reached']);
      expect((await personalLists(server.url, user.token)).watches).toHaveLength(500);
    } finally {
      user.close();
    }
  });
});
