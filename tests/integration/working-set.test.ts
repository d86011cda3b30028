import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, CollectionName, PullResponse } from '../../shared/src';
import { WORKING_SET_API, type OpenResponse } from '../../shared/src/protocol/working-set';
import { sampleCase, sampleDocument } from '../../shared/src/testing/samples';
import type { Replica } from '../../renderer/src/lib/replica/replica';
import { FULL_REPLICA_PROTOCOLS, RawClient, connectClient, eventually, startTestServer, type TestClient, type TestServer } from './harness';
import { plant } from './search-client';
import { workingSetCall } from './working-set-client';

/*
 * The replica holds the working set (issue 15), with real RxDB clients on a real server whose
 * clock the test moves: the server's today is 2026-12-07, 23:30 in Stockholm, so one hour on is
 * a new day and the window's start (12 months back) moves past records last changed on its first day.
 */
const ME = 'usr-registrator2';
const OTHER = 'usr-handlaggare';
const FIRST_DAY = '2025-12-07T12:00:00.000Z';
const t0 = Date.now();
let offset = Date.parse('2026-12-07T22:30:00Z') - t0;
const clock = () => Date.now() + offset;

let server: TestServer;
let client: TestClient;
let replica: Replica;
let token: string;

/** A closed case (with one document) last changed on the window's first day, by default the user's own. */
function closedCase(id: string, o: Partial<Case> = {}) {
  const c = sampleCase({
    id,
    registerId: 'reg-ks',
    title: `Ärende ${id}`,
    caseNumber: '',
    serial: 0,
    status: 'closed',
    responsibleUserId: ME,
    createdBy: OTHER,
    createdAt: '2020-01-01T09:00:00.000Z',
    updatedAt: FIRST_DAY,
    partyIds: [],
    ...o,
  });
  const d = sampleDocument({
    id: `${id}-doc`,
    registerId: 'reg-ks',
    caseId: id,
    status: 'registered',
    title: `Handling i ${id}`,
    responsibleUserId: OTHER,
    createdBy: OTHER,
    createdAt: '2020-01-01T09:00:00.000Z',
    updatedAt: '2020-01-01T09:00:00.000Z',
  });
  return [
    ['cases', c],
    ['documents', d],
  ] as [string, { id: string; registerId: string }][];
}

/** Whether the replica's storage holds the record at all (a deleted one too, until it is cleaned up). */
async function onDisk(collection: CollectionName, id: string): Promise<boolean> {
  const found = await replica.db[collection].storageInstance.findDocumentsById([id], true);
  return found.length > 0;
}
const held = async (collection: CollectionName, id: string) => (await replica.db[collection].findOne(id).exec()) !== null;

/** Midnight in Stockholm passes on the server (an hour on: sessions stay valid); the client reconnects and pulls. */
async function nextDay(): Promise<void> {
  offset += 60 * 60 * 1000;
  client.net.down();
  client.net.restore();
  replica.reconnect();
}

beforeAll(async () => {
  server = await startTestServer({ now: clock });
  await plant(server.storage, [
    ...closedCase('ws-ages'),
    ...closedCase('ws-pinned'),
    ...closedCase('ws-pending'),
    ...closedCase('ws-older', { updatedAt: '2025-03-01T12:00:00.000Z', title: 'Äldre ärende' }),
    ...closedCase('ws-others', { responsibleUserId: OTHER, updatedAt: '2020-01-01T09:00:00.000Z', title: 'Annans gamla ärende' }),
  ]);
  client = await connectClient(server, 'registrator2');
  replica = client.replica;
  await replica.awaitInitialSync();
  token = (await RawClient.token(server.url, 'registrator2')).token;
}, 60_000);

afterAll(async () => {
  await client?.close();
  await server?.stop();
});

