/**
 * Transfer to the e-archive (issue 17) against a client that lies: nobody without the right starts
 * a transfer or changes the archive settings, an archivist transfers only from their own register,
 * an open or not-due case is not transferred, a receipt for another package is refused and a
 * transfer is confirmed once. Each refusal is one exact code, and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, Document, DocumentType } from '../../../shared/src';
import { ARCHIVE_API, RECEIPT_FORMAT, type TransferView } from '../../../shared/src/protocol/archive';
import { RawClient, startTestServer, type TestServer } from '../harness';
import { api, closedCase, preserveProcess, settled } from '../archive/transfer-setup';
import { accepted, Attacker, edit, newCase, newDocument } from './attacks';
import type { Process } from '../fixtures';

let server: TestServer;
let registrar: Attacker;
let qa: Attacker;
let archivist = '';
let process: Process;
/** Closed and due: transferred in the set-up (the control that the route works). */
let first: { case: Case; document: Document };
let second: { case: Case; document: Document };
let third: { case: Case; document: Document };
let openCase: Case;
/** Closed, but with nothing to preserve (its only document's type is disposed of). */
let notDue: Case;
/** A closed case of the other register (reg-sn), where the archivist is no member. */
let foreign: Case;
let t1: TransferView;
let t2: TransferView;

async function token(username: string): Promise<string> {
  return (await RawClient.token(server.url, username)).token;
}
const start = (tok: string, o: Record<string, unknown>) => api(server, tok, 'POST', ARCHIVE_API.transfers, o);
const receipt = (t: Pick<TransferView, 'objid' | 'metsSha256'>) =>
  JSON.stringify({ format: RECEIPT_FORMAT, objid: t.objid, metsSha256: t.metsSha256, archive: 'Kommunarkivet' });
const transferCount = async () =>
  (await server.storage.archive.transfers('reg-ks')).length + (await server.storage.archive.transfers('reg-sn')).length;
const status = async (collection: 'cases' | 'documents', id: string) => (await server.storage.getRecord(collection, id))!.data.status;

beforeAll(async () => {
  server = await startTestServer();
  registrar = await Attacker.as(server.url, 'registrator');
  qa = await Attacker.as(server.url, 'kvalitet');
  archivist = await token('arkivarie');
  process = await preserveProcess(registrar, 'reg-ks');
  first = await closedCase(server, registrar, qa, process, 'Arkivattack ett');
  second = await closedCase(server, registrar, qa, process, 'Arkivattack två');
  third = await closedCase(server, registrar, qa, process, 'Arkivattack tre');
  openCase = await accepted<Case>(server, registrar, 'cases', newCase(process, 'usr-registrator', { title: 'Öppet ärende' }));
  // E-post is allowed in every process and disposed of after a period.
  const doctypes = (await registrar.pullAll('doctypes')) as unknown as DocumentType[];
  const epost: Process = { node: process.node, doctype: doctypes.find((t) => t.registerId === 'reg-ks' && t.name === 'E-post')! };
  expect(epost.doctype.retention.action).toBe('dispose');
  notDue = await accepted<Case>(server, registrar, 'cases', newCase(epost, 'usr-registrator', { title: 'Inget att bevara' }));
  const mail = await accepted<Document>(server, registrar, 'documents', newDocument(epost, 'usr-registrator', notDue.id));
  expect((await edit(server, qa, 'documents', mail.id, { status: 'registered' })).rejected).toEqual([]);
  expect((await edit(server, qa, 'cases', notDue.id, { status: 'registered' })).rejected).toEqual([]);
  expect((await edit(server, registrar, 'cases', notDue.id, { status: 'closed' })).rejected).toEqual([]);
  // reg-sn has no quality assurer: its closed case is planted in the store as it would stand.
  const sn = await Attacker.as(server.url, 'sn.registrator');
  const snProcess = await preserveProcess(sn, 'reg-sn');
  const snCase = await accepted<Case>(server, sn, 'cases', newCase(snProcess, 'usr-sn-registrator', { title: 'Annat register' }));
  sn.close();
  foreign = await server.storage.transaction(async (tx) => {
    const rec = (await tx.getRecord('cases', snCase.id))!;
    return (await tx.putRecord('cases', { ...rec.data, id: snCase.id, registerId: 'reg-sn', status: 'closed', closedDate: '2020-01-01' }))
      .data as unknown as Case;
  });
  // Two transfers written: the control that an archivist of the register transfers a due case.
  const [s1, v1] = await start(archivist, { registerId: 'reg-ks', kind: 'cases', ids: [first.case.id] });
  expect(s1).toBe(202);
  const [s2, v2] = await start(archivist, { registerId: 'reg-ks', kind: 'cases', ids: [second.case.id] });
  expect(s2).toBe(202);
  t1 = await settled(server, archivist, (v1 as TransferView).id);
  t2 = await settled(server, archivist, (v2 as TransferView).id);
  expect([t1.state, t2.state]).toEqual(['written', 'written']);
}, 120_000);

afterAll(async () => {
  registrar?.close();
  qa?.close();
  await server?.stop();
});

