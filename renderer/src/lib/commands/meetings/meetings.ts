import { canRegisterCase, isFinalStatus, isValidIsoDate, type Case, type ClassNode, type Subject } from '../../../../../shared/src';
import type { Attendance, MeetingRecord, MeetingStatus } from '../../../../../shared/src/model/meeting';
import { attendanceProblemDetails, canTransitionMeeting, meetingPartsEditable } from '../../../../../shared/src/rules/meetings';
import { t } from '../../i18n/sv';
import type { MeetingMessageKey } from '../../i18n/sv.meetings';
import { STANDARD_ITEMS, buildMeeting, buildStandardItem, meetingCaseTitle, meetingProcess } from '../../meetings/build';
import { buildCase } from '../../records';
import { viewOf } from '../../replica/sealing';
import type { RecordWriter } from '../types';
import { agendaOf } from './agenda';
import { editable, fail, shapeProblem, update, type Ids, type MeetingResult } from './write';

/**
 * The meeting record itself: creating it in its case for the year (with the standard items),
 * moving it on in its life, its adjusters and its attendance.
 */
export interface CreateMeetingInput {
  body: MeetingRecord;
  date: string;
  startTime: string;
  place: string;
  remote: boolean;
}

export interface MeetingCaseContext {
  classes: readonly ClassNode[];
  by: Subject & { id: string };
  nowMs: number;
}

/**
 * The case a meeting's notice and minutes go into: the case the body's meetings of that year
 * already use, else the body's case for the year by its title, else a new one (registered here,
 * numbered when it reaches the server). A closed, annulled or archived case is not reused.
 */
async function meetingCase(
  replica: RecordWriter,
  body: Pick<MeetingRecord, 'id' | 'registerId' | 'title'>,
  year: string,
  ctx: MeetingCaseContext,
  ids: Ids,
): Promise<{ ok: true; record: Case } | { ok: false; message: string }> {
  const title = meetingCaseTitle(body.title, year);
  const sameYear = (await replica.db.meetings.find({ selector: { bodyId: body.id, kind: 'meeting' } }).exec())
    .map((d) => viewOf<MeetingRecord>(d))
    .filter((m) => m.date.startsWith(`${year}-`) && m.caseId)
    .sort((a, b) => b.date.localeCompare(a.date));
  const candidates = [
    ...(await Promise.all(sameYear.map((m) => replica.db.cases.findOne(m.caseId).exec()))),
    await replica.db.cases.findOne({ selector: { registerId: body.registerId, title } }).exec(),
  ];
  const open = candidates
    .map((d) => (d ? viewOf<Case>(d) : null))
    .find((c) => c !== null && c.status !== 'closed' && !isFinalStatus(c.status) && c.withheld.length === 0);
  if (open) return { ok: true, record: open };
  const process = meetingProcess(ctx.classes, body.registerId);
  if (!process) return fail('meetings.error.noProcess');
  const kase = buildCase({ registerId: body.registerId, title, classCode: process.code, responsibleUserId: ctx.by.id }, ctx.by.id, {
    nowMs: ctx.nowMs,
    id: ids.newId(),
  });
  if (!canRegisterCase(ctx.by, kase, process))
    return fail('meetings.error.caseNotAllowed', { process: `${process.code} ${process.title}` });
  await replica.db.cases.insert(kase);
  return { ok: true, record: kase };
}

/** Standard item titles, in Swedish: they are printed in the notice and the minutes. */
const STANDARD_TITLE: Record<(typeof STANDARD_ITEMS)[number]['kind'], MeetingMessageKey> = {
  opening: 'meetings.item.opening',
  adjuster_election: 'meetings.item.adjuster_election',
  agenda_approval: 'meetings.item.agenda_approval',
  notifications: 'meetings.item.notifications',
  delegation_decisions: 'meetings.item.delegation_decisions',
};

/**
 * Creates a meeting of a body in its case for the year, with the standard items of every agenda.
 * Works offline: the case, the meeting and its items are sent when the connection is back.
 */
