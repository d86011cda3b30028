import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AUTH_SUBPROTOCOL_PREFIX, ROOM_MODE_READ_ONLY, ROOM_MODE_WRITE, YJS_MESSAGE_ROOM_MODE, YJS_SUBPROTOCOL } from '../../../shared/src';
import type { MeetingRecord } from '../../../shared/src/model/meeting';
import { MeetingWorld, SEATS, allPresent, testBody, testItem, testMeeting } from './world';

/*
 * The Yjs rooms of meetings (the notice text) and agenda items (the proposal) on the real server:
 * who joins, who writes, and that holding the meeting turns writers into readers.
 */

let w: MeetingWorld;
let body: MeetingRecord;
let meeting: MeetingRecord;
let item: MeetingRecord;
let secretItem: MeetingRecord;

interface Joined {
  ws: WebSocket;
  bytes: Buffer[];
  outcome: Promise<{ status?: number; close?: number }>;
}

function join(token: string, id: string): Joined {
  const ws = new WebSocket(`${w.server.url.replace(/^http/, 'ws')}/yjs/meetings/${id}`, [
    YJS_SUBPROTOCOL,
    `${AUTH_SUBPROTOCOL_PREFIX}${token}`,
  ]);
  const bytes: Buffer[] = [];
  ws.on('message', (d) => bytes.push(Buffer.from(d as Buffer)));
  const outcome = new Promise<{ status?: number; close?: number }>((resolve) => {
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve({ status: res.statusCode });
    });
    ws.once('close', (code) => resolve({ close: code }));
    ws.on('error', () => undefined);
  });
  return { ws, bytes, outcome };
}

/** The modes the server announced to the socket so far. */
const modes = (j: Joined) => j.bytes.filter((b) => b[0] === YJS_MESSAGE_ROOM_MODE).map((b) => b[1]);

async function modeOf(username: string, id: string): Promise<number> {
  const j = join((await w.as(username)).token, id);
  await vi.waitFor(() => expect(modes(j).length).toBeGreaterThan(0), { timeout: 10_000, interval: 10 });
  j.ws.close();
  return modes(j)[0]!;
}

beforeAll(async () => {
  w = await MeetingWorld.start('2027-03-01');
  body = await w.accepted('mote', 'meetings', testBody());
  const meetingCase = await w.newCase('mote', { title: 'Sammanträden 2027' });
  const officersCase = await w.newCase('handlaggare', { title: 'Motion om fler cykelbanor' });
  meeting = await w.accepted('mote', 'meetings', testMeeting(body.id, '2027-03-10', meetingCase.id));
  item = await w.accepted('handlaggare', 'meetings', testItem(meeting, { itemKind: 'case', caseId: officersCase.id, title: 'Cykelbanor' }));
  const secretCase = await w.newCase('handlaggare', { restrictionKind: 'secrecy', legalGround: 'OSL 26 kap. 1 §' });
  secretItem = testItem(meeting, { itemKind: 'case', caseId: secretCase.id, caseNumber: secretCase.caseNumber, ordinal: 2 });
  await w.server.storage.transaction(async (tx) => {
    await tx.putRecord('meetings', secretItem);
  });
});

afterAll(async () => {
  await w?.stop();
});

describe('meeting rooms', () => {
  it('while the meeting is prepared: the coordinator writes the notice, readers of the register read it', async () => {
    expect(await modeOf('mote', meeting.id)).toBe(ROOM_MODE_WRITE);
    expect(await modeOf('lasare', meeting.id)).toBe(ROOM_MODE_READ_ONLY);
    expect(await modeOf('politiker', meeting.id)).toBe(ROOM_MODE_READ_ONLY);
    expect(await modeOf('handlaggare', meeting.id)).toBe(ROOM_MODE_READ_ONLY);
  });

  it('an item’s proposal: written by the coordinator and by its reporter, read by others', async () => {
    expect(await modeOf('mote', item.id)).toBe(ROOM_MODE_WRITE);
    expect(await modeOf('handlaggare', item.id)).toBe(ROOM_MODE_WRITE);
    expect(await modeOf('lasare', item.id)).toBe(ROOM_MODE_READ_ONLY);
  });

  it('no room for a body, none for those outside the register, none for an item whose case is withheld from them', async () => {
    expect((await join((await w.as('mote')).token, body.id).outcome).status).toBe(403);
    expect((await join((await w.as('sn.registrator')).token, meeting.id).outcome).status).toBe(403);
    expect((await join((await w.as('lasare')).token, secretItem.id).outcome).status).toBe(403);
  });

  it('holding the meeting turns the writers of notice and proposals into readers, at once', async () => {
    const notice = join((await w.as('mote')).token, meeting.id);
    const proposal = join((await w.as('handlaggare')).token, item.id);
    await vi.waitFor(() => expect([modes(notice), modes(proposal)]).toEqual([[ROOM_MODE_WRITE], [ROOM_MODE_WRITE]]), {
      timeout: 10_000,
      interval: 10,
    });
    const doc = await w.newDocument('mote', meeting.caseId, { title: 'Kallelse' });
    await w.acceptedUpdate('mote', meeting.id, { status: 'notice_sent', noticeDocumentId: doc.id });
    await w.acceptedUpdate('mote', meeting.id, { status: 'held', attendance: allPresent(SEATS) });
    await vi.waitFor(() => expect([modes(notice).at(-1), modes(proposal).at(-1)]).toEqual([ROOM_MODE_READ_ONLY, ROOM_MODE_READ_ONLY]), {
      timeout: 10_000,
      interval: 10,
    });
    notice.ws.close();
    proposal.ws.close();
  });
});
