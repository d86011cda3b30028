import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { swedishDate, addDays } from '../../shared/src';
import { Attacker, accepted, edit, newCase, newDocument, GROUND } from './adversarial/attacks';
import { openProcess, type Process } from './fixtures';
import WebSocket from 'ws';
import { SyncConnection, type WebSocketFactory } from '../../renderer/src/lib/replica/connection';
import { notificationText } from '../../renderer/src/lib/personal/texts';
import { eventually, startTestServer, type TestServer } from './harness';
import { opResults, personalLists, watchPut } from './personal-client';
import { rawLister } from './adversarial/attacks';

/*
 * Watches, subscriptions and notifications against a real server: queued ops applied once,
 * a colleague's document reaching a subscriber as a notification and a socket message, watches
 * firing once on a fake clock, and items leaving the answer when access to their target goes.
 */
const MINUTE = 60_000;
/** 23:40 in Stockholm (UTC+1): the next Swedish day begins in 20 minutes, well before UTC's. */
let clock = Date.UTC(2026, 11, 7, 22, 40);
let server: TestServer;
let registrar: Attacker;
let colleague: Attacker;
let process: Process;

beforeAll(async () => {
  server = await startTestServer({ now: () => clock, dueWatchTickMs: 40 });
  registrar = await Attacker.as(server.url, 'registrator');
  colleague = await Attacker.as(server.url, 'registrator2');
  process = await openProcess(rawLister(registrar));
}, 60_000);

afterAll(async () => {
  registrar?.close();
  colleague?.close();
  await server?.stop();
});

const personalMessages = (client: Attacker) => client.frames.filter((f) => f === '{"t":"personal"}').length;

describe('queued ops', () => {
  it('a queue sent twice (its answer lost) is applied once', async () => {
    const c = await accepted<{ id: string }>(server, registrar, 'cases', newCase(process, 'usr-registrator'));
    const watchId = randomUUID();
    const queue = [
      watchPut(watchId, 'cases', c.id, '2027-03-01', 'Påminn om yttrande'),
      { opId: randomUUID(), kind: 'subscribe', caseId: c.id },
      { opId: randomUUID(), kind: 'favourite.add', collection: 'cases', recordId: c.id },
      { opId: randomUUID(), kind: 'watch.done', id: watchId, done: true },
    ];
    const first = await opResults(server.url, registrar.token, queue);
    expect(first.every((r) => r.ok)).toBe(true);
    const after = await personalLists(server.url, registrar.token);
    // Sent again, and once more with the watch moved by a later op in between: the old ops change nothing.
    expect(await opResults(server.url, registrar.token, queue)).toEqual(first);
    expect(await personalLists(server.url, registrar.token)).toEqual(after);
    const watch = after.watches.find((w) => w.id === watchId)!;
    expect(watch).toMatchObject({ dueDate: '2027-03-01', note: 'Påminn om yttrande', target: { collection: 'cases', id: c.id } });
    expect(watch.doneAt).not.toBeNull();
    expect(after.subscriptions.map((s) => s.target.id)).toContain(c.id);
    expect(after.favourites.map((f) => f.target.id)).toContain(c.id);
    const stored = (await server.storage.getRecord('cases', c.id))!.data;
    expect(watch.target).toMatchObject({ number: stored.caseNumber, title: stored.title, status: stored.status });
  });
});

describe('subscriptions', () => {
  it("a colleague's new document in a subscribed case: one notification, a socket message, none for the colleague", async () => {
    const c = await accepted<{ id: string; caseNumber: string }>(server, registrar, 'cases', newCase(process, 'usr-registrator'));
    expect(await opResults(server.url, registrar.token, [{ opId: randomUUID(), kind: 'subscribe', caseId: c.id }])).toMatchObject([
      { ok: true },
    ]);
    // The colleague subscribes too: their own document does not notify them.
    expect(await opResults(server.url, colleague.token, [{ opId: randomUUID(), kind: 'subscribe', caseId: c.id }])).toMatchObject([
      { ok: true },
    ]);
    const messages = personalMessages(registrar);
    const doc = newDocument(process, 'usr-registrator2', c.id, { title: 'Yttrande från miljökontoret' });
    await accepted(server, colleague, 'documents', doc);
    await eventually(() => personalMessages(registrar) > messages, 5000, 'the personal message');
    const lists = await personalLists(server.url, registrar.token);
    const mine = lists.notifications.filter((n) => n.target.id === doc.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      kind: 'document_added',
      readAt: null,
      detail: { caseId: c.id },
      target: { title: 'Yttrande från miljökontoret' },
    });
    expect(lists.unread).toBeGreaterThanOrEqual(1);
    expect((await personalLists(server.url, colleague.token)).notifications.filter((n) => n.target.id === doc.id)).toEqual([]);
    // An edit of the document (still in the case) is not a new document.
    await edit(server, colleague, 'documents', doc.id, { title: 'Yttrande, rättad titel' });
    expect((await personalLists(server.url, registrar.token)).notifications.filter((n) => n.target.id === doc.id)).toHaveLength(1);
    // Read: marked, and unread drops.
    expect(
      await opResults(server.url, registrar.token, [{ opId: randomUUID(), kind: 'notification.read', id: mine[0]!.id }]),
    ).toMatchObject([{ ok: true }]);
    const read = await personalLists(server.url, registrar.token);
    expect(read.notifications.find((n) => n.id === mine[0]!.id)?.readAt).toBe(clock);
    expect(read.unread).toBe(lists.unread - 1);
  });
});

