/**
 * Disposal end to end on a real server: documents registered three years ago (the server's clock
 * is moved), due by their type's rule, proposed to the archivist, held and released, executed
 * under a named decision — and then nothing of their content is left: not on the server's disk,
 * not in the storage of a real RxDB replica that had them and their file cached (its IndexedDB
 * read byte by byte). The report is registered and checked with pdfinfo, pdffonts, pdftotext, qpdf.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, DISPOSED_AUDIT_VALUE, type AuditEntry, type Case, type Document, type FileRecord, type Flow } from '../../shared/src';
import { DISPOSAL_API, type DisposalProposals, type ExecuteDisposalResult } from '../../shared/src/protocol/disposal';
import { WORKING_SET_API } from '../../shared/src/protocol/working-set';
import { AUTH_SUBPROTOCOL_PREFIX, YJS_PATH_PREFIX, YJS_SUBPROTOCOL } from '../../shared/src';
import { SqliteYjsStore } from '../../sync-server/src/yjs';
import { verifyAuditChain } from '../../sync-server/src/audit/verify-chain';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { login } from '../../renderer/src/lib/replica';
import { MemoryBlobCache } from '../../renderer/src/lib/replica/blob-cache';
import { deleteReplicaDatabases } from '../../renderer/src/lib/replica/idb-removal';
import { openReplicaWith } from '../../renderer/src/lib/replica/open-replica';
import type { Replica } from '../../renderer/src/lib/replica/replica';
import { RawClient, SwitchableNetwork, closeReplica, eventually, startTestServer, testEnvironment, type TestServer } from './harness';
import { pullAll, push } from './raw-records';
import { bytesHits } from './data-folder-bytes';
import { dumpIndexedDb } from './indexeddb-dump';
import { closeThroughQa, registrarPlacing } from './disposal-world';
import { newCase, newIncoming, tinyPdf } from './fixtures';
import { buildFlow } from '../../renderer/src/lib/flows';
import { testBody, testItem, testMeeting } from './meetings/world';
import { emptyMeetingRecord, type MeetingRecord } from '../../shared/src/model/meeting';

const STAMP = randomUUID().slice(0, 8);
const SECRET_TITLE = `Klagomål på grannens hund ${STAMP}`;
const SECRET_SENDER = `Gallringsdotter ${STAMP}`;
/** One word, its random tail unlike anything else stored (the search index keeps it as a lower-case token). */
const PDF_WORD_TAIL = randomUUID().replace(/-/g, '').slice(0, 14);
const SECRET_PDF_TEXT = `GALLRINGSHEMLIGHET${PDF_WORD_TAIL}`;
const SECRET_NOTE = `Arbetsanteckning om grannen ${randomUUID()}`;
const FREE_TITLE = `Fristående e-post ${STAMP}`;
/** The e-mail's title before the registrar corrected it: afterwards only the actor register quotes it. */
const EARLIER_TITLE = `Anmälan om skällande hund ${randomUUID()}`;
const FILE_NAME = `klagomal-${randomUUID()}.pdf`;
/** What an agenda item reporting the case quotes of it (the meeting is never held: no minutes). */
const ITEM_TITLE = `Klagomål på hund, ärende på föredragningslistan ${randomUUID()}`;
const ITEM_PROPOSAL = `Förslag till beslut om hunden ${randomUUID()}`;
const SECRET_COMMENT = `Avslag eftersom hunden skäller ${STAMP}`;
const DECISION = { reference: `Gallringsbeslut KS 2026-${STAMP}`, title: 'Gallring av e-post och synpunkter', date: '2026-12-01' };
const YEAR_MS = 365 * 24 * 3600 * 1000;

let server: TestServer;
let clock = Date.now() - 3 * YEAR_MS;

async function blobText(cache: MemoryBlobCache): Promise<string> {
  const out: string[] = [];
  for (const sha of await cache.keys()) out.push(await (await cache.get(sha))!.text());
  return out.join('\n');
}

