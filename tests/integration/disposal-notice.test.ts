/**
 * What a disposal leaves of a meeting that never got adjusted minutes, on a real server: the
 * agenda quoted a disposed case (its item, the item's proposal room), a disposed document of it
 * and a disposed free-standing document (listed on other items); the board's announcement, the
 * notice text's room and the registered notice PDF (kallelse) quoted them. Afterwards no file of
 * the data folder holds the quotes, a peer in the notice room got the removal, and the notice is
 * a new PDF version saying why. Before that, a failure while registering the report (a trigger
 * raising on the real database) leaves nothing disposed and nothing half-written.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { API, YJS_MESSAGE_ROOM_MODE, type Case, type Document, type FileRecord } from '../../shared/src';
import { noticeModel, renderNotice } from '../../shared/src/meetings-pdf';
import { emptyMeetingRecord, type MeetingRecord } from '../../shared/src/model/meeting';
import type { ExecuteDisposalResult } from '../../shared/src/protocol/disposal';
import { signingFonts } from '../../sync-server/src/files/signing-fonts';
import { SqliteYjsStore } from '../../sync-server/src/yjs';
import { roomProtocols, roomSocketBase } from '../../renderer/src/lib/collab/room-address';
import { closeThroughQa, executeDisposal, registrarPlacing } from './disposal-world';
import { bytesHits } from './data-folder-bytes';
import { newCase, newIncoming } from './fixtures';
import { RawClient, eventually, startTestServer, type TestServer } from './harness';
import { push } from './raw-records';
import { testBody, testItem, testMeeting } from './meetings/world';

const TAIL = () => randomUUID().slice(0, 13);
const CASE_TITLE = `Bygglov för plank mot grannen ${TAIL()}`;
const DOC_TITLE = `Grannens yttrande om planket ${TAIL()}`;
const FREE_TITLE = `Fristående skrivelse om planket ${TAIL()}`;
const ITEM_TITLE = `Plank på fastigheten Björken ${TAIL()}`;
const ITEM_PROPOSAL = `Nämnden avslår ansökan om plank ${TAIL()}`;
const ROOM_PROPOSAL = `Förslaget i rummet: avslag, grannen hörd ${TAIL()}`;
/** What stays: the notice text around the quotes, another item's title. */
const KEPT_ITEM = 'Budget 2027 för kultur och fritid';
/** Other items' own proposals (record fields) quoting the free-standing document and the case. */
const OTHER_PROPOSAL = (quote: string) => `Nämnden noterar ${quote}.`;
const BUDGET_PROPOSAL = (quote: string) => `Budgeten påverkas inte av ${quote}.`;
const DECISION = { reference: `Gallringsbeslut KS ${TAIL()}`, title: 'Gallring av bygglovsärenden', date: '2026-12-01' };
const YEAR_MS = 365 * 24 * 3600 * 1000;
const QUOTES = [CASE_TITLE, DOC_TITLE, FREE_TITLE, ITEM_TITLE, ITEM_PROPOSAL, ROOM_PROPOSAL];

let server: TestServer;
let clock = Date.now() - 3 * YEAR_MS;
const api = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

