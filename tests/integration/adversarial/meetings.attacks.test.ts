import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, PushResponse } from '../../../shared/src';
import { emptyMeetingRecord, type MeetingRecord } from '../../../shared/src/model/meeting';
import { MeetingWorld, REGISTER, SEATS, allPresent, testBody, testItem, testMeeting } from '../meetings/world';

/*
 * Meeting records pushed by clients that lie, over the raw protocol: each refusal is checked
 * against one exact code, and the stored record is checked unchanged.
 */

let w: MeetingWorld;
let body: MeetingRecord;
let meetingCase: Case;
let officersCase: Case;

beforeAll(async () => {
  w = await MeetingWorld.start('2027-03-01');
  body = await w.accepted('mote', 'meetings', testBody());
  meetingCase = await w.newCase('mote', { title: 'Kommunstyrelsens sammanträden 2027' });
  officersCase = await w.newCase('handlaggare', { title: 'Motion om fler cykelbanor' });
});

afterAll(async () => {
  await w?.stop();
});

function refused(res: PushResponse, code: string, fields?: string[]): void {
  expect(res.rejected).toHaveLength(1);
  expect(res.rejected[0]!.code).toBe(code);
  if (fields) expect(res.rejected[0]!.fields).toEqual(fields);
}

const vote = (memberId: string, v: 'yes' | 'no' | 'abstain' = 'yes') => ({ memberId, vote: v });
const absent = (memberId: string) => ({ memberId, present: false, servingForMemberId: '', arrivedAtItemId: '', leftAtItemId: '' });

/** A held meeting with one item; attendance as given. */
async function heldWith(attendance: ReturnType<typeof allPresent>, item: Partial<MeetingRecord> = {}) {
  const { meeting, items } = await w.noticeSent(body.id, meetingCase.id, '2027-03-10', [{ title: 'Ärende', ...item }]);
  await w.acceptedUpdate('mote', meeting.id, { status: 'held', attendance });
  return { meeting, item: items[0]! };
}

describe('votes and decisions', () => {
  it('a vote by a member not serving at the item is refused: invalid_vote', async () => {
    const { item } = await heldWith([...allPresent(['m1', 'm2', 'm3', 'm4']), absent('m5')]);
    refused(await w.update('mote', item.id, { votes: [vote('m1'), vote('m5')] }), 'invalid_vote', ['votes']);
    expect((await w.stored(item.id))!.votes).toEqual([]);
  });

  it('a vote by a member disqualified on the item is refused: invalid_vote', async () => {
    const { item } = await heldWith(allPresent(SEATS));
    await w.acceptedUpdate('mote', item.id, { disqualifiedMemberIds: ['m3'] });
    refused(await w.update('mote', item.id, { votes: [vote('m1'), vote('m3')] }), 'invalid_vote', ['votes']);
    expect((await w.stored(item.id))!.votes).toEqual([]);
  });

  it('two votes by one member are refused: invalid_vote', async () => {
    const { item } = await heldWith(allPresent(SEATS));
    refused(await w.update('mote', item.id, { votes: [vote('m1'), vote('m2', 'no'), vote('m1', 'no')] }), 'invalid_vote', ['votes']);
  });

  it('a decision without a quorum is refused: no_quorum', async () => {
    const { item } = await heldWith([...allPresent(['m1', 'm2']), absent('m3'), absent('m4'), absent('m5')]);
    refused(await w.update('mote', item.id, { decision: 'Kommunstyrelsen beslutar enligt förslaget.' }), 'no_quorum', ['decision']);
    expect((await w.stored(item.id))!.decision).toBe('');
  });

  it('disqualifying members until fewer than half the seats take part removes the quorum: no_quorum', async () => {
    const { item } = await heldWith([...allPresent(['m1', 'm2', 'm3']), absent('m4'), absent('m5')]);
    refused(await w.update('mote', item.id, { disqualifiedMemberIds: ['m3'], decision: 'Bifall.' }), 'no_quorum', ['decision']);
  });

  it('a decision before the meeting is held is refused: meeting_locked', async () => {
    const meeting = await w.accepted('mote', 'meetings', testMeeting(body.id, '2027-03-11', meetingCase.id));
    const item = await w.accepted('mote', 'meetings', testItem(meeting));
    refused(await w.update('mote', item.id, { decision: 'Bifall.' }), 'meeting_locked', ['decision']);
  });
});