describe('only an archivist (or quality assurer) of the register transfers', () => {
  it('a registrar starting a transfer of a due case is refused forbidden, and no transfer exists', async () => {
    const before = await transferCount();
    expect(await start(registrar.token, { registerId: 'reg-ks', kind: 'cases', ids: [third.case.id] })).toEqual([
      403,
      { error: 'forbidden' },
    ]);
    expect(await start(await token('lasare'), { registerId: 'reg-ks', kind: 'cases', ids: [third.case.id] })).toEqual([
      403,
      { error: 'forbidden' },
    ]);
    expect(await transferCount()).toBe(before);
    expect(await status('cases', third.case.id)).toBe('closed');
  });

  it('an archivist of reg-ks naming reg-sn is refused forbidden', async () => {
    const before = await transferCount();
    expect(await start(archivist, { registerId: 'reg-sn', kind: 'cases', ids: [foreign.id] })).toEqual([403, { error: 'forbidden' }]);
    expect(await transferCount()).toBe(before);
  });

  it('an archivist of reg-ks slipping reg-sn’s case into a reg-ks transfer gets not_found, as for an id that exists nowhere', async () => {
    const before = await transferCount();
    const smuggled = await start(archivist, { registerId: 'reg-ks', kind: 'cases', ids: [third.case.id, foreign.id] });
    expect(smuggled).toEqual([404, { error: 'not_found' }]);
    expect(await start(archivist, { registerId: 'reg-ks', kind: 'cases', ids: [third.case.id, 'no-such-case'] })).toEqual(smuggled);
    expect(await transferCount()).toBe(before);
  });
});

describe('only closed cases that are due', () => {
  it('a selection with an open case is refused item_not_due', async () => {
    const before = await transferCount();
    expect(await start(archivist, { registerId: 'reg-ks', kind: 'cases', ids: [third.case.id, openCase.id] })).toEqual([
      409,
      { error: 'item_not_due' },
    ]);
    expect(await transferCount()).toBe(before);
  });

  it('a closed case with nothing to preserve is not due: item_not_due', async () => {
    expect(await start(archivist, { registerId: 'reg-ks', kind: 'cases', ids: [notDue.id] })).toEqual([409, { error: 'item_not_due' }]);
  });

  it('a case already in a transfer not confirmed is refused item_in_transfer', async () => {
    const before = await transferCount();
    expect(await start(archivist, { registerId: 'reg-ks', kind: 'cases', ids: [third.case.id, first.case.id] })).toEqual([
      409,
      { error: 'item_in_transfer' },
    ]);
    expect(await transferCount()).toBe(before);
  });
});

describe('the receipt', () => {
  it('a receipt for another transfer’s package is refused receipt_mismatch, and nothing changes', async () => {
    const path = `${ARCHIVE_API.transferPrefix}${t1.id}/receipt`;
    expect(await api(server, archivist, 'POST', path, { receiptText: receipt(t2) })).toEqual([409, { error: 'receipt_mismatch' }]);
    // The right OBJID with another package's METS checksum is no better.
    expect(await api(server, archivist, 'POST', path, { receiptText: receipt({ objid: t1.objid, metsSha256: t2.metsSha256 }) })).toEqual([
      409,
      { error: 'receipt_mismatch' },
    ]);
    expect((await server.storage.archive.transfer(t1.id))!.state).toBe('written');
    expect(await status('cases', first.case.id)).toBe('closed');
  });

  it('confirming twice: the second is refused already_confirmed and writes no second actor-register entry', async () => {
    const path = `${ARCHIVE_API.transferPrefix}${t2.id}/receipt`;
    const [ok, confirmed] = await api(server, archivist, 'POST', path, { receiptText: receipt(t2) });
    expect([ok, (confirmed as TransferView).state]).toEqual([200, 'confirmed']);
    expect(await status('cases', second.case.id)).toBe('archived');
    const entries = async () =>
      (await server.storage.pullPage('audit', 0, 100_000, ['reg-ks'])).filter((e) => e.data.recordId === second.case.id).length;
    const before = await entries();
    expect(await api(server, archivist, 'POST', path, { manual: { name: 'Lars Ek', note: 'Igen' } })).toEqual([
      409,
      { error: 'already_confirmed' },
    ]);
    expect(await entries()).toBe(before);
  });

  it('a registrar confirming a receipt is refused forbidden', async () => {
    expect(
      await api(server, registrar.token, 'POST', `${ARCHIVE_API.transferPrefix}${t1.id}/receipt`, { receiptText: receipt(t1) }),
    ).toEqual([403, { error: 'forbidden' }]);
    expect((await server.storage.archive.transfer(t1.id))!.state).toBe('written');
  });
});

describe('the archive settings', () => {
  it('a settings write by a registrar is refused forbidden, and the settings stay', async () => {
    const before = await server.storage.archive.settings();
    const body = { generation: 'fgs1', archiveName: 'Fel arkiv', archiveId: '', afterReceipt: 'remove', afterYears: 0 };
    expect(await api(server, registrar.token, 'POST', ARCHIVE_API.settings, body)).toEqual([403, { error: 'forbidden' }]);
    expect(await api(server, await token('handlaggare'), 'POST', ARCHIVE_API.settings, body)).toEqual([403, { error: 'forbidden' }]);
    expect(await server.storage.archive.settings()).toEqual(before);
  });
});
