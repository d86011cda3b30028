import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, Document } from '../../shared/src';
import { loadWorkingSet, openRecord, setPinned, setWindowMonths } from '../../renderer/src/lib/commands/working-set';
import { openOnDemand } from '../../renderer/src/lib/replica/open-on-demand';
import { newCase, newIncoming, openProcess, tinyPdf } from './fixtures';
import { connectClient, eventually, RawClient, startTestServer, type TestClient, type TestServer } from './harness';

/**
 * The client's working-set commands against the real sync server: the setting, pins, and the
 * on-demand open of a closed case of another officer (outside registrator's window), whose
 * answer the view shows while replication brings the same case into a real replica.
 */
let server: TestServer;
let session: { serverUrl: string; token: string };
let other: RawClient;
let outside: Case;
let outsideDoc: Document;
let snCase: Case;
let client: TestClient;

async function push(raw: RawClient, collection: string, before: object | null, after: object): Promise<void> {
  const res = await raw.send<{ rejected: unknown[] }>({
    t: 'push',
    collection,
    rows: [{ assumedMasterState: before && { ...before, _deleted: false }, newDocumentState: { ...after, _deleted: false } }],
  });
  expect(res.rejected).toEqual([]);
}

async function current<T extends { id: string }>(raw: RawClient, collection: string, id: string): Promise<T> {
  const res = await raw.send<{ documents: T[] }>({ t: 'pull', collection, checkpoint: null, limit: 2000 });
  return res.documents.find((r) => r.id === id)!;
}

const lister = (raw: RawClient) => ({
  find: async <T>(c: 'classes' | 'doctypes') =>
    (await raw.send<{ documents: T[] }>({ t: 'pull', collection: c, checkpoint: null, limit: 2000 })).documents,
});

beforeAll(async () => {
  server = await startTestServer();
  other = await RawClient.as(server.url, 'registrator2');
  const otherUser = (await RawClient.token(server.url, 'registrator2')).user;
  const p = await openProcess(lister(other));
  // A closed case of registrator2: not open, not registrator's own work, so outside their window.
  outside = newCase(otherUser.id, p, 'Utredning om Kvarnbovägen');
  outsideDoc = newIncoming(otherUser.id, p, outside.id, 'Skrivelse om Kvarnbovägen');
  await push(other, 'cases', null, outside);
  await push(other, 'documents', null, outsideDoc);
  const up = await fetch(`${server.url}/api/files?${new URLSearchParams({ documentId: outsideDoc.id, name: 'skrivelse.pdf' })}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${other.token}` },
    body: new Uint8Array(tinyPdf('Kvarnbo')),
  });
  expect(up.status).toBe(201);
  const qa = await RawClient.as(server.url, 'kvalitet');
  const unchecked = await current<Case>(qa, 'cases', outside.id);
  await push(qa, 'cases', unchecked, { ...unchecked, status: 'registered' });
  qa.close();
  const registered = await current<Case>(other, 'cases', outside.id);
  await push(other, 'cases', registered, { ...registered, status: 'closed' });

  const sn = await RawClient.as(server.url, 'sn.registrator');
  const snUser = (await RawClient.token(server.url, 'sn.registrator')).user;
  snCase = newCase(snUser.id, await openProcess(lister(sn), 'reg-sn'), 'Socialnämndens ärende');
  await push(sn, 'cases', null, snCase);
  sn.close();

  const login = await RawClient.token(server.url, 'registrator');
  session = { serverUrl: server.url, token: login.token };
  client = await connectClient(server, 'registrator');
  await client.replica.awaitInitialSync();
});

afterAll(async () => {
  other?.close();
  await client?.close();
  await server?.stop();
});

describe('the window setting', () => {
  it('starts at 12 months; a valid value is stored, one out of range is refused before it is sent', async () => {
    expect(await loadWorkingSet(session)).toEqual({ ok: true, months: 12, pins: [] });
    expect(await setWindowMonths(session, '24')).toEqual({ ok: true, months: 24 });
    expect(await setWindowMonths(session, '121')).toEqual({ ok: false, error: 'window_out_of_range' });
    expect(await setWindowMonths(session, 'tolv')).toEqual({ ok: false, error: 'window_not_a_number' });
    expect(await loadWorkingSet(session)).toMatchObject({ ok: true, months: 24 });
    expect(await setWindowMonths(session, 12)).toEqual({ ok: true, months: 12 });
  });
});

describe('pins', () => {
  it('a readable case is pinned and unpinned; another register\'s case and a random id get the same "not_found"', async () => {
    expect(await setPinned(session, 'cases', outside.id, true)).toEqual({ ok: true, pinned: true });
    const state = await loadWorkingSet(session);
    expect(state.ok && state.pins.filter((p) => p.kind === 'pin').map((p) => [p.collection, p.id])).toEqual([['cases', outside.id]]);
    expect(await setPinned(session, 'cases', outside.id, false)).toEqual({ ok: true, pinned: false });
    expect(await setPinned(session, 'cases', snCase.id, true)).toEqual({ ok: false, error: 'not_found' });
    expect(await setPinned(session, 'cases', randomUUID(), true)).toEqual({ ok: false, error: 'not_found' });
    const after = await loadWorkingSet(session);
    expect(after.ok && after.pins.filter((p) => p.kind === 'pin')).toEqual([]);
  });
});

describe('on-demand open', () => {
  it('a case outside the window is not in the replica; open answers it with its documents and files, then the replica holds it', async () => {
    expect(await client.replica.db.cases.findOne(outside.id).exec()).toBeNull();
    const opened = await openOnDemand(session, true, 'documents', outsideDoc.id);
    expect(opened.state).toBe('server');
    if (opened.state !== 'server') return;
    expect(opened.records.cases.map((c) => [c.id, c.status, c.title])).toEqual([[outside.id, 'closed', 'Utredning om Kvarnbovägen']]);
    expect(opened.records.documents.map((d) => d.id)).toEqual([outsideDoc.id]);
    expect(opened.records.files.map((f) => f.documentId)).toEqual([outsideDoc.id]);
    // Replication, not the answer, brings it into the replica.
    await eventually(async () => await client.replica.db.cases.findOne(outside.id).exec(), 20_000, 'opened case replicated');
    await eventually(async () => await client.replica.db.documents.findOne(outsideDoc.id).exec(), 20_000, 'its document replicated');
  });

  it('another register\'s case and a random id: "gone", and the replica is untouched', async () => {
    const before = (await client.replica.db.cases.find().exec()).length;
    expect(await openOnDemand(session, true, 'cases', snCase.id)).toEqual({ state: 'gone' });
    expect(await openRecord(session, 'cases', randomUUID())).toEqual({ ok: false, error: 'not_found' });
    expect(await openRecord(session, 'documents', randomUUID())).toEqual({ ok: false, error: 'not_found' });
    expect((await client.replica.db.cases.find().exec()).length).toBe(before);
    expect(await client.replica.db.cases.findOne(snCase.id).exec()).toBeNull();
  });
});