function tool(name: 'pdffonts' | 'pdfinfo' | 'pdftotext' | 'qpdf', args: string[]): { status: number; out: string } {
  const file = `/usr/bin/${name}`;
  if (!existsSync(file)) throw new Error(`${name} is required by this test (apt-get install poppler-utils qpdf)`);
  const r = spawnSync(file, args, { encoding: 'utf8' });
  return { status: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

async function searchIds(token: string, query: string): Promise<string[]> {
  const res = await fetch(`${server.url}/api/search`, { method: 'POST', headers: api(token), body: JSON.stringify({ query }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { hits: { record: { id: string } }[] }).hits.map((h) => h.record.id);
}

/** The HTTP status a notes room's upgrade gets (101 when it opens). */
async function roomStatus(token: string, collection: string, id: string): Promise<number> {
  const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}${YJS_PATH_PREFIX}${collection}/${id}`, [
    YJS_SUBPROTOCOL,
    `${AUTH_SUBPROTOCOL_PREFIX}${token}`,
  ]);
  return new Promise((resolve) => {
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => undefined);
  });
}

const api = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

describe('disposal from proposal to report', () => {
  let caseId = '';
  let docId = '';
  let freeId = '';
  let file: FileRecord;
  let flowId = '';
  let itemId = '';
  let noticeId = '';
  let victim: Replica;
  let cache: MemoryBlobCache;
  let archivist = '';
  let report: { classCode: string; documentTypeId: string };

  beforeAll(async () => {
    server = await startTestServer({ now: () => clock });
    // Three years ago: a case with an e-mail (disposed 2 years after registration) and its PDF, and a free-standing e-mail.
    const { registrar, me, p } = await registrarPlacing(server.url);
    // The victim is the case's officer, so the actor register's entries about it reach their replica too.
    const officer = (await RawClient.token(server.url, 'registrator2')).user;
    const kase: Case = { ...newCase(me.id, p, SECRET_TITLE), responsibleUserId: officer.id };
    caseId = kase.id;
    expect((await push(registrar, 'cases', null, kase)).rejected).toEqual([]);
    // The case on the agenda of a meeting of Kommunstyrelsen that was planned and never held.
    const mote = await RawClient.as(server.url, 'mote');
    const body = testBody();
    const meeting = testMeeting(body.id, new Date(clock + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10));
    const item = testItem(meeting, { itemKind: 'case', caseId, title: ITEM_TITLE, proposal: ITEM_PROPOSAL });
    itemId = item.id;
    // Its announcement on the board lists the agenda: the item's title and the case's.
    const notice: MeetingRecord = {
      ...emptyMeetingRecord('posting', { id: randomUUID(), registerId: meeting.registerId }),
      title: 'Kungörelse om sammanträde',
      bodyId: body.id,
      meetingId: meeting.id,
      postingKind: 'meeting_announcement',
      date: meeting.date,
      text: `Ärenden:\n§ 1 ${ITEM_TITLE}\n§ 2 ${SECRET_TITLE}`,
    };
    noticeId = notice.id;
    for (const r of [body, meeting, item, notice]) expect((await push(mote, 'meetings', null, r)).rejected).toEqual([]);
    mote.close();
    const d: Document = { ...newIncoming(me.id, p, caseId, EARLIER_TITLE), sender: SECRET_SENDER, receivedDate: '' };
    d.receivedDate = new Date(clock).toISOString().slice(0, 10);
    docId = d.id;
    expect((await push(registrar, 'documents', null, d)).rejected).toEqual([]);
    const first = (await pullAll<Document>(registrar, 'documents')).find((x) => x.id === docId)!;
    expect((await push(registrar, 'documents', first, { ...first, title: SECRET_TITLE })).rejected).toEqual([]);
    const free: Document = { ...newIncoming(me.id, p, '', FREE_TITLE), id: randomUUID(), receivedDate: d.receivedDate };
    freeId = free.id;
    expect((await push(registrar, 'documents', null, free)).rejected).toEqual([]);
    const up = await fetch(`${server.url}${API.files}?${new URLSearchParams({ documentId: docId, name: FILE_NAME })}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${registrar.token}` },
      body: new Uint8Array(tinyPdf(SECRET_PDF_TEXT)),
    });
    expect(up.status).toBe(201);
    file = (await up.json()) as FileRecord;
    // An approval flow on the e-mail, turned down by the quality assurer with a comment.
    const qaUser = (await RawClient.token(server.url, 'kvalitet')).user;
    const flow = buildFlow(
      {
        registerId: 'reg-ks',
        targetCollection: 'documents',
        targetId: docId,
        caseId,
        mode: 'ordered',
        steps: [{ approverId: qaUser.id, role: 'approver', dueDate: '2026-12-31', requiresSignature: false }],
      },
      me.id,
      { nowMs: clock, id: randomUUID(), newStepId: randomUUID },
    );
    flowId = flow.id;
    expect((await push(registrar, 'flows', null, flow)).rejected).toEqual([]);
    // Quality assured, the case too; then closed.
    const qa = await RawClient.as(server.url, 'kvalitet');
    const started = (await pullAll<Flow>(qa, 'flows')).find((f) => f.id === flowId)!;
    const turnedDown = { ...started, steps: started.steps.map((st) => ({ ...st, status: 'rejected' as const, comment: SECRET_COMMENT })) };
    expect((await push(qa, 'flows', started, turnedDown)).rejected).toEqual([]);
    await closeThroughQa(qa, registrar, caseId, [docId, freeId]);
    registrar.close();
    qa.close();

    // Today. The victim (who never touched them) keeps them "Tillgänglig offline", so they are in its replica, the file cached.
    clock = Date.now();
    const session = await login(server.url, 'registrator2', 'demo1234');
    for (const pin of [`cases/${caseId}`, `documents/${freeId}`]) {
      const pinned = await fetch(`${server.url}${WORKING_SET_API.root}/pins/${pin}`, { method: 'PUT', headers: api(session.token) });
      expect(pinned.status).toBe(200);
    }
    cache = new MemoryBlobCache();
    victim = await openReplicaWith(
      session,
      testEnvironment(new SwitchableNetwork(), cache, {
        storage: getRxStorageDexie({ indexedDB, IDBKeyRange }) as never,
        deleteStorage: (dbName) => deleteReplicaDatabases(indexedDB, dbName),
      }),
    );
    await victim.awaitInitialSync();
    archivist = (await RawClient.token(server.url, 'arkivarie')).token;
  });

  afterAll(async () => {
    if (victim) await closeReplica(victim);
    await server?.stop();
  });

  /** The victim's actor-register entries as the replica reads them (sealed values opened). */
  const auditView = async () => JSON.stringify((await victim.db.audit.find().exec()).map((d) => d.toJSON()));
  const itemView = async () => JSON.stringify((await victim.db.meetings.findOne(itemId).exec())?.toJSON() ?? null);
  const noticeView = async () => JSON.stringify((await victim.db.meetings.findOne(noticeId).exec())?.toJSON() ?? null);

  it('the replica first holds the record, its sender and its cached file', async () => {
    await eventually(async () => (await victim.db.files.findOne(file.id).exec()) && (await cache.has(file.sha256)), 20_000, 'file cached');
    const dump = await dumpIndexedDb();
    expect(dump).toContain(SECRET_TITLE);
    expect(dump).toContain(SECRET_SENDER);
    expect(dump).toContain(FREE_TITLE);
    expect(dump).toContain(SECRET_COMMENT);
    expect(await blobText(cache)).toContain(SECRET_PDF_TEXT);
    // The actor register's entries about the case and its e-mail reached the officer's replica too
    // (sealed at rest, so read through the replica): the earlier title and the file name only there.
    await eventually(async () => (await auditView()).includes(EARLIER_TITLE), 20_000, 'actor register replicated');
    expect(await auditView()).toContain(FILE_NAME);
    expect(await auditView()).toContain(SECRET_SENDER);
    // The agenda item (meetings are not windowed: every replica holds them; it keeps its quote sealed at rest).
    await eventually(async () => (await itemView()).includes(ITEM_PROPOSAL), 20_000, 'agenda item replicated');
    await eventually(async () => (await noticeView()).includes(ITEM_TITLE), 20_000, 'announcement replicated');
    // And the server's search finds it by its title and its file's text (so the check after disposal means something).
    await server.fileText.idle();
    expect(await searchIds(archivist, SECRET_PDF_TEXT)).toContain(docId);
    expect(await searchIds(archivist, 'grannens hund')).toContain(docId);
  });

  it('proposes the due documents by process and type, and the case that goes with its last document', async () => {
    const res = await fetch(`${server.url}${DISPOSAL_API.proposals}?registerId=reg-ks`, { headers: api(archivist) });
    expect(res.status).toBe(200);
    const p = (await res.json()) as DisposalProposals;
    const group = p.groups.find((g) => g.documents.some((d) => d.id === docId))!;
    expect(group.documentTypeName).toBe('E-post');
    expect(group.documents.find((d) => d.id === docId)).toMatchObject({ title: SECRET_TITLE, blockers: [] });
    expect(group.documents.some((d) => d.id === freeId)).toBe(true);
    expect(p.cases.find((c) => c.id === caseId)).toMatchObject({ documentIds: [docId], blockers: [] });
    expect(p.reportPlacements.length).toBeGreaterThan(0);
    report = { classCode: p.reportPlacements[0]!.classCode, documentTypeId: p.reportPlacements[0]!.documentTypeId };
    // Filtered to another document type, they are not listed.
    const other = await fetch(`${server.url}${DISPOSAL_API.proposals}?registerId=reg-ks&documentTypeId=dt-ks-beslut`, {
      headers: api(archivist),
    });
    expect(((await other.json()) as DisposalProposals).groups).toEqual([]);
  });

  it('a held item is refused item_held until the hold is released with a reason', async () => {
    const placed = await fetch(`${server.url}${DISPOSAL_API.holds}`, {
      method: 'POST',
      headers: api(archivist),
      body: JSON.stringify({
        registerId: 'reg-ks',
        targetCollection: 'documents',
        targetId: freeId,
        kind: 'litigation',
        reason: 'Tvist i tingsrätten',
      }),
    });
    expect(placed.status).toBe(201);
    const hold = (await placed.json()) as { id: string };
    const body = { registerId: 'reg-ks', decision: DECISION, documentIds: [freeId], caseIds: [], report };
    const held = await fetch(`${server.url}${DISPOSAL_API.execute}`, {
      method: 'POST',
      headers: api(archivist),
      body: JSON.stringify(body),
    });
    expect([held.status, await held.json()]).toEqual([409, { error: 'item_held' }]);
    const p = (await (
      await fetch(`${server.url}${DISPOSAL_API.proposals}?registerId=reg-ks`, { headers: api(archivist) })
    ).json()) as DisposalProposals;
    expect(p.holds.find((h) => h.id === hold.id)).toMatchObject({ kind: 'litigation', reason: 'Tvist i tingsrätten' });
    const released = await fetch(`${server.url}${DISPOSAL_API.releasePrefix}${hold.id}/release`, {
      method: 'POST',
      headers: api(archivist),
      body: JSON.stringify({ reason: 'Tvisten avgjord' }),
    });
    expect(released.status).toBe(200);
  });

  it('refuses an execution without a decision (decision_missing) and a case without its last document (item_not_due)', async () => {
    const missing = await fetch(`${server.url}${DISPOSAL_API.execute}`, {
      method: 'POST',
      headers: api(archivist),
      body: JSON.stringify({
        registerId: 'reg-ks',
        decision: { reference: '', title: 'x', date: '2026-12-01' },
        documentIds: [docId],
        caseIds: [],
        report,
      }),
    });
    expect([missing.status, await missing.json()]).toEqual([400, { error: 'decision_missing' }]);
    const early = await fetch(`${server.url}${DISPOSAL_API.execute}`, {
      method: 'POST',
      headers: api(archivist),
      body: JSON.stringify({ registerId: 'reg-ks', decision: DECISION, documentIds: [], caseIds: [caseId], report }),
    });
    expect([early.status, await early.json()]).toEqual([409, { error: 'item_not_due' }]);
  });

  it('executes: statuses Gallrad/Gallrat, content emptied, files destroyed on the server, the actor register records it', async () => {
    // The case's working notes, as the notes room stores them.
    const notes = new Y.Doc();
    notes.getText('notes').insert(0, SECRET_NOTE);
    const store = new SqliteYjsStore(server.dataDir);
    await store.append(`cases/${caseId}`, Y.encodeStateAsUpdate(notes));
    expect(await roomStatus(archivist, 'cases', caseId)).toBe(101);
    // The copy an upgrade takes before migrating (storage/migrations/runner.ts), holding everything as it was.
    const db = new Database(path.join(server.dataDir, 'diarium.sqlite'), { readonly: true });
    db.prepare('VACUUM INTO ?').run(path.join(server.dataDir, 'diarium.sqlite.before-v99.bak'));
    db.close();
    expect(bytesHits(server.dataDir, [SECRET_PDF_TEXT, SECRET_NOTE, EARLIER_TITLE]).length).toBeGreaterThan(0);
    // The archivist exports the checkpoints: the server signs the actor register's heads as they are now.
    const signed = await fetch(`${server.url}${API.auditCheckpoints}`, { headers: api(archivist) });
    expect(signed.status).toBe(200);
    const res = await fetch(`${server.url}${DISPOSAL_API.execute}`, {
      method: 'POST',
      headers: api(archivist),
      body: JSON.stringify({ registerId: 'reg-ks', decision: DECISION, documentIds: [docId, freeId], caseIds: [caseId], report }),
    });
    expect(res.status).toBe(200);
    const result = (await res.json()) as ExecuteDisposalResult;
    expect(result).toMatchObject({ documents: 2, cases: 1, files: 1 });

    const doc = (await server.storage.getRecord('documents', docId))!.data as Document;
    expect(doc).toMatchObject({ status: 'disposed', sender: '', description: '', title: `Gallrad enligt ${DECISION.reference}` });
    expect(doc.documentNumber).not.toBe('');
    expect(((await server.storage.getRecord('cases', caseId))!.data as Case).status).toBe('disposed');
    const fileRec = (await server.storage.getRecord('files', file.id))!;
    expect(fileRec.deleted).toBe(true);
    expect(JSON.stringify(fileRec.data)).not.toContain(file.sha256);
    expect(existsSync(path.join(server.dataDir, 'blobs', file.sha256.slice(0, 2), file.sha256))).toBe(false);
    const flowRec = (await server.storage.getRecord('flows', flowId))!;
    expect(flowRec.deleted).toBe(true);
    expect(JSON.stringify(flowRec.data)).not.toContain(SECRET_COMMENT);
    const download = await fetch(`${server.url}/api/files/${file.id}`, { headers: api(archivist) });
    expect(download.status).toBe(404);
    // The search index no longer finds it by its title or its file's text.
    expect(await searchIds(archivist, SECRET_PDF_TEXT)).not.toContain(docId);
    expect(await searchIds(archivist, 'grannens hund')).not.toContain(docId);

    const audit = (await server.storage.listWhere('audit', 'recordId', docId)).map((r) => r.data as AuditEntry);
    const entry = audit.find((a) => a.changes.some((c) => c.field === 'disposalDecision'))!;
    expect(entry).toMatchObject({ action: 'status_change', actorName: 'Lars Ek' });
    expect(entry.changes).toEqual([
      { field: 'status', from: 'registered', to: 'disposed' },
      { field: 'disposalDecision', from: '', to: DECISION.reference },
      { field: 'filesDestroyed', from: '', to: '1' },
    ]);
    expect(JSON.stringify(entry)).not.toContain(SECRET_SENDER);
    // The earlier entries about it keep who did what and when, and the number, but no value the disposal removed;
    // the chain still verifies, also against the checkpoint signed before.
    const created = audit.find((a) => a.action === 'create')!;
    expect(created).toMatchObject({ label: doc.documentNumber, actorName: 'Anna Lind' });
    expect(created.changes.find((c) => c.field === 'title')).toEqual({
      field: 'title',
      from: DISPOSED_AUDIT_VALUE,
      to: DISPOSED_AUDIT_VALUE,
    });
    expect(created.changes.find((c) => c.field === 'registeredDate')?.to).toBe(doc.registeredDate);
    expect(JSON.stringify(audit)).not.toContain(EARLIER_TITLE);
    expect(JSON.stringify(audit)).not.toContain(SECRET_TITLE);
    // The agenda item was a working copy of the case (its meeting has no adjusted minutes): it quotes nothing of it now.
    const item = (await server.storage.getRecord('meetings', itemId))!.data;
    expect(item).toMatchObject({ title: `Gallrad enligt ${DECISION.reference}`, proposal: '', caseId });
    // So was the board's announcement of its meeting, as far as it quoted the item and the case.
    expect((await server.storage.getRecord('meetings', noticeId))!.data.text).toBe(
      `Ärenden:\n§ 1 Gallrad enligt ${DECISION.reference}\n§ 2 Gallrad enligt ${DECISION.reference}`,
    );
    const checkpoints = await server.storage.listAuditCheckpoints();
    expect(checkpoints.length).toBeGreaterThan(0);
    expect(await verifyAuditChain(server.storage, checkpoints)).toMatchObject({ ok: true });

    // The notes went with the case: nothing stored, and the room opens for nobody.
    expect(await store.load(`cases/${caseId}`)).toBeNull();
    await store.close();
    expect(await roomStatus(archivist, 'cases', caseId)).toBe(403);

    // Done once: a second execution finds nothing due.
    const again = await fetch(`${server.url}${DISPOSAL_API.execute}`, {
      method: 'POST',
      headers: api(archivist),
      body: JSON.stringify({ registerId: 'reg-ks', decision: DECISION, documentIds: [docId], caseIds: [], report }),
    });
    expect([again.status, await again.json()]).toEqual([409, { error: 'item_not_due' }]);
  });

  it('no file of the data folder holds any of it: no log, search segment, backup, blob or notes page', async () => {
    const planted = [
      ...[SECRET_PDF_TEXT, PDF_WORD_TAIL, SECRET_NOTE, EARLIER_TITLE, SECRET_TITLE, SECRET_SENDER, FREE_TITLE, FILE_NAME, SECRET_COMMENT],
      ...[ITEM_TITLE, ITEM_PROPOSAL],
    ];
    expect(bytesHits(server.dataDir, planted)).toEqual([]);
    expect(existsSync(path.join(server.dataDir, 'diarium.sqlite.before-v99.bak'))).toBe(false);
  });

  it('the replica that had them keeps no file and no content in its storage', async () => {
    await eventually(async () => (await victim.db.documents.findOne(docId).exec())?.status === 'disposed', 20_000, 'disposal replicated');
    await eventually(async () => !(await victim.db.files.findOne(file.id).exec()), 20_000, 'file record gone');
    await victim.awaitPurged();
    await eventually(async () => !(await cache.has(file.sha256)), 20_000, 'cached file removed');
    const dump = await dumpIndexedDb();
    expect(dump).toContain(docId);
    expect(dump).not.toContain(SECRET_TITLE);
    expect(dump).not.toContain(SECRET_SENDER);
    expect(dump).not.toContain(FREE_TITLE);
    expect(dump).not.toContain(SECRET_COMMENT);
    expect(dump).not.toContain(file.sha256);
    expect(await blobText(cache)).not.toContain(SECRET_PDF_TEXT);
    // The actor register's entries were rewritten without the values, and the replica took them over.
    await eventually(async () => !(await auditView()).includes(EARLIER_TITLE), 20_000, 'disposed values gone from the replica');
    const view = await auditView();
    for (const v of [EARLIER_TITLE, SECRET_TITLE, SECRET_SENDER, FILE_NAME]) expect(view).not.toContain(v);
    expect(view).toContain(DISPOSED_AUDIT_VALUE);
    await eventually(
      async () => (await itemView()).includes(`Gallrad enligt ${DECISION.reference}`),
      20_000,
      'disposed agenda item replicated',
    );
    for (const v of [ITEM_TITLE, ITEM_PROPOSAL]) expect(await itemView()).not.toContain(v);
    await eventually(async () => !(await noticeView()).includes(ITEM_TITLE), 20_000, 'announcement without quotes replicated');
    expect(await noticeView()).not.toContain(SECRET_TITLE);
    for (const v of [EARLIER_TITLE, FILE_NAME]) expect(dump).not.toContain(v);
  });

  it('the report is registered with a PDF/A and a CSV listing what was disposed, under which rule and decision, by whom', async () => {
    const p = (await (
      await fetch(`${server.url}${DISPOSAL_API.proposals}?registerId=reg-ks`, { headers: api(archivist) })
    ).json()) as DisposalProposals;
    const decision = p.decisions.find((d) => d.reference === DECISION.reference)!;
    expect(decision).toMatchObject({ documents: 2, cases: 1, executedBy: 'Lars Ek' });
    const reportDoc = (await server.storage.getRecord('documents', decision.reportDocumentId))!.data as Document;
    expect(reportDoc).toMatchObject({ caseId: '', title: `Gallringsrapport – ${DECISION.reference}`, status: 'registered_unchecked' });
    const files = (await server.storage.listWhere('files', 'documentId', reportDoc.id)).map((r) => r.data as FileRecord);
    expect(files.map((f) => f.mediaType).sort()).toEqual(['application/pdf', 'text/csv']);
    const number = ((await server.storage.getRecord('documents', docId))!.data as Document).documentNumber;

    const dir = mkdtempSync(path.join(tmpdir(), 'diarium-disposal-'));
    try {
      const pdf = files.find((f) => f.mediaType === 'application/pdf')!;
      const bytes = Buffer.from(await (await fetch(`${server.url}/api/files/${pdf.id}`, { headers: api(archivist) })).arrayBuffer());
      const file = path.join(dir, 'r.pdf');
      writeFileSync(file, bytes);
      expect(tool('qpdf', ['--check', file]).status).toBe(0);
      const info = tool('pdfinfo', ['-meta', file]).out;
      expect(info).toContain('pdfaid:part');
      expect(info).toMatch(/pdfaid:conformance>B|pdfaid:conformance="B"/);
      const fonts = tool('pdffonts', [file]).out.split('\n').slice(2).filter(Boolean);
      expect(fonts.length).toBeGreaterThan(0);
      for (const f of fonts) expect(f).toMatch(/ yes /);
      const text = tool('pdftotext', ['-layout', file, '-']).out.replace(/\s+/g, ' ');
      expect(text).toContain(DECISION.reference);
      expect(text).toContain(number);
      expect(text).toContain('Gallras 2 år efter registrering');
      expect(text).toContain('Lars Ek');
      expect(text).not.toContain(SECRET_TITLE);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const csv = files.find((f) => f.mediaType === 'text/csv')!;
    const csvText = await (await fetch(`${server.url}/api/files/${csv.id}`, { headers: api(archivist) })).text();
    expect(csvText).toContain(`Handling;${number};`);
    expect(csvText).toContain(DECISION.reference);
    expect(csvText).not.toContain(SECRET_TITLE);
    const viaRoute = await fetch(`${server.url}${DISPOSAL_API.reportPrefix}${decision.id}.csv`, { headers: api(archivist) });
    expect(viaRoute.status).toBe(200);
    expect(await viaRoute.text()).toBe(csvText);
  });
});
