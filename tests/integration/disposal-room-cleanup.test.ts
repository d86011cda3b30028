/**
 * A disposal's room clean-up that fails after the commit is not lost, on a real server: the rooms
 * quoting a disposed case (the meeting's notice text, another item's proposal), the disposed item's
 * proposal and the case's notes are in `yjs.sqlite`, where a trigger makes every delete of a
 * room's rows fail. The disposal commits and the rooms keep the quotes; the server is stopped, the
 * fault goes, and at the next start the recorded clean-ups are done: no file of the data folder
 * holds the quotes, nothing is left to do.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../../shared/src';
import type { ExecuteDisposalResult } from '../../shared/src/protocol/disposal';
import { closeThroughQa, executeDisposal, registrarPlacing, roomText, writeRoomTexts } from './disposal-world';
import { bytesHits } from './data-folder-bytes';
import { newCase, newIncoming } from './fixtures';
import { RawClient, startTestServer, type TestServer } from './harness';
import { push } from './raw-records';
import { testBody, testItem, testMeeting } from './meetings/world';

const TAIL = () => randomUUID().slice(0, 13);
const CASE_TITLE = `Strandskydd vid bryggan ${TAIL()}`;
const DOC_TITLE = `Ansökan om brygga i viken ${TAIL()}`;
const ITEM_TITLE = `Brygga på fastigheten Eken ${TAIL()}`;
const ROOM_PROPOSAL = `Nämnden avslår bryggan, viken skyddas ${TAIL()}`;
const NOTES = `Anteckning: grannen ringde om bryggan ${TAIL()}`;
const KEPT = 'Budget 2027 för kultur och fritid';
const DECISION = { reference: `Gallringsbeslut KS ${TAIL()}`, title: 'Gallring av strandskyddsärenden', date: '2026-12-01' };
const YEAR_MS = 365 * 24 * 3600 * 1000;
const QUOTES = [CASE_TITLE, DOC_TITLE, ITEM_TITLE, ROOM_PROPOSAL, NOTES];

let server: TestServer;
let clock = Date.now() - 3 * YEAR_MS;

describe('a disposal’s room clean-up that failed is done at the next start', () => {
  let caseId = '';
  let docId = '';
  let meetingId = '';
  let caseItemId = '';
  let otherItemId = '';
  const notice = () => `Välkomna. Vi behandlar ${ITEM_TITLE} (${CASE_TITLE}), därefter ${KEPT}.`;
  const otherProposal = () => `Som i ärendet ${CASE_TITLE}: ingen ändring av budgeten.`;

  beforeAll(async () => {
    server = await startTestServer({ now: () => clock });
    const { registrar, me, p } = await registrarPlacing(server.url);
    const kase = newCase(me.id, p, CASE_TITLE);
    caseId = kase.id;
    expect((await push(registrar, 'cases', null, kase)).rejected).toEqual([]);
    const doc: Document = { ...newIncoming(me.id, p, caseId, DOC_TITLE), receivedDate: new Date(clock).toISOString().slice(0, 10) };
    docId = doc.id;
    expect((await push(registrar, 'documents', null, doc)).rejected).toEqual([]);

    const mote = await RawClient.as(server.url, 'mote');
    const body = testBody();
    const meeting = testMeeting(body.id, new Date(clock + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10));
    meetingId = meeting.id;
    const caseItem = testItem(meeting, { itemKind: 'case', caseId, title: ITEM_TITLE, documentIds: [docId], ordinal: 100 });
    const other = testItem(meeting, { itemKind: 'other', title: KEPT, ordinal: 200 });
    [caseItemId, otherItemId] = [caseItem.id, other.id];
    for (const r of [body, meeting, caseItem, other]) expect((await push(mote, 'meetings', null, r)).rejected).toEqual([]);
    mote.close();

    // The rooms' texts, written to the server's own store (nobody has these rooms open).
    await writeRoomTexts(server.dataDir, [
      [`meetings/${meetingId}`, 'notice', notice()],
      [`meetings/${caseItemId}`, 'proposal', ROOM_PROPOSAL],
      [`meetings/${otherItemId}`, 'proposal', otherProposal()],
      [`cases/${caseId}`, 'notes', NOTES],
    ]);

    const qa = await RawClient.as(server.url, 'kvalitet');
    await closeThroughQa(qa, registrar, caseId, [docId]);
    registrar.close();
    qa.close();
    clock = Date.now();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('the disposal commits while every room’s rows refuse to go; the rooms keep the quotes', async () => {
    const yjs = new Database(path.join(server.dataDir, 'yjs.sqlite'));
    yjs.exec(
      `CREATE TRIGGER fail_room_delete BEFORE DELETE ON yjs_updates BEGIN SELECT RAISE(ABORT, 'injected: the room store fails'); END`,
    );
    yjs.close();
    const res = await executeDisposal(server.url, { documentIds: [docId], caseIds: [caseId] }, DECISION);
    expect(res.status).toBe(200);
    expect((await res.json()) as ExecuteDisposalResult).toMatchObject({ documents: 1, cases: 1 });
    const hits = bytesHits(server.dataDir, QUOTES).join('\n');
    for (const q of [CASE_TITLE, ROOM_PROPOSAL, NOTES]) expect(hits).toMatch(new RegExp(`yjs\\.sqlite.*${q}`));
  });

  it('what the rooms still owe is recorded: notes to delete, a proposal to empty, quotes to replace', async () => {
    const pending = await server.storage.roomCleanups.pending();
    const decisionId = (await server.storage.disposal.decisions('reg-ks'))[0]!.id;
    expect(new Set(pending.map((c) => `${c.act} ${c.actId}`))).toEqual(new Set([`disposal ${decisionId}`]));
    const rooms = pending.map((c) => `${c.action} ${c.room.collection}/${c.room.id}`).sort();
    // The document's notes room was never written: nothing to delete, done.
    expect(rooms).toEqual(
      [`forget cases/${caseId}`, `clear meetings/${caseItemId}`, `quotes meetings/${meetingId}`, `quotes meetings/${otherItemId}`].sort(),
    );
  });

  it('the health endpoint counts them and says how long the oldest has waited, never what they hold; overdue is degraded', async () => {
    const health = async () => {
      const res = await fetch(`${server.url}/api/health`);
      expect(res.status).toBe(200);
      return res.text();
    };
    const now = await health();
    expect(JSON.parse(now)).toMatchObject({ status: 'ok', roomCleanups: { pending: 4 } });
    expect((JSON.parse(now) as { roomCleanups: { oldestAgeSeconds: number } }).roomCleanups.oldestAgeSeconds).toBeLessThan(600);
    for (const q of [...QUOTES, DECISION.reference, caseId, meetingId]) expect(now).not.toContain(q);
    clock += 20 * 60_000; // still failing 20 minutes later: someone must look
    const later = JSON.parse(await health()) as { status: string; roomCleanups: { pending: number; oldestAgeSeconds: number } };
    expect(later).toMatchObject({ status: 'degraded', roomCleanups: { pending: 4 } });
    expect(later.roomCleanups.oldestAgeSeconds).toBeGreaterThanOrEqual(20 * 60);
  });

  it('at the next start the clean-ups are done: no file of the data folder holds a quote, nothing is left to do', async () => {
    const { dataDir } = server;
    await server.close();
    const yjs = new Database(path.join(dataDir, 'yjs.sqlite'));
    yjs.exec('DROP TRIGGER fail_room_delete');
    yjs.close();
    server = await startTestServer({ dataDir, now: () => clock });
    expect(await server.storage.roomCleanups.pending()).toEqual([]);
    expect(await (await fetch(`${server.url}/api/health`)).json()).toMatchObject({
      status: 'ok',
      roomCleanups: { pending: 0, oldestAgeSeconds: null },
    });
    const gone = `Gallrad enligt ${DECISION.reference}`;
    expect(await roomText(server.dataDir, `meetings/${meetingId}`, 'notice')).toBe(
      `Välkomna. Vi behandlar ${gone} (${gone}), därefter ${KEPT}.`,
    );
    expect(await roomText(server.dataDir, `meetings/${otherItemId}`, 'proposal')).toBe(`Som i ärendet ${gone}: ingen ändring av budgeten.`);
    expect(await roomText(server.dataDir, `meetings/${caseItemId}`, 'proposal')).toBe('');
    expect(await roomText(server.dataDir, `cases/${caseId}`, 'notes')).toBe('');
    await server.fileText.idle();
    expect(bytesHits(dataDir, QUOTES)).toEqual([]);
  });
});
