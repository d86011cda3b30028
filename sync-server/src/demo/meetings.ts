import { addDays, orderAgenda, paragraphNumbers, type Case } from '../../../shared/src';
import { emptyMeetingRecord, type Attendance, type BodyMember, type MeetingRecord } from '../../../shared/src/model/meeting';
import { isWorkingDay } from '../../../shared/src/rules/working-days';
import { minutesPosting } from '../sync/meeting-posting';
import type { DoctypeKey } from './doctypes';
import { KS_REGISTER_ID, userId } from './people';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Kommunstyrelsen's members: eleven seats, chair, vice and second vice chair. */
const MEMBERS: readonly [name: string, party: string, role: BodyMember['role']][] = [
  ['Eva Ahl', 'S', 'chair'],
  ['Henrik Alm', 'M', 'vice_chair'],
  ['Rolf Engström', 'SD', 'second_vice_chair'],
  ['Ola Strand', 'S', 'member'],
  ['Petra Sundin', 'S', 'member'],
  ['Birgit Hed', 'M', 'member'],
  ['Karl-Erik Moberg', 'C', 'member'],
  ['Samir Khalil', 'V', 'member'],
  ['Annika Dahlberg', 'KD', 'member'],
  ['Lena Frisk', 'L', 'member'],
  ['Tove Rask', 'MP', 'member'],
];
/** Substitutes, in their party's order of service. */
const SUBSTITUTES: readonly [name: string, party: string][] = [
  ['Maja Lund', 'S'],
  ['Jonas Berg', 'S'],
  ['Ingrid Holm', 'M'],
  ['Kent Nyberg', 'SD'],
  ['Sofia Ek', 'C'],
  ['Ali Hassan', 'V'],
];

/** A document the meetings need registered in the meeting's case (the notice, the minutes). */
export interface MeetingDocumentDraft {
  id: string;
  caseId: string;
  type: DoctypeKey;
  title: string;
  ms: number;
}

export interface DemoMeetings {
  meetings: MeetingRecord[];
  documents: MeetingDocumentDraft[];
}