describe('the replica holds the working set', () => {
  it('holds open work and what the user was responsible for in the window; not older or others\u2019 closed cases', async () => {
    for (const id of ['ws-ages', 'ws-pinned', 'ws-pending']) {
      expect(await held('cases', id), id).toBe(true);
      expect(await held('documents', `${id}-doc`), id).toBe(true);
    }
    expect(await held('cases', 'ws-older')).toBe(false);
    expect(await held('cases', 'ws-others')).toBe(false);
    // The demo register's open cases are all there.
    const open = (await server.storage.pullPage('cases', 0, 10_000, ['reg-ks'])).filter((r) => r.data.status === 'registered');
    expect(open.length).toBeGreaterThan(0);
    for (const r of open) expect(await held('cases', r.id), r.id).toBe(true);
  });

  it('a case that ages out leaves the disk with its documents; a pinned one stays; one with unsent changes stays, then as touched', async () => {
    expect((await workingSetCall(server.url, token, 'PUT', WORKING_SET_API.pin('cases', 'ws-pinned'))).status).toBe(200);
    // Offline, the user edits a case that is about to age out.
    client.net.down();
    const pending = (await replica.db.cases.findOne('ws-pending').exec())!;
    await pending.incrementalPatch({ description: 'Ändrad offline' });
    client.net.restore();
    await nextDay();

    await eventually(async () => !(await onDisk('cases', 'ws-ages')) && !(await onDisk('documents', 'ws-ages-doc')), 20_000, 'aged out');
    await replica.awaitPurged();
    expect(await held('cases', 'ws-pinned')).toBe(true);
    expect(await held('documents', 'ws-pinned-doc')).toBe(true);
    await eventually(
      async () => (await server.storage.getRecord('cases', 'ws-pending'))?.data.description === 'Ändrad offline',
      20_000,
      'sent',
    );
    // Sent: the user changed it today, so it stays in the window, and in the replica.
    await eventually(async () => (await server.storage.workingSets.membersOf(ME, ['ws-pending'])).has('ws-pending'), 20_000, 'member');
    expect((await replica.db.cases.findOne('ws-pending').exec())?.description).toBe('Ändrad offline');
    expect(await held('documents', 'ws-pending-doc')).toBe(true);
  });

  it('a longer setting brings older records back', async () => {
    expect((await workingSetCall(server.url, token, 'PUT', WORKING_SET_API.root, { months: 24 })).status).toBe(200);
    await eventually(async () => (await held('cases', 'ws-older')) && (await held('documents', 'ws-older-doc')), 20_000, 'backfilled');
    // Aged-out records come back too: their last change lies inside 24 months.
    await eventually(() => held('cases', 'ws-ages'), 20_000, 'back in');
  });

  it('opens a case outside the window on demand: answered at once, then replicated', async () => {
    expect(await held('cases', 'ws-others')).toBe(false);
    const opened = await workingSetCall<OpenResponse>(server.url, token, 'POST', WORKING_SET_API.open, {
      collection: 'cases',
      id: 'ws-others',
    });
    expect(opened.status).toBe(200);
    expect(opened.body.records.cases.map((c) => c.title)).toEqual(['Annans gamla ärende']);
    expect(opened.body.records.documents.map((d) => d.id)).toEqual(['ws-others-doc']);
    await eventually(async () => (await held('cases', 'ws-others')) && (await held('documents', 'ws-others-doc')), 20_000, 'replicated');
  });

  it('a protocol-2 client still receives the whole register', async () => {
    const old = await RawClient.as(server.url, 'registrator', FULL_REPLICA_PROTOCOLS);
    try {
      const res = await old.send<PullResponse>({ t: 'pull', collection: 'cases', checkpoint: null, limit: 5000 });
      const ids = res.documents.map((d) => d.id);
      expect(ids).toEqual(expect.arrayContaining(['ws-older', 'ws-others', 'ws-ages']));
      expect(res.checkpoint).not.toHaveProperty('w');
    } finally {
      old.close();
    }
  });
});
