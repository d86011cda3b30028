import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newestKey, type Case, type PushResponse } from '../../shared/src';
import { buildCase, buildDocument } from '../../renderer/src/lib/records';
import { RawClient, startTestServer, type TestServer } from './harness';

let server: TestServer;
let registrar: RawClient;
let registrarId: string;
let process: { code: string; doctypeId: string; limitedCode: string };
let existing: Case;

async function countAll(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const c of ['cases', 'documents', 'audit', 'parties'] as const) out[c] = await server.storage.countRecords(c);
  return out;
}

function caseFor(userId: string, overrides: Partial<Case> = {}): Case {
  return {
    ...buildCase({ registerId: 'reg-ks', title: 'Ärende', classCode: process.code, responsibleUserId: userId }, userId, {
      nowMs: Date.now(),
      id: randomUUID(),
    }),
    ...overrides,
  };
}

async function push(
  client: RawClient,
  collection: string,
  newDocumentState: Record<string, unknown>,
  assumedMasterState: Record<string, unknown> | null = null,
) {
  return client.send<PushResponse>({
    t: 'push',
    collection,
    rows: [{ assumedMasterState, newDocumentState: { ...newDocumentState, _deleted: false } }],
  });
}

beforeAll(async () => {
  server = await startTestServer();
  const login = await RawClient.token(server.url, 'registrator');
  registrarId = login.user.id;
  registrar = await RawClient.connect(server.url, login.token);
  // Find an open process, a process limited to a group, and a document type, from the server.
  const classes = await registrar.send<{ documents: Record<string, unknown>[] }>({
    t: 'pull',
    collection: 'classes',
    checkpoint: null,
    limit: 5000,
  });
  const types = await registrar.send<{ documents: Record<string, unknown>[] }>({
    t: 'pull',
    collection: 'doctypes',
    checkpoint: null,
    limit: 5000,
  });
  const covers = (t: Record<string, unknown>, code: string) =>
    (t.classCodes as string[]).some((c) => code === c || code.startsWith(`${c}.`));
  const ks = classes.documents.filter((c) => c.registerId === 'reg-ks' && c.selectable);
  const open = ks.find(
    (c) =>
      (c.registrationGroupIds as string[]).length === 0 &&
      types.documents.some((t) => t.registerId === 'reg-ks' && covers(t, c.code as string)),
  )!;
  const limited = ks.find((c) => (c.registrationGroupIds as string[]).length > 0)!;
  process = {
    code: open.code as string,
    doctypeId: types.documents.find((t) => t.registerId === 'reg-ks' && covers(t, open.code as string))!.id as string,
    limitedCode: limited.code as string,
  };
  const created = caseFor(registrarId, { title: 'Befintligt ärende' });
  const res = await push(registrar, 'cases', created);
  expect(res.rejected).toEqual([]);
  existing = (await server.storage.getRecord('cases', created.id))!.data as unknown as Case;
});

afterAll(async () => {
  registrar.close();
  await server.stop();
});