describe('who writes the agenda', () => {
  it.each(['lasare', 'politiker'])('%s (read-only) cannot add, change or withdraw an item: forbidden', async (username) => {
    const meeting = await w.accepted('mote', 'meetings', testMeeting(body.id, '2027-03-12', meetingCase.id));
    const item = await w.accepted('mote', 'meetings', testItem(meeting, { proposal: 'Förslag' }));
    const added = testItem(meeting, { ordinal: 2 });
    refused(await w.create(username, 'meetings', added), 'forbidden');
    expect(await w.stored(added.id)).toBeNull();
    refused(await w.update(username, item.id, { proposal: 'Ändrat' }), 'forbidden');
    refused(await w.remove(username, item.id), 'forbidden');
    expect((await w.stored(item.id))!.proposal).toBe('Förslag');
  });

  it('read-only users cannot create bodies, meetings or postings: forbidden', async () => {
    const posting = {
      ...emptyMeetingRecord('posting', { id: randomUUID(), registerId: REGISTER }),
      postingKind: 'public_notice',
      title: 'Falsk',
    };
    for (const record of [testBody(), testMeeting(body.id, '2027-04-01'), posting]) {
      refused(await w.create('politiker', 'meetings', record), 'forbidden');
      expect(await w.stored(record.id)).toBeNull();
    }
  });

  it('a case the reporter may not edit cannot be reported: forbidden', async () => {
    const meeting = await w.accepted('mote', 'meetings', testMeeting(body.id, '2027-03-13', meetingCase.id));
    const othersCase = await w.newCase('registrator', { responsibleUserId: 'usr-registrator2' });
    const item = testItem(meeting, { itemKind: 'case', caseId: othersCase.id });
    refused(await w.create('handlaggare', 'meetings', item), 'forbidden', ['caseId']);
    refused(await w.create('politiker', 'meetings', { ...item, id: randomUUID() }), 'forbidden', ['caseId']);
    expect(await w.stored(item.id)).toBeNull();
  });

  it('an unknown case, or one of another register, cannot be reported: unknown_reference', async () => {
    const meeting = await w.accepted('mote', 'meetings', testMeeting(body.id, '2027-03-14', meetingCase.id));
    const sn = await w.as('sn.registrator');
    const snCases = (await sn.pullAll('cases')).filter((c) => c.registerId === 'reg-sn');
    expect(snCases.length).toBeGreaterThan(0);
    for (const caseId of ['no-such-case', String(snCases[0]!.id)])
      refused(await w.create('mote', 'meetings', testItem(meeting, { itemKind: 'case', caseId })), 'unknown_reference', ['caseId']);
  });

  it('a reporter may change only the proposal of their own item: forbidden', async () => {
    const meeting = await w.accepted('mote', 'meetings', testMeeting(body.id, '2027-03-15', meetingCase.id));
    const item = await w.accepted('handlaggare', 'meetings', testItem(meeting, { itemKind: 'case', caseId: officersCase.id }));
    refused(await w.update('handlaggare', item.id, { immediateAdjustment: true }), 'forbidden');
    refused(await w.update('handlaggare', item.id, { title: 'Annan rubrik' }), 'forbidden');
    const own = testItem(meeting, { itemKind: 'case', caseId: officersCase.id, decision: 'Bifall.' });
    refused(await w.create('handlaggare', 'meetings', own), 'forbidden');
  });

  it('an item cannot move to another meeting or change kind: forbidden', async () => {
    const meeting = await w.accepted('mote', 'meetings', testMeeting(body.id, '2027-03-16', meetingCase.id));
    const other = await w.accepted('mote', 'meetings', testMeeting(body.id, '2027-03-17', meetingCase.id));
    const item = await w.accepted('mote', 'meetings', testItem(meeting));
    refused(await w.update('mote', item.id, { meetingId: other.id }), 'forbidden', ['meetingId']);
    refused(await w.update('mote', item.id, { kind: 'posting', itemKind: '', postingKind: 'public_notice', meetingId: '' }), 'forbidden');
    expect((await w.stored(item.id))!.meetingId).toBe(meeting.id);
  });

  it('the agenda is fixed once the meeting is held: meeting_locked', async () => {
    const { meeting, item } = await heldWith(allPresent(SEATS));
    refused(await w.create('mote', 'meetings', testItem(meeting, { ordinal: 5 })), 'meeting_locked', ['meetingId']);
    refused(await w.update('mote', item.id, { ordinal: 9 }), 'meeting_locked', ['ordinal']);
    refused(await w.remove('mote', item.id), 'meeting_locked', ['meetingId']);
    expect(await w.stored(item.id)).not.toBeNull();
  });

  it('only agenda items are withdrawn; a body or meeting is never deleted: forbidden', async () => {
    const meeting = await w.accepted('mote', 'meetings', testMeeting(body.id, '2027-03-18', meetingCase.id));
    refused(await w.remove('mote', body.id), 'forbidden');
    refused(await w.remove('mote', meeting.id), 'forbidden');
    expect(await w.stored(body.id)).not.toBeNull();
  });
});