function pdfText(bytes: Uint8Array): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'notice-pdf-'));
  try {
    const file = path.join(dir, 'n.pdf');
    writeFileSync(file, bytes);
    if (!existsSync('/usr/bin/pdftotext')) throw new Error('pdftotext is required by this test (apt-get install poppler-utils)');
    const r = spawnSync('/usr/bin/pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    // Lines the layout wrapped are joined again, so a quote is found whole.
    return r.stdout.replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A peer in a room over the real socket, as the client's y-websocket provider connects. */
function roomPeer(token: string, id: string): { doc: Y.Doc; provider: WebsocketProvider; synced: Promise<void> } {
  const doc = new Y.Doc();
  const ref = { collection: 'meetings' as const, id };
  const provider = new WebsocketProvider(roomSocketBase(server.url, ref), id, doc, {
    protocols: roomProtocols(token),
    disableBc: true,
    WebSocketPolyfill: WebSocket as never,
  });
  // Diarium's own message (may this user write); the client's rooms read it, this peer has no use for it.
  provider.messageHandlers[YJS_MESSAGE_ROOM_MODE] = () => undefined;
  const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return { doc, provider, synced };
}

function blobCount(): number {
  const root = path.join(server.dataDir, 'blobs');
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'tmp')
    .reduce((n, d) => n + readdirSync(path.join(root, d.name)).length, 0);
}

describe('disposal of what a meeting without adjusted minutes quotes', () => {
  let caseId = '';
  let docId = '';
  let freeId = '';
  let caseItemId = '';
  let otherItemId = '';
  let budgetItemId = '';
  let meetingId = '';
  let announcementId = '';
  let noticeDocId = '';
  let noticeFile: FileRecord;
  let archivist = '';
  let peer: ReturnType<typeof roomPeer>;
  const noticeText = `Välkomna. Vi behandlar ${ITEM_TITLE} med ${DOC_TITLE}, därefter ${KEPT_ITEM}.`;
  const execute = () => executeDisposal(server.url, { documentIds: [docId, freeId], caseIds: [caseId] }, DECISION);

  beforeAll(async () => {
    server = await startTestServer({ now: () => clock });
    // Three years ago: a case with an e-mail, a free-standing e-mail, and the meetings' own case.
    const { registrar, me, p } = await registrarPlacing(server.url);
    const kase = newCase(me.id, p, CASE_TITLE);
    const meetingsCase = newCase(me.id, p, 'Sammanträden Kommunstyrelsen');
    caseId = kase.id;
    for (const c of [kase, meetingsCase]) expect((await push(registrar, 'cases', null, c)).rejected).toEqual([]);
    const received = new Date(clock).toISOString().slice(0, 10);
    const doc: Document = { ...newIncoming(me.id, p, caseId, DOC_TITLE), receivedDate: received };
    const free: Document = { ...newIncoming(me.id, p, '', FREE_TITLE), id: randomUUID(), receivedDate: received };
    const notice: Document = {
      ...newIncoming(me.id, p, meetingsCase.id, 'Kallelse Kommunstyrelsen'),
      id: randomUUID(),
      receivedDate: received,
    };
    [docId, freeId, noticeDocId] = [doc.id, free.id, notice.id];
    for (const d of [doc, free, notice]) expect((await push(registrar, 'documents', null, d)).rejected).toEqual([]);

    // The agenda: the case (with its e-mail), other business listing the free-standing e-mail, the budget.
    const mote = await RawClient.as(server.url, 'mote');
    const body = testBody();
    const meeting = testMeeting(body.id, new Date(clock + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10), meetingsCase.id);
    meetingId = meeting.id;
    const caseItem = testItem(meeting, {
      itemKind: 'case',
      caseId,
      title: ITEM_TITLE,
      proposal: ITEM_PROPOSAL,
      documentIds: [docId],
      ordinal: 100,
    });
    const otherItem = testItem(meeting, {
      itemKind: 'other',
      title: 'Övriga frågor',
      proposal: OTHER_PROPOSAL(FREE_TITLE),
      documentIds: [freeId],
      ordinal: 200,
    });
    const budget = testItem(meeting, { itemKind: 'other', title: KEPT_ITEM, proposal: BUDGET_PROPOSAL(CASE_TITLE), ordinal: 300 });
    budgetItemId = budget.id;
    [caseItemId, otherItemId] = [caseItem.id, otherItem.id];
    const announcement: MeetingRecord = {
      ...emptyMeetingRecord('posting', { id: randomUUID(), registerId: meeting.registerId }),
      title: 'Kungörelse om sammanträde',
      bodyId: body.id,
      meetingId,
      postingKind: 'meeting_announcement',
      date: meeting.date,
      text: `Ärenden:\n1 ${ITEM_TITLE}\n2 Övriga frågor: ${FREE_TITLE}\n3 ${KEPT_ITEM}`,
    };
    announcementId = announcement.id;
    for (const r of [body, meeting, caseItem, otherItem, budget, announcement])
      expect((await push(mote, 'meetings', null, r)).rejected).toEqual([]);

    // The coordinator writes the notice text and the case's proposal in their rooms, over the real sockets.
    peer = roomPeer(mote.token, meetingId);
    await peer.synced;
    peer.doc.getText('notice').insert(0, noticeText);
    const proposal = roomPeer(mote.token, caseItemId);
    await proposal.synced;
    proposal.doc.getText('proposal').insert(0, ROOM_PROPOSAL);
    // Stored by the server (the socket's updates are appended as they arrive).
    const store = new SqliteYjsStore(server.dataDir);
    const roomText = async (id: string, name: string) => {
      const doc = new Y.Doc();
      const state = await store.load(`meetings/${id}`);
      if (state) Y.applyUpdate(doc, state);
      return doc.getText(name).toString();
    };
    await eventually(async () => (await roomText(meetingId, 'notice')) === noticeText, 10_000, 'notice text stored');
    await eventually(async () => (await roomText(caseItemId, 'proposal')) === ROOM_PROPOSAL, 10_000, 'proposal stored');
    await store.close();
    proposal.provider.destroy();

    // The notice as the client makes it (renderer/src/lib/meetings/produce.ts), registered with its PDF.
    const items = [caseItem, otherItem, budget].map((i) => (i.id === caseItemId ? { ...i, proposal: ROOM_PROPOSAL } : i));
    const pdf = await renderNotice(
      noticeModel(
        {
          authorityName: 'Exempels kommun',
          body,
          meeting,
          items,
          cases: [(await server.storage.getRecord('cases', caseId))!.data as unknown as Case],
          documents: [doc, free].map((d) => ({ ...d, documentNumber: '' })),
          generatedAt: new Date(clock),
        },
        noticeText,
      ),
      await signingFonts(),
    );
    expect(pdfText(pdf)).toContain(DOC_TITLE);
    const up = await fetch(`${server.url}${API.files}?${new URLSearchParams({ documentId: noticeDocId, name: 'kallelse.pdf' })}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${registrar.token}` },
      body: new Uint8Array(pdf),
    });
    expect(up.status).toBe(201);
    noticeFile = (await up.json()) as FileRecord;
    const m = (await server.storage.getRecord('meetings', meetingId))!;
    const current = { ...m.data, syncVersion: m.version };
    expect((await push(mote, 'meetings', current, { ...current, status: 'notice_sent', noticeDocumentId: noticeDocId })).rejected).toEqual(
      [],
    );
    mote.close();

    // Quality assured, the case closed.
    const qa = await RawClient.as(server.url, 'kvalitet');
    await closeThroughQa(qa, registrar, caseId, [docId, freeId]);
    registrar.close();
    qa.close();

    clock = Date.now();
    archivist = (await RawClient.token(server.url, 'arkivarie')).token;
    await server.fileText.idle();
  });

  afterAll(async () => {
    peer?.provider.destroy();
    await server?.stop();
  });

  it('the data folder holds the quotes before: the rooms, the board, the notice’s text in the search index', () => {
    const hits = bytesHits(server.dataDir, QUOTES).join('\n');
    for (const q of [ITEM_TITLE, ROOM_PROPOSAL, FREE_TITLE]) expect(hits).toContain(q);
    expect(hits).toMatch(/yjs\.sqlite.*Plank på fastigheten/);
  });

  it('a failure while registering the report leaves nothing disposed and nothing half-written', async () => {
    const blobsBefore = blobCount();
    const db = new Database(path.join(server.dataDir, 'diarium.sqlite'));
    db.exec(`CREATE TRIGGER fail_report_csv BEFORE INSERT ON records
      WHEN NEW.collection = 'files' AND json_extract(NEW.data, '$.mediaType') = 'text/csv'
      BEGIN SELECT RAISE(ABORT, 'injected: the report cannot be stored'); END`);
    try {
      const res = await execute();
      expect(res.status).toBe(500);
    } finally {
      db.exec('DROP TRIGGER fail_report_csv');
      db.close();
    }
    const doc = (await server.storage.getRecord('documents', docId))!.data as unknown as Document;
    expect(doc).toMatchObject({ status: 'registered', title: DOC_TITLE });
    expect(((await server.storage.getRecord('cases', caseId))!.data as unknown as Case).status).toBe('closed');
    expect((await server.storage.getRecord('meetings', caseItemId))!.data.title).toBe(ITEM_TITLE);
    expect((await server.storage.getRecord('files', noticeFile.id))!.deleted).toBe(false);
    expect(await server.storage.disposal.decisions('reg-ks')).toEqual([]);
    // No blob written for it (report, new notice) is left, none of the records' is gone; the rooms are as they were.
    expect(blobCount()).toBe(blobsBefore);
    expect(peer.doc.getText('notice').toString()).toBe(noticeText);
    // Nothing half-done blocks the disposal: it is still due and goes through once the fault is gone.
    const again = await execute();
    expect(again.status).toBe(200);
    const result = (await again.json()) as ExecuteDisposalResult;
    expect(result).toMatchObject({ documents: 2, cases: 1 });
    const d = await server.storage.disposal.decision(result.decisionId);
    expect(d?.reportDocumentId).toBe(result.reportDocumentId);
    const reportFiles = (await server.storage.listWhere('files', 'documentId', result.reportDocumentId)).filter((f) => !f.deleted);
    expect(reportFiles.map((f) => f.data.mediaType).sort()).toEqual(['application/pdf', 'text/csv']);
  });

  it('the board’s announcement names the decision instead of the case, the item and the free-standing document', async () => {
    const text = (await server.storage.getRecord('meetings', announcementId))!.data.text;
    const gone = `Gallrad enligt ${DECISION.reference}`;
    expect(text).toBe(`Ärenden:\n1 ${gone}\n2 Övriga frågor: ${gone}\n3 ${KEPT_ITEM}`);
    // The item listing the free-standing document stays where it was (it names it by id); the other
    // items' own proposals name the decision instead of what they quoted.
    expect((await server.storage.getRecord('meetings', otherItemId))!.data).toMatchObject({
      title: 'Övriga frågor',
      proposal: OTHER_PROPOSAL(gone),
      documentIds: [freeId],
    });
    expect((await server.storage.getRecord('meetings', budgetItemId))!.data).toMatchObject({
      title: KEPT_ITEM,
      proposal: BUDGET_PROPOSAL(gone),
    });
  });

  it('the peer in the notice room receives the removal; the disposed item’s proposal room is empty', async () => {
    const gone = `Gallrad enligt ${DECISION.reference}`;
    await eventually(() => !peer.doc.getText('notice').toString().includes(ITEM_TITLE), 10_000, 'removal reaches the peer');
    expect(peer.doc.getText('notice').toString()).toBe(`Välkomna. Vi behandlar ${gone} med ${gone}, därefter ${KEPT_ITEM}.`);
    const later = roomPeer(archivist, caseItemId);
    await later.synced;
    expect(later.doc.getText('proposal').toString()).toBe('');
    later.provider.destroy();
  });

  it('the registered notice is a new version of its file, made without the quotes and saying why; the old one is destroyed', async () => {
    const old = (await server.storage.getRecord('files', noticeFile.id))!;
    expect(old.deleted).toBe(true);
    expect(JSON.stringify(old.data)).not.toContain(noticeFile.sha256);
    expect(existsSync(path.join(server.dataDir, 'blobs', noticeFile.sha256.slice(0, 2), noticeFile.sha256))).toBe(false);
    const live = (await server.storage.listWhere('files', 'documentId', noticeDocId)).filter((f) => !f.deleted);
    expect(live).toHaveLength(1);
    const file = live[0]!.data as unknown as FileRecord;
    expect(file).toMatchObject({ fileKey: noticeFile.fileKey, name: 'kallelse.pdf', mediaType: 'application/pdf' });
    expect(file.fileVersion).toBeGreaterThan(noticeFile.fileVersion);
    const res = await fetch(`${server.url}/api/files/${file.id}`, { headers: api(archivist) });
    expect(res.status).toBe(200);
    const text = pdfText(new Uint8Array(await res.arrayBuffer()));
    for (const q of QUOTES) expect(text).not.toContain(q);
    expect(text).toContain(`Gallrad enligt ${DECISION.reference}`);
    expect(text).toContain(KEPT_ITEM);
    expect(text).toContain(`efter gallring enligt ${DECISION.reference}`);
  });

  it('no file of the data folder holds any of the quotes: rooms, board, search index, blobs, log', async () => {
    await server.fileText.idle();
    expect(bytesHits(server.dataDir, QUOTES)).toEqual([]);
  });
});
