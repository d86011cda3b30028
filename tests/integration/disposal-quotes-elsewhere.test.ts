/**
 * Quotes of a disposed case's and documents' titles outside the agendas that named them, on a real
 * server: another meeting's item (its own title and proposal, its proposal room), that meeting's
 * announcement and notice room, and a public notice about no meeting at all quote them; none of
 * them is linked to the case or the documents. After the disposal they name the decision instead,
 * and no file of the data folder holds the quotes. A meeting whose minutes are adjusted quotes a
 * disposed document too: its paragraph, its notice of adjusted minutes and its announcement keep
 * their wording (KL 5 kap. 69 §).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../../shared/src';
import { MeetingRecord, emptyMeetingRecord } from '../../shared/src/model/meeting';
import type { ExecuteDisposalResult } from '../../shared/src/protocol/disposal';
import { closeThroughQa, executeDisposal, registrarPlacing, roomText, writeRoomTexts } from './disposal-world';
import { bytesHits } from './data-folder-bytes';
import { newCase, newIncoming } from './fixtures';
import { RawClient, startTestServer, type TestServer } from './harness';
import { push } from './raw-records';
import { testBody, testItem, testMeeting } from './meetings/world';

const TAIL = () => randomUUID().slice(0, 13);
const CASE_TITLE = `Strandskydd vid Ekudden ${TAIL()}`;
const DOC_TITLE = `Yttrande om bryggan vid Ekudden ${TAIL()}`;
/** A disposed free-standing document quoted only by a meeting with adjusted minutes: it stays there. */
const FREE_TITLE = `Skrivelse om Ekuddens båthus ${TAIL()}`;
const DECISION = { reference: `Gallringsbeslut KS ${TAIL()}`, title: 'Gallring av strandskyddsärenden', date: '2026-12-01' };
const GONE = `Gallrad enligt ${DECISION.reference}`;
const YEAR_MS = 365 * 24 * 3600 * 1000;

let server: TestServer;
let clock = Date.now() - 3 * YEAR_MS;

const stored = async (id: string) => (await server.storage.getRecord('meetings', id))!.data as unknown as MeetingRecord;

