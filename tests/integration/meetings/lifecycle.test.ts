import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealPeriod, type Case } from '../../../shared/src';
import { emptyMeetingRecord, type MeetingRecord } from '../../../shared/src/model/meeting';
import { randomUUID } from 'node:crypto';
import { MeetingWorld, REGISTER, allPresent, testBody, testItem, testMeeting } from './world';

/*
 * A meeting from planning to posted minutes against a real server, through the pushes a
 * coordinator's (and a case officer's) client makes: what the server stamps, fills in and refuses.
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

const ALL = ['m1', 'm2', 'm3', 'm4', 'm5', 'e1', 'e2'];

const noticeSent = (date: string, items: Partial<MeetingRecord>[]) => w.noticeSent(body.id, meetingCase.id, date, items);
const held = (date: string, items: Partial<MeetingRecord>[]) => w.held(body.id, meetingCase.id, date, items);

describe('reporting a case to a meeting', () => {
  it("the case's officer reports it; the server stamps the case number, the reporter and the time, whatever the client sent", async () => {
    const meeting = await w.accepted('mote', 'meetings', testMeeting(body.id, '2027-03-24', meetingCase.id));
    const item = testItem(meeting, {
      itemKind: 'case',
      caseId: officersCase.id,
      title: 'Motion om fler cykelbanor',
      proposal: 'Motionen bifalls.',
      caseNumber: 'KS 1999-99999',
      reportedBy: 'usr-admin',
      reportedAt: '2000-01-01T00:00:00.000Z',
      paragraph: 7,
    });
    await w.accepted('handlaggare', 'meetings', item);
    const stored = (await w.stored(item.id))!;
    expect(stored).toMatchObject({
      caseNumber: officersCase.caseNumber,
      reportedBy: 'usr-handlaggare',
      reportedAt: new Date(w.server.now()).toISOString(),
      paragraph: 0,
    });
    // The reporter may still change the proposal, and nothing else.
    expect((await w.update('handlaggare', item.id, { proposal: 'Motionen avslås.' })).rejected).toEqual([]);
    expect((await w.update('handlaggare', item.id, { ordinal: 9 })).rejected).toMatchObject([{ code: 'forbidden' }]);
    expect((await w.stored(item.id))!).toMatchObject({ proposal: 'Motionen avslås.', ordinal: 1 });
  });

  it('the coordinator withdraws an item while the agenda is open; the record is deleted', async () => {
    const meeting = await w.accepted('mote', 'meetings', testMeeting(body.id, '2027-03-25', meetingCase.id));
    const item = await w.accepted('mote', 'meetings', testItem(meeting));
    expect((await w.remove('handlaggare', item.id)).rejected).toMatchObject([{ code: 'forbidden' }]);
    expect((await w.remove('mote', item.id)).rejected).toEqual([]);
    expect(await w.stored(item.id)).toBeNull();
  });
});

describe('sending the notice', () => {
  it('is refused until the notice is registered in the meeting’s case, then goes to every member and substitute', async () => {
    const meeting = await w.accepted('mote', 'meetings', testMeeting(body.id, '2027-04-07', meetingCase.id));
    const elsewhere = await w.newDocument('mote', officersCase.id, { title: 'Kallelse i fel ärende' });
    for (const noticeDocumentId of ['', elsewhere.id]) {
      const res = await w.update('mote', meeting.id, { status: 'notice_sent', noticeDocumentId });
      expect(res.rejected).toMatchObject([{ code: 'notice_missing', fields: ['noticeDocumentId'] }]);
    }
    const notice = await w.newDocument('mote', meetingCase.id, { title: 'Kallelse 7 april' });
    const forged = [{ memberId: 'm1', sentAt: '2000-01-01T00:00:00.000Z' }];
    const sent = await w.acceptedUpdate('mote', meeting.id, {
      status: 'notice_sent',
      noticeDocumentId: notice.id,
      noticeRecipients: forged,
    });
    const at = new Date(w.server.now()).toISOString();
    expect(sent.noticeRecipients).toEqual(ALL.map((memberId) => ({ memberId, sentAt: at })));
  });

  it('a meeting is held only after its notice, and never goes back', async () => {
    const meeting = await w.accepted('mote', 'meetings', testMeeting(body.id, '2027-04-08', meetingCase.id));
    expect((await w.update('mote', meeting.id, { status: 'held' })).rejected).toMatchObject([
      { code: 'invalid_status_transition', fields: ['status'] },
    ]);
    expect((await w.stored(meeting.id))!.status).toBe('planned');
  });
});

describe('holding the meeting', () => {
  it('fixes § numbers in agenda order, continuing the body’s calendar year and starting again in a new one', async () => {
    const first = await held('2027-02-10', [{ title: 'Upprop' }, { title: 'Val av justerare' }]);
    expect(first.items.map((i) => i.paragraph)).toEqual([1, 2]);
    const second = await held('2027-05-05', [
      { title: 'Tredje', ordinal: 30 },
      { title: 'Första', ordinal: 10 },
      { title: 'Andra', ordinal: 20 },
    ]);
    const byTitle = Object.fromEntries(second.items.map((i) => [i.title, i.paragraph]));
    expect(byTitle).toEqual({ Första: 3, Andra: 4, Tredje: 5 });
    const nextYear = await held('2028-01-20', [{ title: 'Upprop' }]);
    expect(nextYear.items[0]!.paragraph).toBe(1);
    // A § number pushed by a client is replaced by the stored one.
    await w.acceptedUpdate('mote', second.items[0]!.id, { paragraph: 99, decision: 'Beslutar enligt förslaget.' });
    expect((await w.stored(second.items[0]!.id))!.paragraph).toBe(5);
  });

  it('takes a vote by the members serving, with a substitute serving for an absent member', async () => {
    const { meeting, items } = await noticeSent('2027-06-02', [{ title: 'Budget', itemKind: 'other' }]);
    const attendance = [
      ...allPresent(['m1', 'm2', 'm3', 'm4']),
      { memberId: 'm5', present: false, servingForMemberId: '', arrivedAtItemId: '', leftAtItemId: '' },
      { memberId: 'e1', present: true, servingForMemberId: 'm5', arrivedAtItemId: '', leftAtItemId: '' },
    ];
    await w.acceptedUpdate('mote', meeting.id, { status: 'held', attendance });
    const votes = [
      { memberId: 'm1', vote: 'yes' as const },
      { memberId: 'm2', vote: 'no' as const },
      { memberId: 'm3', vote: 'no' as const },
      { memberId: 'm4', vote: 'yes' as const },
      { memberId: 'e1', vote: 'yes' as const },
    ];
    const decided = await w.acceptedUpdate('mote', items[0]!.id, {
      voteRequested: true,
      votes,
      decision: 'Budgeten fastställs efter omröstning (3–2).',
    });
    expect(decided.votes).toEqual(votes);
  });
});

describe('adjusting and posting the minutes', () => {
  it('adjustment needs the minutes signed by the chair and the adjuster in order; posting puts the notice on the board', async () => {
    const { meeting } = await held('2027-09-01', [{ title: 'Upprop' }]);
    const minutes = await w.newDocument('mote', meetingCase.id, { title: 'Protokoll 1 september' });
    await w.acceptedUpdate('mote', meeting.id, { adjusterMemberIds: ['m2'], minutesDocumentId: minutes.id });
    const adjust = () => w.update('mote', meeting.id, { status: 'minutes_adjusted', adjustedOn: '2000-01-01' });
    expect((await adjust()).rejected).toMatchObject([{ code: 'minutes_not_adjusted', fields: ['minutesDocumentId'] }]);
    await w.signedFlow(minutes.id, meetingCase.id, ['usr-handlaggare', 'usr-politiker']);
    expect((await adjust()).rejected).toMatchObject([{ code: 'minutes_not_adjusted' }]);
    await w.signedFlow(minutes.id, meetingCase.id, ['usr-politiker', 'usr-handlaggare']);
    w.setToday('2027-09-06');
    expect((await adjust()).rejected).toEqual([]);
    expect((await w.stored(meeting.id))!.adjustedOn).toBe('2027-09-06');

    w.setToday('2027-09-07');
    expect((await w.update('mote', meeting.id, { status: 'posted' })).rejected).toEqual([]);
    const postings = (await w.server.storage.listWhere('meetings', 'meetingId', meeting.id)).filter((r) => r.data.kind === 'posting');
    expect(postings).toHaveLength(1);
    const posting = postings[0]!.data as unknown as MeetingRecord;
    expect(posting).toMatchObject({
      postingKind: 'minutes_adjusted',
      bodyId: body.id,
      date: '2027-09-01',
      postedOn: '2027-09-07',
      ...appealPeriod('2027-09-07'),
    });
    expect(posting.lastAppealDay).toBe('2027-09-28');
    expect(posting.text).toContain('Kommunstyrelsen har justerat protokollet från sammanträdet 2027-09-01');
    expect(posting.text).toContain('Protokollet justerades 2027-09-06.');
  });

  it('immediate adjustment: the marked items get their own signed part and notice at once; the rest follows the ordinary adjustment', async () => {
    w.setToday('2027-11-03');
    const { meeting, items } = await held('2027-11-03', [
      { title: 'Brådskande upphandling', itemKind: 'other' },
      { title: 'Budgetuppföljning', itemKind: 'other' },
    ]);
    const [urgent, ordinary] = items as [MeetingRecord, MeetingRecord];
    const part = await w.newDocument('mote', meetingCase.id, { title: 'Protokoll, omedelbar justering § 1' });
    await w.acceptedUpdate('mote', meeting.id, { adjusterMemberIds: ['m2'] });
    const adjustAtOnce = () => w.update('mote', meeting.id, { immediateMinutesDocumentId: part.id, immediateAdjustedOn: '2000-01-01' });
    // Nothing marked yet; then marked but undecided; then unsigned.
    expect((await adjustAtOnce()).rejected).toMatchObject([{ code: 'minutes_not_adjusted', fields: ['immediateMinutesDocumentId'] }]);
    await w.acceptedUpdate('mote', urgent.id, { immediateAdjustment: true });
    expect((await adjustAtOnce()).rejected).toMatchObject([{ code: 'minutes_not_adjusted', fields: ['immediateMinutesDocumentId'] }]);
    await w.acceptedUpdate('mote', urgent.id, { decision: 'Upphandlingen avbryts.' });
    expect((await adjustAtOnce()).rejected).toMatchObject([{ code: 'minutes_not_adjusted', fields: ['immediateMinutesDocumentId'] }]);
    await w.signedFlow(part.id, meetingCase.id, ['usr-politiker', 'usr-handlaggare']);
    expect((await adjustAtOnce()).rejected).toEqual([]);
    expect((await w.stored(meeting.id))!).toMatchObject({ status: 'held', immediateAdjustedOn: '2027-11-03' });

    // Its notice is on the board today, naming the paragraph.
    const postings = (await w.server.storage.listWhere('meetings', 'meetingId', meeting.id)).map((r) => r.data as unknown as MeetingRecord);
    const posting = postings.find((p) => p.kind === 'posting')!;
    const paragraph = (await w.stored(urgent.id))!.paragraph;
    expect(posting).toMatchObject({ postingKind: 'minutes_adjusted', postedOn: '2027-11-03', ...appealPeriod('2027-11-03') });
    expect(posting.title).toContain(`§ ${paragraph}`);
    expect(posting.text).toContain(`omedelbart justerat § ${paragraph}`);

    // The adjusted item's decision is final, no other item joins it, and the part is adjusted once.
    expect((await w.update('mote', urgent.id, { decision: 'Ändrat beslut.' })).rejected).toMatchObject([
      { code: 'meeting_locked', fields: ['decision'] },
    ]);
    expect((await w.update('mote', ordinary.id, { immediateAdjustment: true })).rejected).toMatchObject([
      { code: 'meeting_locked', fields: ['immediateAdjustment'] },
    ]);
    expect((await w.update('mote', meeting.id, { immediateMinutesDocumentId: '' })).rejected).toMatchObject([
      { code: 'meeting_locked', fields: ['immediateMinutesDocumentId'] },
    ]);
    // The other items are still decided at the meeting and adjusted the ordinary way.
    expect((await w.update('mote', ordinary.id, { decision: 'Informationen noteras.' })).rejected).toEqual([]);
  });

  it('a posting made by hand gets the server’s dates, whatever the client sent', async () => {
    w.setToday('2027-10-04');
    const posting: MeetingRecord = {
      ...emptyMeetingRecord('posting', { id: randomUUID(), registerId: REGISTER }),
      bodyId: body.id,
      postingKind: 'public_notice',
      title: 'Kungörelse om granskning av detaljplan',
      text: 'Planförslaget finns tillgängligt i Stadshuset.',
      postedOn: '2000-01-01',
      lastAppealDay: '2000-01-22',
      takeDownOn: '2000-01-23',
    };
    const stored = await w.accepted('mote', 'meetings', posting);
    expect(stored).toMatchObject({ postedOn: '2027-10-04', ...appealPeriod('2027-10-04') });
    // A meeting announcement stays up until the meeting is over; it cannot be appealed.
    const announcement = { ...posting, id: randomUUID(), postingKind: 'meeting_announcement' as const, date: '2027-10-20' };
    expect(await w.accepted('mote', 'meetings', announcement)).toMatchObject({
      postedOn: '2027-10-04',
      lastAppealDay: '',
      takeDownOn: '2027-10-21',
    });
    // Later edits keep the posting day.
    w.setToday('2027-10-06');
    expect(await w.acceptedUpdate('mote', posting.id, { text: 'Rättad text.', postedOn: '2027-10-06' })).toMatchObject({
      postedOn: '2027-10-04',
    });
  });
});