describe('case status', () => {
  it("a subscribed case's status change by someone else notifies, with the status reached", async () => {
    const c = await accepted<{ id: string }>(server, registrar, 'cases', newCase(process, 'usr-registrator'));
    expect(await opResults(server.url, registrar.token, [{ opId: randomUUID(), kind: 'subscribe', caseId: c.id }])).toMatchObject([
      { ok: true },
    ]);
    const qa = await Attacker.as(server.url, 'kvalitet');
    try {
      expect((await edit(server, qa, 'cases', c.id, { status: 'registered' })).rejected).toEqual([]);
    } finally {
      qa.close();
    }
    const made = (await personalLists(server.url, registrar.token)).notifications.filter((n) => n.target.id === c.id);
    expect(made).toMatchObject([{ kind: 'case_status', detail: { status: 'registered' }, target: { status: 'registered' } }]);
    expect(notificationText(made[0]!)).toBe('Ärendet du prenumererar på har fått status Registrerat');
  });
});

describe("the app's connection", () => {
  it('hears the personal message as its own event; pulls in flight still get their answers and no change is reported', async () => {
    const c = await accepted<{ id: string }>(server, registrar, 'cases', newCase(process, 'usr-registrator'));
    expect(await opResults(server.url, registrar.token, [{ opId: randomUUID(), kind: 'subscribe', caseId: c.id }])).toMatchObject([
      { ok: true },
    ]);
    const conn = new SyncConnection(server.url, registrar.token, WebSocket as unknown as WebSocketFactory, fetch);
    let heard = 0;
    let changes = 0;
    conn.personal.subscribe(() => heard++);
    conn.changed.subscribe((e) => e.collection === 'parties' && changes++);
    conn.start();
    try {
      expect(await conn.waitOpen(5000)).toBe(true);
      const pull = conn.request({ t: 'pull', collection: 'parties', checkpoint: null, limit: 5 });
      await accepted(server, colleague, 'documents', newDocument(process, 'usr-registrator2', c.id));
      expect((await pull).t).toBe('pull');
      await eventually(() => heard > 0, 5000, 'the personal event');
      expect(changes).toBe(0);
    } finally {
      conn.stop();
    }
  });
});

describe('watches on the server clock', () => {
  it('a watch fires once when its Swedish day comes, again only for a new due date, never when done', async () => {
    const c = await accepted<{ id: string }>(server, registrar, 'cases', newCase(process, 'usr-registrator'));
    const today = swedishDate(clock);
    const tomorrow = addDays(today, 1);
    const watchId = randomUUID();
    expect(await opResults(server.url, registrar.token, [watchPut(watchId, 'cases', c.id, tomorrow, 'Kontrollera svar')])).toMatchObject([
      { ok: true },
    ]);
    const fired = async () => (await personalLists(server.url, registrar.token)).notifications.filter((n) => n.detail.watchId === watchId);
    // Ticks pass before midnight in Sweden: nothing fires.
    await new Promise((r) => setTimeout(r, 200));
    expect(await fired()).toEqual([]);
    const messages = personalMessages(registrar);
    clock += 30 * MINUTE; // 00:10 in Stockholm, still 23:10 UTC
    expect(swedishDate(clock)).toBe(tomorrow);
    const once = await eventually(
      async () => {
        const f = await fired();
        return f.length > 0 ? f : null;
      },
      5000,
      'the due notification',
    );
    expect(once).toHaveLength(1);
    expect(once[0]).toMatchObject({ kind: 'watch_due', target: { id: c.id }, detail: { dueDate: tomorrow } });
    await eventually(() => personalMessages(registrar) > messages, 5000, 'the personal message');
    // More ticks, later that day: still one.
    clock += 60 * MINUTE;
    await new Promise((r) => setTimeout(r, 300));
    expect(await fired()).toHaveLength(1);
    // A new due date (the day before, so due at once) fires once more.
    expect(await opResults(server.url, registrar.token, [watchPut(watchId, 'cases', c.id, today, 'Kontrollera svar')])).toMatchObject([
      { ok: true },
    ]);
    await eventually(async () => (await fired()).length === 2, 5000, 'the second notification');
    // Marked done in the same queue that set it due: it never fires.
    const doneId = randomUUID();
    expect(
      await opResults(server.url, registrar.token, [
        watchPut(doneId, 'cases', c.id, today),
        { opId: randomUUID(), kind: 'watch.done', id: doneId, done: true },
      ]),
    ).toMatchObject([{ ok: true }, { ok: true }]);
    await new Promise((r) => setTimeout(r, 300));
    expect((await personalLists(server.url, registrar.token)).notifications.filter((n) => n.detail.watchId === doneId)).toEqual([]);
  });
});