export async function createMeeting(
  replica: RecordWriter,
  input: CreateMeetingInput,
  ctx: MeetingCaseContext,
  ids: Ids,
): Promise<MeetingResult> {
  if (!isValidIsoDate(input.date)) return fail('meetings.error.date');
  if (!/^(([01]\d|2[0-3]):[0-5]\d)$/.test(input.startTime)) return fail('meetings.error.time');
  if (!input.remote && !input.place.trim()) return fail('meetings.error.place');
  const kase = await meetingCase(replica, input.body, input.date.slice(0, 4), ctx, ids);
  if (!kase.ok) return kase;
  const meeting = buildMeeting({ ...input, body: input.body, caseId: kase.record.id }, ids.newId());
  const problem = shapeProblem(meeting);
  if (problem) return problem;
  await replica.db.meetings.insert(meeting);
  await addStandardItems(replica, meeting, ids);
  return { ok: true, record: meeting };
}

/** Adds the standard items a meeting's agenda lacks (those it has are left as they are). */
export async function addStandardItems(
  replica: RecordWriter,
  meeting: Pick<MeetingRecord, 'id' | 'registerId' | 'bodyId'>,
  ids: Ids,
): Promise<MeetingRecord[]> {
  const have = new Set(
    (await replica.db.meetings.find({ selector: { meetingId: meeting.id } }).exec()).map((d) => viewOf<MeetingRecord>(d).itemKind),
  );
  const items = STANDARD_ITEMS.filter((s) => !have.has(s.kind)).map((s) =>
    buildStandardItem(meeting, s.kind, t(STANDARD_TITLE[s.kind]), s.ordinal, ids.newId()),
  );
  if (items.length) await replica.db.meetings.bulkInsert(items);
  return items;
}

/** Moves a meeting on in its life (the server adds what a step fixes: recipients, § numbers, dates). */
export function setMeetingStatus(replica: RecordWriter, meetingId: string, to: MeetingStatus): Promise<MeetingResult> {
  return update(replica, meetingId, (m) => {
    if (m.kind !== 'meeting' || m.status === '') return fail('meetings.error.notFound');
    if (!canTransitionMeeting(m.status, to))
      return fail('meetings.error.transition', { from: t(`meetings.status.${m.status}`), to: t(`meetings.status.${to}`) });
    if (to === 'notice_sent' && !m.noticeDocumentId) return fail('meetings.error.noticeMissing');
    if (to === 'minutes_adjusted' && !m.minutesDocumentId) return fail('meetings.error.minutesMissing');
    return { status: to };
  });
}

/** The adjusters in signing order, and where the minutes are kept (for the posting certificate). */
export function setAdjusters(
  replica: RecordWriter,
  meetingId: string,
  adjusterMemberIds: string[],
  minutesKeptAt: string,
): Promise<MeetingResult> {
  if (new Set(adjusterMemberIds).size !== adjusterMemberIds.length) return Promise.resolve(fail('meetings.error.adjusterTwice'));
  // Adjusters are elected at the meeting (or named in the notice beforehand).
  return update(replica, meetingId, (m) => {
    const parts = m.status === '' ? null : meetingPartsEditable(m.status);
    if (!parts || !(parts.agenda || parts.decisions))
      return fail('meetings.error.locked.decisions', { status: t(`meetings.status.${m.status || 'planned'}`) });
    return { adjusterMemberIds, minutesKeptAt: minutesKeptAt.trim() };
  });
}

/**
 * Who attends, who serves for whom, arrivals and departures: `change` gets the attendance as
 * stored now (quick successive clicks build on each other). Refused with the first problem the
 * shared rule finds (a substitute serving for a present member, two serving for one seat …).
 */
export function setAttendance(
  replica: RecordWriter,
  meetingId: string,
  body: Pick<MeetingRecord, 'members'>,
  change: (current: Attendance[]) => Attendance[],
): Promise<MeetingResult> {
  return update(replica, meetingId, async (m) => {
    const locked = editable(m, 'attendance');
    if (locked) return locked;
    const attendance = change(m.attendance);
    const items = await agendaOf(replica, m.id);
    const problem = attendanceProblemDetails(body, { ...m, attendance }, items)[0];
    if (!problem) return { attendance };
    const name = body.members.find((x) => x.id === problem.memberId)?.name ?? problem.memberId;
    return fail(`meetings.error.attendance.${problem.code}`, { name });
  });
}
