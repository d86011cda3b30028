/**
 * Disposal (issue 17) against a client that lies: nobody sets Gallrad/Gallrat by a push, nobody
 * without the right executes a disposal or places holds, an item named by a pending information
 * request or not yet due is not disposed, no disposal without a named decision, and a disposed
 * record cannot be written back. Each refusal is one exact code, and nothing is written.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, ClassNode, Document, DocumentType } from '../../../shared/src';
import { DISPOSAL_API } from '../../../shared/src/protocol/disposal';
import { buildRequest, buildRequestCase, requestProcess } from '../../../renderer/src/lib/requests/build';
import type { Process } from '../fixtures';
import { RawClient, startTestServer, type TestServer } from '../harness';
import { accepted, Attacker, edit, newCase, newDocument } from './attacks';

const YEAR_MS = 365 * 24 * 3600 * 1000;
let clock = Date.now() - 3 * YEAR_MS;
let server: TestServer;
let registrar: Attacker;
let qa: Attacker;
let process: Process;
let caseId = '';
let oldDoc = '';
let requested = '';
let young = '';
const DECISION = { reference: 'Gallringsbeslut KS 2026-00012', title: 'Gallring av e-post', date: '2026-12-01' };
let report: { classCode: string; documentTypeId: string };

const headers = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
async function token(username: string): Promise<string> {
  return (await RawClient.token(server.url, username)).token;
}
async function post(path: string, tok: string, body: unknown): Promise<[number, unknown]> {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: headers(tok), body: JSON.stringify(body) });
  return [res.status, await res.json()];
}
const execute = (o: Record<string, unknown> = {}) => ({
  registerId: 'reg-ks',
  decision: DECISION,
  documentIds: [oldDoc],
  caseIds: [],
  report,
  ...o,
});
const stored = async (id: string) => (await server.storage.getRecord('documents', id))!;

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
  registrar = await Attacker.as(server.url, 'registrator');
  qa = await Attacker.as(server.url, 'kvalitet');
  const classes = (await registrar.pullAll('classes')) as unknown as ClassNode[];
  const doctypes = (await registrar.pullAll('doctypes')) as unknown as DocumentType[];
  const epost = doctypes.find((t) => t.registerId === 'reg-ks' && t.name === 'E-post')!;
  process = {
    node: classes.find((c) => c.registerId === 'reg-ks' && c.selectable && c.registrationGroupIds.length === 0)!,
    doctype: epost,
  };
  // Three years ago: a closed case with an e-mail, and a free-standing e-mail an information request names.
  const c = await accepted<Case>(server, registrar, 'cases', newCase(process, 'usr-registrator'));
  caseId = c.id;
  oldDoc = (await accepted<Document>(server, registrar, 'documents', newDocument(process, 'usr-registrator', caseId))).id;
  requested = (await accepted<Document>(server, registrar, 'documents', newDocument(process, 'usr-registrator', ''))).id;
  for (const id of [oldDoc, requested]) expect((await edit(server, qa, 'documents', id, { status: 'registered' })).rejected).toEqual([]);
  expect((await edit(server, qa, 'cases', caseId, { status: 'registered' })).rejected).toEqual([]);
  expect((await edit(server, registrar, 'cases', caseId, { status: 'closed' })).rejected).toEqual([]);
  const requestNode = requestProcess(classes, 'reg-ks')!;
  const clockNow = { nowMs: clock, id: randomUUID() };
  const rc = buildRequestCase(
    { registerId: 'reg-ks', classCode: requestNode.code, responsibleUserId: 'usr-registrator', receivedDate: '2023-12-01' },
    'usr-registrator',
    clockNow,
  );
  await accepted<Case>(server, registrar, 'cases', rc);
  const request = buildRequest(
    {
      registerId: 'reg-ks',
      caseId: rc.id,
      anonymous: true,
      requesterName: '',
      requesterContact: '',
      receivedDate: '2023-12-01',
      description: 'E-posten',
      deliveryMethod: 'pickup',
      dueDate: '',
      responsibleUserId: 'usr-registrator',
      targets: [{ collection: 'documents', id: requested }],
    },
    'usr-registrator',
    { nowMs: clock, id: randomUUID(), newItemId: randomUUID },
  );
  expect((await registrar.push('requests', request as never, null)).rejected).toEqual([]);
  registrar.close();
  qa.close();
  // Today: one more e-mail, registered now, not due for two years.
  clock = Date.now();
  registrar = await Attacker.as(server.url, 'registrator');
  qa = await Attacker.as(server.url, 'kvalitet');
  young = (await accepted<Document>(server, registrar, 'documents', newDocument(process, 'usr-registrator', ''))).id;
  expect((await edit(server, qa, 'documents', young, { status: 'registered' })).rejected).toEqual([]);
  // The report is registered in the same process, as an e-mail (any allowed pair will do).
  report = { classCode: process.node.code, documentTypeId: epost.id };
});

afterAll(async () => {
  registrar?.close();
  qa?.close();
  await server?.stop();
});

describe('disposal is the server’s act, under a decision, by those with the right', () => {
  it('a registrar pushing status disposed on a due document is refused invalid_status_transition', async () => {
    const before = await stored(oldDoc);
    const res = await edit(server, registrar, 'documents', oldDoc, { status: 'disposed' });
    expect(res.rejected.map((r) => r.code)).toEqual(['invalid_status_transition']);
    expect(await stored(oldDoc)).toEqual(before);
  });

  it('a quality assurer pushing status disposed on a closed case is refused invalid_status_transition', async () => {
    const res = await edit(server, qa, 'cases', caseId, { status: 'disposed' });
    expect(res.rejected.map((r) => r.code)).toEqual(['invalid_status_transition']);
    expect(((await server.storage.getRecord('cases', caseId))!.data as Case).status).toBe('closed');
  });

  it('without the permission (a registrar) an execution is refused forbidden', async () => {
    expect(await post(DISPOSAL_API.execute, registrar.raw.token, execute())).toEqual([403, { error: 'forbidden' }]);
    expect(((await stored(oldDoc)).data as Document).status).toBe('registered');
  });

  it('without the permission proposals and holds are refused forbidden too', async () => {
    const res = await fetch(`${server.url}${DISPOSAL_API.proposals}?registerId=reg-ks`, { headers: headers(registrar.raw.token) });
    expect([res.status, await res.json()]).toEqual([403, { error: 'forbidden' }]);
    const hold = { registerId: 'reg-ks', targetCollection: 'documents', targetId: oldDoc, kind: 'other', reason: 'Vill behålla' };
    expect(await post(DISPOSAL_API.holds, registrar.raw.token, hold)).toEqual([403, { error: 'forbidden' }]);
  });

  it('an archivist outside a register executes nothing there: forbidden', async () => {
    expect(await post(DISPOSAL_API.execute, await token('arkivarie'), execute({ registerId: 'reg-sn' }))).toEqual([
      403,
      { error: 'forbidden' },
    ]);
  });

  it('without a named decision: decision_missing', async () => {
    const arch = await token('arkivarie');
    expect(await post(DISPOSAL_API.execute, arch, execute({ decision: undefined }))).toEqual([400, { error: 'decision_missing' }]);
    expect(await post(DISPOSAL_API.execute, arch, execute({ decision: { ...DECISION, date: '1 december' } }))).toEqual([
      400,
      { error: 'decision_missing' },
    ]);
    expect(((await stored(oldDoc)).data as Document).status).toBe('registered');
  });

  it('a document named by a pending information request: item_held', async () => {
    expect(await post(DISPOSAL_API.execute, await token('arkivarie'), execute({ documentIds: [oldDoc, requested] }))).toEqual([
      409,
      { error: 'item_held' },
    ]);
    expect(((await stored(oldDoc)).data as Document).status).toBe('registered');
  });

  it('a document not yet due: item_not_due', async () => {
    expect(await post(DISPOSAL_API.execute, await token('arkivarie'), execute({ documentIds: [young] }))).toEqual([
      409,
      { error: 'item_not_due' },
    ]);
  });

  it('a hold on a record of another register, or one that does not exist: not_found (a record of its own is held)', async () => {
    const arch = await token('arkivarie');
    const sn = (await server.storage.pullPage('documents', 0, 1, ['reg-sn']))[0]!;
    const hold = (targetId: string) => ({
      registerId: 'reg-ks',
      targetCollection: 'documents',
      targetId,
      kind: 'other',
      reason: 'Utredning',
    });
    expect(await post(DISPOSAL_API.holds, arch, hold(sn.id))).toEqual([404, { error: 'not_found' }]);
    expect(await post(DISPOSAL_API.holds, arch, hold('doc-that-is-nowhere'))).toEqual([404, { error: 'not_found' }]);
    const [status, placed] = await post(DISPOSAL_API.holds, arch, hold(young));
    expect(status).toBe(201);
    expect(await post(`${DISPOSAL_API.releasePrefix}${(placed as { id: string }).id}/release`, arch, { reason: 'Klar' })).toEqual([
      200,
      { ok: true },
    ]);
  });

  it('a disposed document cannot be written back (final_status)', async () => {
    const [status] = await post(DISPOSAL_API.execute, await token('arkivarie'), execute());
    expect(status).toBe(200);
    const before = await stored(oldDoc);
    expect((before.data as Document).status).toBe('disposed');
    const res = await edit(server, registrar, 'documents', oldDoc, { title: 'Återställd titel', sender: 'Återställd' });
    expect(res.rejected.map((r) => r.code)).toEqual(['final_status']);
    expect(await stored(oldDoc)).toEqual(before);
  });
});