describe('the status machine and its conditions', () => {
  it('skipping or reversing a step is refused: invalid_status_transition', async () => {
    const planned = await w.accepted('mote', 'meetings', testMeeting(body.id, '2027-03-19', meetingCase.id));
    refused(await w.update('mote', planned.id, { status: 'held' }), 'invalid_status_transition', ['status']);
    const created = testMeeting(body.id, '2027-03-20', meetingCase.id, { status: 'posted' });
    refused(await w.create('mote', 'meetings', created), 'invalid_status_transition', ['status']);
    const { meeting } = await heldWith(allPresent(SEATS));
    refused(await w.update('mote', meeting.id, { status: 'notice_sent' }), 'invalid_status_transition', ['status']);
    refused(await w.update('mote', meeting.id, { status: 'posted' }), 'invalid_status_transition', ['status']);
    expect((await w.stored(meeting.id))!.status).toBe('held');
  });

  it('adjusting with a flow that is not approved, or signed by others, is refused: minutes_not_adjusted', async () => {
    const { meeting } = await heldWith(allPresent(SEATS));
    const minutes = await w.newDocument('mote', meetingCase.id, { title: 'Protokoll' });
    await w.acceptedUpdate('mote', meeting.id, { adjusterMemberIds: ['m2'], minutesDocumentId: minutes.id });
    await w.signedFlow(minutes.id, meetingCase.id, ['usr-politiker', 'usr-handlaggare'], { status: 'active', completedAt: '' });
    await w.signedFlow(minutes.id, meetingCase.id, ['usr-politiker', 'usr-mote']);
    refused(await w.update('mote', meeting.id, { status: 'minutes_adjusted' }), 'minutes_not_adjusted', ['minutesDocumentId']);
    expect((await w.stored(meeting.id))!).toMatchObject({ status: 'held', adjustedOn: '' });
  });

  it('attendance that seats a substitute for a present member is refused: invalid_schema', async () => {
    const { meeting } = await heldWith(allPresent(SEATS));
    const attendance = [...allPresent(SEATS), { ...allPresent(['e1'])[0]!, servingForMemberId: 'm1' }];
    refused(await w.update('mote', meeting.id, { attendance }), 'invalid_schema', ['attendance']);
  });

  it('a body with an invalid personal identity number is refused: invalid_schema', async () => {
    const b = testBody();
    b.memberIdentities = [{ memberId: 'm1', identityNumber: '19800101-2388' }];
    refused(await w.create('mote', 'meetings', b), 'invalid_schema', ['memberIdentities']);
  });
});

describe('identity numbers', () => {
  it('reach the actor register as “changed”, never as values, so audit readers do not receive them', async () => {
    const b = testBody();
    b.memberIdentities = [{ memberId: 'm1', identityNumber: '19800101-2387' }];
    await w.accepted('mote', 'meetings', b);
    await w.acceptedUpdate('mote', b.id, { memberIdentities: [{ memberId: 'm2', identityNumber: '19800101-2387' }] });
    const auditor = await w.as('admin');
    const entries = (await auditor.pullAll('audit')).filter((e) => e.recordId === b.id);
    expect(entries).toHaveLength(2);
    expect(JSON.stringify(entries)).toContain('memberIdentities');
    expect(auditor.frames.some((f) => f.includes('19800101-2387') || f.includes('198001012387'))).toBe(false);
  });
});

describe('items follow their case’s restriction', () => {
  it('when the case becomes restricted, its item is re-sent with the case’s content withheld', async () => {
    const openCase = await w.newCase('handlaggare', { title: 'Ärende som blir sekretessbelagt' });
    const meeting = await w.accepted('mote', 'meetings', testMeeting(body.id, '2027-03-22', meetingCase.id));
    const item = await w.accepted(
      'handlaggare',
      'meetings',
      testItem(meeting, { itemKind: 'case', caseId: openCase.id, title: 'RESENT-TITLE-x1', proposal: 'RESENT-PROPOSAL-x2' }),
    );
    const reader = await w.as('lasare');
    const first = await reader.pullToEnd('meetings');
    expect(first.records.find((r) => r.id === item.id)).toMatchObject({ title: 'RESENT-TITLE-x1' });
    const rec = (await w.server.storage.getRecord('cases', openCase.id))!;
    const current = { ...rec.data, syncVersion: rec.version };
    const res = await (
      await w.as('handlaggare')
    ).push('cases', { ...current, restrictionKind: 'secrecy', legalGround: 'OSL 26 kap. 1 §' }, current);
    expect(res.rejected).toEqual([]);
    const after = await reader.pullToEnd('meetings', first.checkpoint);
    const resent = after.records.find((r) => r.id === item.id);
    expect(resent).toMatchObject({ title: '', proposal: '' });
    expect(resent!.withheld).toEqual(expect.arrayContaining(['title', 'proposal']));
  });
});