describe('quotes of disposed titles outside the agendas that named them', () => {
  let caseId = '';
  let docId = '';
  let freeId = '';
  let meetingId = '';
  let itemId = '';
  let announcementId = '';
  let freeNoticeId = '';
  const adjusted = { meetingId: '', itemId: '', minutesNoticeId: '', announcementId: '' };

  beforeAll(async () => {
    server = await startTestServer({ now: () => clock });
    const { registrar, me, p } = await registrarPlacing(server.url);
    const kase = newCase(me.id, p, CASE_TITLE);
    caseId = kase.id;
    expect((await push(registrar, 'cases', null, kase)).rejected).toEqual([]);
    const received = new Date(clock).toISOString().slice(0, 10);
    const doc: Document = { ...newIncoming(me.id, p, caseId, DOC_TITLE), receivedDate: received };
    const free: Document = { ...newIncoming(me.id, p, '', FREE_TITLE), id: randomUUID(), receivedDate: received };
    [docId, freeId] = [doc.id, free.id];
    for (const d of [doc, free]) expect((await push(registrar, 'documents', null, d)).rejected).toEqual([]);

    // A planned meeting that never lists the case or its documents, yet quotes them; a notice about no meeting.
    const mote = await RawClient.as(server.url, 'mote');
    const body = testBody();
    const meeting = testMeeting(body.id, new Date(clock + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10));
    meetingId = meeting.id;
    const item = testItem(meeting, {
      itemKind: 'other',
      title: `Information om ${DOC_TITLE}`,
      proposal: `Som i ärendet ${CASE_TITLE}.`,
      ordinal: 100,
    });
    itemId = item.id;
    const posting = (o: Partial<MeetingRecord>): MeetingRecord => ({
      ...emptyMeetingRecord('posting', { id: randomUUID(), registerId: meeting.registerId }),
      bodyId: body.id,
      date: meeting.date,
      ...o,
    });
    const announcement = posting({
      title: 'Kungörelse om sammanträde',
      meetingId,
      postingKind: 'meeting_announcement',
      text: `Ärenden:\n1 Information om ${DOC_TITLE}`,
    });
    const freeNotice = posting({ title: 'Kungörelse om samråd', postingKind: 'public_notice', text: `Samråd om ${CASE_TITLE} pågår.` });
    [announcementId, freeNoticeId] = [announcement.id, freeNotice.id];
    for (const r of [body, meeting, item, announcement, freeNotice]) expect((await push(mote, 'meetings', null, r)).rejected).toEqual([]);
    mote.close();

    // The meeting's notice text and the item's proposal in their rooms.
    await writeRoomTexts(server.dataDir, [
      [`meetings/${meetingId}`, 'notice', `Välkomna. ${CASE_TITLE} tas upp under informationen.`],
      [`meetings/${itemId}`, 'proposal', `Förslag: avslå ${DOC_TITLE}.`],
    ]);

    // A meeting whose minutes are adjusted, quoting the free-standing document (planted in the
    // store: the minutes' signing is the meetings tests' subject).
    const m2 = MeetingRecord.parse(
      testMeeting(body.id, received, '', { status: 'minutes_adjusted', adjustedOn: received, title: 'Kommunstyrelsens sammanträde i maj' }),
    );
    const rows = [
      m2,
      MeetingRecord.parse(
        testItem(m2, { itemKind: 'other', title: 'Övriga frågor', decision: `Nämnden noterade ${FREE_TITLE}.`, paragraph: 2 }),
      ),
      posting({
        title: 'Tillkännagivande',
        meetingId: m2.id,
        postingKind: 'minutes_adjusted',
        text: `Protokollet är justerat. § 2 ${FREE_TITLE}`,
      }),
      posting({
        title: 'Kungörelse om sammanträde',
        meetingId: m2.id,
        postingKind: 'meeting_announcement',
        text: `Ärenden: ${FREE_TITLE}`,
      }),
    ];
    [adjusted.meetingId, adjusted.itemId, adjusted.minutesNoticeId, adjusted.announcementId] = [
      rows[0]!.id,
      rows[1]!.id,
      rows[2]!.id,
      rows[3]!.id,
    ];
    await server.storage.transaction(async (tx) => {
      for (const r of rows) await tx.putRecord('meetings', MeetingRecord.parse(r) as never);
    });

    const qa = await RawClient.as(server.url, 'kvalitet');
    await closeThroughQa(qa, registrar, caseId, [docId, freeId]);
    registrar.close();
    qa.close();
    clock = Date.now();
    await server.fileText.idle();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('the data folder holds the quotes before: the board, the items, the rooms, the actor register', () => {
    const hits = bytesHits(server.dataDir, [CASE_TITLE, DOC_TITLE]).join('\n');
    expect(hits).toMatch(new RegExp(`yjs\\.sqlite.*: ${CASE_TITLE}`));
    expect(hits).toMatch(new RegExp(`diarium\\.sqlite.*: ${DOC_TITLE}`));
  });

  it('the disposal replaces them in the other meeting’s item, its notices and rooms, and the free notice', async () => {
    const res = await executeDisposal(server.url, { documentIds: [docId, freeId], caseIds: [caseId] }, DECISION);
    expect(res.status).toBe(200);
    expect((await res.json()) as ExecuteDisposalResult).toMatchObject({ documents: 2, cases: 1 });

    expect(await stored(itemId)).toMatchObject({ title: `Information om ${GONE}`, proposal: `Som i ärendet ${GONE}.` });
    expect((await stored(announcementId)).text).toBe(`Ärenden:\n1 Information om ${GONE}`);
    expect((await stored(freeNoticeId)).text).toBe(`Samråd om ${GONE} pågår.`);
    expect(await roomText(server.dataDir, `meetings/${meetingId}`, 'notice')).toBe(`Välkomna. ${GONE} tas upp under informationen.`);
    expect(await roomText(server.dataDir, `meetings/${itemId}`, 'proposal')).toBe(`Förslag: avslå ${GONE}.`);
    expect(await server.storage.roomCleanups.pending()).toEqual([]);
  });

  it('adjusted minutes, their notice and the announcement of their meeting keep their wording', async () => {
    expect((await stored(adjusted.itemId)).decision).toBe(`Nämnden noterade ${FREE_TITLE}.`);
    expect((await stored(adjusted.minutesNoticeId)).text).toBe(`Protokollet är justerat. § 2 ${FREE_TITLE}`);
    expect((await stored(adjusted.announcementId)).text).toBe(`Ärenden: ${FREE_TITLE}`);
  });

  it('no file of the data folder holds the quotes; the adjusted minutes are the only place the free document’s title is left', async () => {
    await server.fileText.idle();
    expect(bytesHits(server.dataDir, [CASE_TITLE, DOC_TITLE])).toEqual([]);
    const kept = bytesHits(server.dataDir, [FREE_TITLE]);
    expect(kept.length).toBeGreaterThan(0);
    for (const hit of kept) expect(hit).toMatch(/^diarium\.sqlite: /);
  });
});