/** The nearest working day on or before the date. */
function workingDayBefore(date: string): string {
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

/** Noon in Stockholm of a date (winter or summer time alike: 10 or 11 UTC). */
const noon = (date: string) => Date.parse(`${date}T10:30:00Z`);

/** The term of office (mandatperiod) covering a date: four years from 2023, 2027, 2031 … */
export function termOf(date: string): { from: string; to: string } {
  const start = 2023 + 4 * Math.floor((Number(date.slice(0, 4)) - 2023) / 4);
  return { from: `${start}-01-01`, to: `${start + 3}-12-31` };
}

function body(nowIso: string, today: string): MeetingRecord {
  const term = termOf(today);
  const order = new Map<string, number>();
  const members: BodyMember[] = [
    ...MEMBERS.map(([name, party, role], i) => ({
      id: `ks-member-${i + 1}`,
      name,
      party,
      role,
      ...term,
      substituteOrder: 0,
      // The demo's elected official (Eva Ahl) is the chair; the meeting coordinator is no member.
      userId: i === 0 ? userId('politiker') : '',
    })),
    ...SUBSTITUTES.map(([name, party], i) => {
      const n = (order.get(party) ?? 0) + 1;
      order.set(party, n);
      return {
        id: `ks-substitute-${i + 1}`,
        name,
        party,
        role: 'substitute' as const,
        ...term,
        substituteOrder: n,
        userId: '',
      };
    }),
  ];
  return {
    ...emptyMeetingRecord('body', { id: 'mtg-body-ks', registerId: KS_REGISTER_ID }),
    syncVersion: 1,
    updatedAt: nowIso,
    title: 'Kommunstyrelsen',
    bodyType: 'executive_board',
    terms: [{ id: `term-${term.from.slice(0, 4)}`, ...term }],
    members,
  };
}

const STANDARD_ITEMS: readonly [MeetingRecord['itemKind'], string][] = [
  ['opening', 'Sammanträdets öppnande'],
  ['adjuster_election', 'Val av justerare'],
  ['agenda_approval', 'Godkännande av dagordningen'],
];

function item(meeting: MeetingRecord, n: number, o: Partial<MeetingRecord>): MeetingRecord {
  return {
    ...emptyMeetingRecord('item', { id: `${meeting.id}-item-${n}`, registerId: KS_REGISTER_ID }),
    syncVersion: 1,
    updatedAt: meeting.updatedAt,
    bodyId: meeting.bodyId,
    meetingId: meeting.id,
    ordinal: n,
    ...o,
  };
}

function reported(meeting: MeetingRecord, n: number, c: Case, reportedAt: string): MeetingRecord {
  return item(meeting, n, {
    itemKind: 'case',
    caseId: c.id,
    caseNumber: c.caseNumber,
    title: c.title,
    proposal: `Kommunstyrelsen föreslås besluta i enlighet med tjänsteskrivelsen i ärende ${c.caseNumber}.`,
    reportedBy: c.responsibleUserId,
    reportedAt,
  });
}

/**
 * Kommunstyrelsen with its members and substitutes; a meeting held ten days ago (one substitute
 * serving for an absent member, one vote, decisions, minutes adjusted and posted, its notice on
 * the board today) and a meeting in nine days with its notice sent and two reported cases. The
 * notices and minutes are registered in an open case of the meeting-administration process,
 * when the register has one. Deterministic: everything follows from `now` and the cases.
 */
export function buildDemoMeetings(now: number, date: (ms: number) => string, cases: readonly Case[]): DemoMeetings {
  const nowIso = new Date(now).toISOString();
  const today = date(now);
  const ks = body(nowIso, today);
  // Open, quality-assured cases: the meetings' own case and the reported ones.
  const ksCases = cases.filter((c) => c.registerId === KS_REGISTER_ID && c.status === 'registered');
  // The notices and minutes go in the newest meeting-administration case registered before them.
  const heldOn = workingDayBefore(addDays(today, -10));
  const meetingCase = [...ksCases]
    .reverse()
    .find((c) => c.classCode === '1.1.3.4' && c.registeredDate < addDays(heldOn, -8) && c.nextDocumentSerial <= 4);
  const reportable = ksCases.filter((c) => c !== meetingCase && c.responsibleUserId === userId('handlaggare'));
  const documents: MeetingDocumentDraft[] = [];
  const doc = (id: string, type: DoctypeKey, title: string, ms: number) => {
    if (!meetingCase) return '';
    documents.push({ id, caseId: meetingCase.id, type, title, ms });
    return id;
  };

  // The held meeting: ten days ago, adjusted four days later, posted the day after.
  const adjustedOn = addDays(heldOn, 4);
  const postedOn = addDays(heldOn, 5);
  const held: MeetingRecord = {
    ...emptyMeetingRecord('meeting', { id: `mtg-ks-${heldOn}`, registerId: KS_REGISTER_ID }),
    syncVersion: 1,
    updatedAt: nowIso,
    title: `Kommunstyrelsens sammanträde ${heldOn}`,
    bodyId: ks.id,
    caseId: meetingCase?.id ?? '',
    status: 'posted',
    date: heldOn,
    startTime: '09:00',
    place: 'Sessionssalen, Stadshuset',
    adjusterMemberIds: ['ks-member-2'],
    minutesKeptAt: 'Kommunkansliet, Stadshuset',
    adjustedOn,
  };
  const heldMembers = ks.members.filter((m) => m.role !== 'substitute').map((m) => m.id);
  held.noticeRecipients = ks.members.map((m) => ({ memberId: m.id, sentAt: new Date(noon(addDays(heldOn, -8))).toISOString() }));
  // Ola Strand (S) is away; Maja Lund (S), first in the Social Democrats' order, serves for him.
  const attendance: Attendance[] = heldMembers.map((memberId) => ({
    memberId,
    present: memberId !== 'ks-member-4',
    servingForMemberId: '',
    arrivedAtItemId: '',
    leftAtItemId: '',
  }));
  attendance.push({ memberId: 'ks-substitute-1', present: true, servingForMemberId: 'ks-member-4', arrivedAtItemId: '', leftAtItemId: '' });
  held.attendance = attendance;
  held.noticeDocumentId = doc(
    `${held.id}-kallelse`,
    'kallelse',
    `Kallelse med föredragningslista, kommunstyrelsen ${heldOn}`,
    noon(addDays(heldOn, -8)),
  );
  held.minutesDocumentId = doc(`${held.id}-protokoll`, 'protokoll', `Protokoll kommunstyrelsen ${heldOn}`, noon(adjustedOn));

  const heldItems: MeetingRecord[] = STANDARD_ITEMS.map(([itemKind, title], i) =>
    item(held, i + 1, {
      itemKind,
      title,
      decision: i === 1 ? 'Henrik Alm (M) utses att justera protokollet.' : 'Beslutar enligt förslaget.',
    }),
  );
  const heldReportedAt = new Date(noon(addDays(heldOn, -14))).toISOString();
  const [first, second] = reportable.slice(0, 2);
  if (first)
    heldItems.push({ ...reported(held, 4, first, heldReportedAt), decision: 'Kommunstyrelsen beslutar i enlighet med förslaget.' });
  if (second) {
    const serving = ['ks-member-1', 'ks-member-2', 'ks-member-3', 'ks-substitute-1', ...heldMembers.slice(4)];
    heldItems.push({
      ...reported(held, 5, second, heldReportedAt),
      voteRequested: true,
      votes: serving.map((memberId, i) => ({ memberId, vote: i % 2 === 0 ? 'yes' : 'no' })),
      decision: 'Kommunstyrelsen beslutar efter omröstning (6–5) i enlighet med förslaget.',
      reservations: [{ memberId: 'ks-member-2', text: 'Vi reserverar oss till förmån för eget yrkande om avslag.' }],
    });
  }
  const numbers = paragraphNumbers(0, heldItems);
  for (const i of orderAgenda(heldItems)) i.paragraph = numbers.get(i.id) ?? 0;
  const posting = { ...minutesPosting(ks, held, `mtg-posting-${heldOn}`, postedOn), syncVersion: 1, updatedAt: nowIso };

  // The coming meeting: in nine days, its notice sent yesterday, two cases reported.
  const comingOn = addDays(today, 9);
  const coming: MeetingRecord = {
    ...emptyMeetingRecord('meeting', { id: `mtg-ks-${comingOn}`, registerId: KS_REGISTER_ID }),
    syncVersion: 1,
    updatedAt: nowIso,
    title: `Kommunstyrelsens sammanträde ${comingOn}`,
    bodyId: ks.id,
    caseId: meetingCase?.id ?? '',
    status: 'notice_sent',
    date: comingOn,
    startTime: '09:00',
    place: 'Sessionssalen, Stadshuset',
    minutesKeptAt: 'Kommunkansliet, Stadshuset',
  };
  const sentAt = now - DAY;
  coming.noticeRecipients = ks.members.map((m) => ({ memberId: m.id, sentAt: new Date(sentAt).toISOString() }));
  coming.noticeDocumentId = doc(
    `${coming.id}-kallelse`,
    'kallelse',
    `Kallelse med föredragningslista, kommunstyrelsen ${comingOn}`,
    sentAt - HOUR,
  );
  const comingItems = STANDARD_ITEMS.slice(0, 2).map(([itemKind, title], i) => item(coming, i + 1, { itemKind, title }));
  const comingReportedAt = new Date(sentAt - 2 * DAY).toISOString();
  reportable.slice(-2).forEach((c, i) => comingItems.push(reported(coming, 3 + i, c, comingReportedAt)));

  return { meetings: [ks, held, ...heldItems, posting, coming, ...comingItems], documents };
}