describe('access', () => {
  it('a restricted target loses its title in the answer; a target the user can no longer read leaves it, and returns with access', async () => {
    const c = await accepted<{ id: string }>(
      server,
      registrar,
      'cases',
      newCase(process, 'usr-registrator', { title: 'Personalärende Svensson' }),
    );
    const watchId = randomUUID();
    expect(
      await opResults(server.url, colleague.token, [
        watchPut(watchId, 'cases', c.id, '2030-01-01'),
        { opId: randomUUID(), kind: 'favourite.add', collection: 'cases', recordId: c.id },
      ]),
    ).toMatchObject([{ ok: true }, { ok: true }]);
    expect(JSON.stringify(await personalLists(server.url, colleague.token))).toContain('Personalärende Svensson');
    const restricted = await edit(server, registrar, 'cases', c.id, { restrictionKind: 'secrecy', legalGround: GROUND });
    expect(restricted.rejected).toEqual([]);
    const afterRestriction = await personalLists(server.url, colleague.token);
    expect(JSON.stringify(afterRestriction)).not.toContain('Personalärende Svensson');
    expect(afterRestriction.watches.find((w) => w.id === watchId)?.target.title).toBe('');

    await server.admin.updateUser('usr-registrator2', { registerIds: ['reg-sn'] });
    const gone = await personalLists(server.url, colleague.token);
    expect(gone.watches.find((w) => w.id === watchId)).toBeUndefined();
    expect(gone.favourites.find((f) => f.target.id === c.id)).toBeUndefined();

    await server.admin.updateUser('usr-registrator2', { registerIds: ['reg-ks'] });
    const back = await personalLists(server.url, colleague.token);
    expect(back.watches.find((w) => w.id === watchId)).toBeDefined();
    expect(back.favourites.find((f) => f.target.id === c.id)).toBeDefined();
  });
});

describe('housekeeping on the server clock', () => {
  it('a read notification goes 90 days after it was read, an unread one after a year; newer ones stay', async () => {
    const c = await accepted<{ id: string }>(server, registrar, 'cases', newCase(process, 'usr-registrator'));
    const today = swedishDate(clock);
    const [readId, unreadId] = [randomUUID(), randomUUID()];
    expect(
      await opResults(server.url, registrar.token, [watchPut(readId, 'cases', c.id, today), watchPut(unreadId, 'cases', c.id, today)]),
    ).toMatchObject([{ ok: true }, { ok: true }]);
    // Months pass on the fake clock, so sessions expire: each look signs in afresh.
    let token = registrar.token;
    const signInAgain = async () => {
      const me = await Attacker.as(server.url, 'registrator');
      token = me.token;
      me.close();
    };
    const ofWatch = async (watchId: string) =>
      (await personalLists(server.url, token)).notifications.find((n) => n.detail.watchId === watchId);
    const read = await eventually(() => ofWatch(readId), 5000, 'the first notification');
    await eventually(() => ofWatch(unreadId), 5000, 'the second notification');
    expect(await opResults(server.url, registrar.token, [{ opId: randomUUID(), kind: 'notification.read', id: read.id }])).toMatchObject([
      { ok: true },
    ]);

    clock += 89 * 24 * 60 * MINUTE;
    await signInAgain();
    await new Promise((r) => setTimeout(r, 300));
    expect(await ofWatch(readId)).toBeDefined();

    clock += 2 * 24 * 60 * MINUTE;
    await signInAgain();
    await eventually(async () => (await ofWatch(readId)) === undefined, 5000, 'the read notification pruned');
    expect(await ofWatch(unreadId)).toBeDefined();

    clock += 275 * 24 * 60 * MINUTE;
    await signInAgain();
    await eventually(async () => (await ofWatch(unreadId)) === undefined, 5000, 'the unread notification pruned after a year');
  });
});