describe('the server refuses forged pushes and stores nothing of them', () => {
  it('refuses a status jump', async () => {
    const before = await countAll();
    const res = await push(registrar, 'cases', { ...existing, status: 'archived' }, existing);
    expect(res.rejected).toMatchObject([{ id: existing.id, code: 'invalid_status_transition', fields: ['status'] }]);
    expect((await server.storage.getRecord('cases', existing.id))!.data.status).toBe('registered_unchecked');
    expect(await countAll()).toEqual(before);
  });

  it('refuses a new case created directly in a later status', async () => {
    const res = await push(registrar, 'cases', caseFor(registrarId, { status: 'closed' }));
    expect(res.rejected[0]?.code).toBe('invalid_status_transition');
  });

  it('refuses number tampering on new and existing records', async () => {
    const before = await countAll();
    const fresh = caseFor(registrarId, { caseNumber: 'KS 2026-99999', serial: 99999 });
    const res = await push(registrar, 'cases', fresh);
    expect(res.rejected[0]).toMatchObject({ code: 'server_owned_field' });
    expect(await server.storage.getRecord('cases', fresh.id)).toBeNull();
    const res2 = await push(registrar, 'cases', { ...existing, caseNumber: 'KS 2020-00001' }, existing);
    expect(res2.rejected[0]).toMatchObject({ code: 'server_owned_field', fields: ['caseNumber'] });
    expect((await server.storage.getRecord('cases', existing.id))!.data.caseNumber).toBe(existing.caseNumber);
    expect(await countAll()).toEqual(before);
  });

  it('ignores proposed server timestamps and sort keys', async () => {
    const fresh = caseFor(registrarId, {
      createdAt: '1999-01-01T00:00:00.000Z',
      newestKey: newestKey(0),
      registeredDate: '1999-01-01',
      year: 1999,
    });
    const res = await push(registrar, 'cases', fresh);
    expect(res.rejected).toEqual([]);
    const stored = (await server.storage.getRecord('cases', fresh.id))!.data as unknown as Case;
    expect(stored.createdAt).not.toBe('1999-01-01T00:00:00.000Z');
    expect(stored.registeredDate).not.toBe('1999-01-01');
    expect(stored.year).toBeGreaterThan(2000);
  });

  it('refuses missing mandatory fields per direction', async () => {
    const before = await countAll();
    const doc = buildDocument(
      {
        registerId: 'reg-ks',
        caseId: existing.id,
        direction: 'incoming',
        title: 'Brev',
        documentTypeId: process.doctypeId,
        classCode: process.code,
        receivedDate: '',
        sender: '',
      },
      registrarId,
      { nowMs: Date.now(), id: randomUUID() },
    );
    const res = await push(registrar, 'documents', doc as unknown as Record<string, unknown>);
    expect(res.rejected[0]).toMatchObject({ code: 'missing_mandatory_fields' });
    expect(res.rejected[0]!.fields.sort()).toEqual(['receivedDate', 'sender']);
    const blankTitle = await push(registrar, 'cases', caseFor(registrarId, { title: '   ' }));
    expect(blankTitle.rejected[0]).toMatchObject({ code: 'missing_mandatory_fields', fields: ['title'] });
    expect(await countAll()).toEqual(before);
  });

  it('refuses registration in a process limited to a group the user is not in', async () => {
    const before = await countAll();
    // registrator2 is not in the group the process is limited to (registrator is).
    const login = await RawClient.token(server.url, 'registrator2');
    const outsider = await RawClient.connect(server.url, login.token);
    const res = await push(outsider, 'cases', caseFor(login.user.id, { classCode: process.limitedCode }));
    expect(res.rejected[0]).toMatchObject({ code: 'process_not_allowed', fields: ['classCode'] });
    expect(await countAll()).toEqual(before);
    const insider = await push(registrar, 'cases', caseFor(registrarId, { classCode: process.limitedCode }));
    expect(insider.rejected).toEqual([]);
    outsider.close();
  });

  it("refuses another user's identity", async () => {
    const before = await countAll();
    const res = await push(registrar, 'cases', caseFor(registrarId, { createdBy: 'usr-kvalitet' }));
    expect(res.rejected[0]).toMatchObject({ code: 'forbidden', fields: ['createdBy'] });
    expect(await countAll()).toEqual(before);
  });

  it('refuses a register the user is not a member of', async () => {
    const before = await countAll();
    const res = await push(registrar, 'cases', caseFor(registrarId, { registerId: 'reg-sn' }));
    expect(res.rejected[0]).toMatchObject({ code: 'not_member' });
    expect(await countAll()).toEqual(before);
  });

  it('refuses quality assurance by a user without the role, and accepts it from a quality assurer', async () => {
    const res = await push(registrar, 'cases', { ...existing, status: 'registered' }, existing);
    expect(res.rejected[0]).toMatchObject({ code: 'forbidden', fields: ['status'] });
    const qa = await RawClient.as(server.url, 'kvalitet');
    const ok = await push(qa, 'cases', { ...existing, status: 'registered' }, existing);
    expect(ok.rejected).toEqual([]);
    expect((await server.storage.getRecord('cases', existing.id))!.data.status).toBe('registered');
    qa.close();
  });

  it('refuses writes to server-only collections and deletions', async () => {
    const users = await registrar.send<{ documents: Record<string, unknown>[] }>({
      t: 'pull',
      collection: 'users',
      checkpoint: null,
      limit: 100,
    });
    const me = users.documents.find((u) => u.id === registrarId)!;
    const res = await push(registrar, 'users', { ...me, roles: ['administrator'] }, me);
    expect(res.rejected[0]).toMatchObject({ code: 'read_only_collection' });
    const current = (await server.storage.getRecord('cases', existing.id))!.data;
    const del = await registrar.send<PushResponse>({
      t: 'push',
      collection: 'cases',
      rows: [{ assumedMasterState: current, newDocumentState: { ...current, _deleted: true } }],
    });
    expect(del.rejected[0]).toMatchObject({ code: 'forbidden' });
    expect((await server.storage.getRecord('cases', existing.id))!.deleted).toBe(false);
  });

  it('returns the server state as a conflict when the assumed version is stale', async () => {
    const current = (await server.storage.getRecord('cases', existing.id))!.data;
    const stale = { ...current, syncVersion: 1 };
    const res = await push(registrar, 'cases', { ...current, title: 'Ny titel' }, stale);
    expect(res.rejected).toEqual([]);
    expect(res.conflicts).toHaveLength(1);
    expect(res.conflicts[0]!.title).toBe(current.title);
  });

  it('answers malformed and oversized messages with an error and keeps serving', async () => {
    registrar.ws.send('{not json');
    registrar.ws.send(JSON.stringify({ t: 'pull', rid: 1, collection: 'secrets', checkpoint: null, limit: 10 }));
    let nested = '0';
    for (let i = 0; i < 5000; i++) nested = `[${nested}]`;
    registrar.ws.send(`{"t":"push","rid":2,"collection":"cases","rows":${nested}}`);
    const ok = await registrar.send<{ t: string }>({ t: 'pull', collection: 'registers', checkpoint: null, limit: 10 });
    expect(ok.t).toBe('pull');
    expect(registrar.received.filter((m) => m.t === 'error' && m.code === 'bad_message').length).toBeGreaterThanOrEqual(3);
  });
});
