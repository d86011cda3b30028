import type { BodyMember, MeetingRecord } from '../model/meeting';
import { addDays } from './dates';

/**
 * Meeting packages as a reason of the working set (issue 15): the documents of a meeting's
 * package (its notice and the documents on its agenda) are in the window of each user who takes
 * part in it, while it is coming and for a grace period after its day. Taking part: sitting on the
 * body at the meeting's date (a member or a substitute, by user account), or coordinating the
 * register's meetings (a meeting administrator of its register).
 */

/**
 * Days a meeting's package stays after the meeting's day: the minutes are adjusted and posted
 * within about two weeks, and the participants read the package while they check them. After it,
 * the documents leave unless another reason holds them.
 */
export const MEETING_GRACE_DAYS = 14;

/** The meeting records the rule reads. */
export type PackageBody = Pick<MeetingRecord, 'id' | 'members'>;
export type PackageMeeting = Pick<MeetingRecord, 'id' | 'registerId' | 'bodyId' | 'status' | 'date' | 'noticeDocumentId'>;
export type PackageItem = Pick<MeetingRecord, 'meetingId' | 'documentIds'>;

/** The assignment covers the day (from and to inclusive; '' open-ended). */
export function assignmentCovers(member: Pick<BodyMember, 'from' | 'to'>, date: string): boolean {
  return (member.from === '' || member.from <= date) && (member.to === '' || date <= member.to);
}

/** Whether the user sits on the body on that day, as a member or a substitute. */
export function sitsOn(body: Pick<MeetingRecord, 'members'>, userId: string, date: string): boolean {
  return userId !== '' && body.members.some((m) => m.userId === userId && assignmentCovers(m, date));
}

/** The earliest meeting day whose package is still in a window today. */
export function packagesFrom(today: string): string {
  return addDays(today, -MEETING_GRACE_DAYS);
}

/** Whether a meeting's package is still wanted today: dated, not cancelled, its day at most the grace period ago. */
export function packageCurrent(meeting: Pick<MeetingRecord, 'status' | 'date'>, today: string): boolean {
  return meeting.date !== '' && meeting.status !== 'cancelled' && meeting.date >= packagesFrom(today);
}

export interface PackageContext {
  userId: string;
  today: string;
  /** Whether the user coordinates the meetings of this register (a meeting administrator there). */
  coordinates: (registerId: string) => boolean;
}

/** Whether the user takes part in the meeting (its body known, else only a coordinator does). */
export function takesPart(meeting: PackageMeeting, body: PackageBody | undefined, ctx: PackageContext): boolean {
  return ctx.coordinates(meeting.registerId) || (body !== undefined && sitsOn(body, ctx.userId, meeting.date));
}

/**
 * The documents of the packages of current meetings the user takes part in, for
 * `WindowContext.meetingDocumentIds`. Items of other meetings and meetings of unknown bodies are
 * ignored; what the user may read is the projection's business.
 */
export function meetingDocumentIds(
  meetings: readonly PackageMeeting[],
  bodies: readonly PackageBody[],
  items: readonly PackageItem[],
  ctx: PackageContext,
): Set<string> {
  const bodyOf = new Map(bodies.map((b) => [b.id, b]));
  const kept = new Set(meetings.filter((m) => packageCurrent(m, ctx.today) && takesPart(m, bodyOf.get(m.bodyId), ctx)).map((m) => m.id));
  const ids = new Set<string>();
  for (const m of meetings) if (kept.has(m.id) && m.noticeDocumentId !== '') ids.add(m.noticeDocumentId);
  for (const item of items) if (kept.has(item.meetingId)) for (const id of item.documentIds) ids.add(id);
  return ids;
}
