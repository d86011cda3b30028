import type { Attendance, BodyMember, MeetingRecord } from '../../model/meeting';

/**
 * Who serves (tjänstgör) at a meeting: the ordinary members present, and substitutes serving for
 * absent ones in the order of service (KL 5 kap. for fullmäktige, 6 kap. for nämnder). Items are
 * passed in agenda order (`orderAgenda`); arrivals and departures are counted by that order.
 */

export type BodyMembers = Pick<MeetingRecord, 'members'>;
export type MeetingAttendance = Pick<MeetingRecord, 'attendance' | 'date'>;
export type AgendaRef = Pick<MeetingRecord, 'id'>;

export interface ServingMember {
  memberId: string;
  /** The absent ordinary member a substitute serves for; '' for an ordinary member. */
  servingForMemberId: string;
}

function assignedOn(member: BodyMember, date: string): boolean {
  return (member.from === '' || member.from <= date) && (member.to === '' || date <= member.to);
}

/** Assignments covering the date, `from` and `to` inclusive, '' open. */
export function membersOn(body: BodyMembers, date: string): BodyMember[] {
  return body.members.filter((m) => assignedOn(m, date));
}

/** The seats on the date: every assignment that is not a substitute's. */
export function ordinaryMembers(body: BodyMembers, date: string): BodyMember[] {
  return membersOn(body, date).filter((m) => m.role !== 'substitute');
}

function substitutesOn(body: BodyMembers, date: string): BodyMember[] {
  return membersOn(body, date).filter((m) => m.role === 'substitute');
}

/** The first attendance entry per member: later duplicates are a problem, never counted. */
function attendanceById(attendance: readonly Attendance[]): Map<string, Attendance> {
  const byId = new Map<string, Attendance>();
  for (const a of attendance) if (!byId.has(a.memberId)) byId.set(a.memberId, a);
  return byId;
}

/**
 * Does the entry attend the item at `index`? Present, arrived at or before it, left after it. An
 * arrival or departure naming no item of the agenda counts as not attending: unknown presence
 * never adds to a quorum.
 */
function attendsAt(entry: Attendance | undefined, index: number, indexOf: Map<string, number>): boolean {
  if (!entry?.present) return false;
  if (entry.arrivedAtItemId !== '') {
    const arrived = indexOf.get(entry.arrivedAtItemId);
    if (arrived === undefined || arrived > index) return false;
  }
  if (entry.leftAtItemId !== '') {
    const left = indexOf.get(entry.leftAtItemId);
    if (left === undefined || left <= index) return false;
  }
  return true;
}

function indexById(items: readonly AgendaRef[]): Map<string, number> {
  return new Map(items.map((item, i) => [item.id, i]));
}

/**
 * Who serves at the item: the ordinary members attending it, then each attending substitute whose
 * `servingForMemberId` names an ordinary member not attending it (a late member takes the seat
 * back from the item they arrive at). One substitute per seat: the first entry in the attendance
 * list wins. An item not on the agenda has nobody serving.
 */
export function servingAt(body: BodyMembers, meeting: MeetingAttendance, items: readonly AgendaRef[], itemId: string): ServingMember[] {
  const indexOf = indexById(items);
  const index = indexOf.get(itemId);
  if (index === undefined) return [];
  const byId = attendanceById(meeting.attendance);
  const attending = (memberId: string) => attendsAt(byId.get(memberId), index, indexOf);
  const ordinary = ordinaryMembers(body, meeting.date);
  const ordinaryIds = new Set(ordinary.map((m) => m.id));
  const substituteIds = new Set(substitutesOn(body, meeting.date).map((m) => m.id));

  const serving: ServingMember[] = ordinary.filter((m) => attending(m.id)).map((m) => ({ memberId: m.id, servingForMemberId: '' }));
  const seatsTaken = new Set<string>();
  for (const entry of byId.values()) {
    const seat = entry.servingForMemberId;
    if (seat === '' || !substituteIds.has(entry.memberId) || !ordinaryIds.has(seat)) continue;
    if (seatsTaken.has(seat) || attending(seat) || !attending(entry.memberId)) continue;
    seatsTaken.add(seat);
    serving.push({ memberId: entry.memberId, servingForMemberId: seat });
  }
  return serving;
}

/**
 * The substitutes attending the item who serve for nobody there, in the order of service: those
 * who step in for a member disqualified on the item (quorum.ts `takingPartAt`).
 */
export function freeSubstitutesAt(
  body: BodyMembers,
  meeting: MeetingAttendance,
  items: readonly AgendaRef[],
  itemId: string,
): BodyMember[] {
  const indexOf = indexById(items);
  const index = indexOf.get(itemId);
  if (index === undefined) return [];
  const byId = attendanceById(meeting.attendance);
  const serving = new Set(servingAt(body, meeting, items, itemId).map((s) => s.memberId));
  return substitutesOn(body, meeting.date)
    .filter((s) => !serving.has(s.id) && attendsAt(byId.get(s.id), index, indexOf))
    .sort(byOrderOfService);
}

/** Substitutes by order of service; order 0 (not set) after every set order, then list order. */
function byOrderOfService(a: BodyMember, b: BodyMember): number {
  const rank = (m: BodyMember) => (m.substituteOrder === 0 ? Number.MAX_SAFE_INTEGER : m.substituteOrder);
  return rank(a) - rank(b);
}

/**
 * Proposes who serves for whom: each ordinary member absent for the whole meeting (not present,
 * or no entry) and not yet served for gets a present substitute not yet serving. First every
 * absent member gets the first substitute of their own party in the order of service; only then
 * do the members still without one get the first of any party, so a party's substitute is not
 * taken by another party's absence while their own member is absent. Members are taken in the
 * body's list order. Returns the attendance with `servingForMemberId` filled; entries not
 * proposed are unchanged. Partial presence (late arrival, early departure) is left to the
 * coordinator.
 */
export function proposeSubstitutes(body: BodyMembers, date: string, attendance: readonly Attendance[]): Attendance[] {
  const byId = attendanceById(attendance);
  const present = (id: string) => byId.get(id)?.present === true;
  const servedFor = new Set([...byId.values()].filter((a) => a.present && a.servingForMemberId !== '').map((a) => a.servingForMemberId));
  const absent = ordinaryMembers(body, date).filter((m) => !present(m.id) && !servedFor.has(m.id));
  const available = substitutesOn(body, date)
    .filter((s) => present(s.id) && byId.get(s.id)?.servingForMemberId === '')
    .sort(byOrderOfService);

  const assigned = new Map<string, string>(); // substitute → member
  const take = (member: BodyMember, fits: (s: BodyMember) => boolean): boolean => {
    const index = available.findIndex(fits);
    if (index < 0) return false;
    assigned.set(available[index]!.id, member.id);
    available.splice(index, 1);
    return true;
  };
  const unserved = absent.filter((m) => !(m.party !== '' && take(m, (s) => s.party === m.party)));
  for (const m of unserved) take(m, () => true);

  return attendance.map((a) => {
    const seat = assigned.get(a.memberId);
    return seat !== undefined && a === byId.get(a.memberId) ? { ...a, servingForMemberId: seat } : a;
  });
}

export type AttendanceProblemCode =
  | 'not_in_body'
  | 'duplicate_attendance'
  | 'substitute_not_in_body'
  | 'serving_for_non_member'
  | 'serving_for_present_member'
  | 'serving_twice'
  | 'serving_not_present'
  | 'unknown_item'
  | 'left_before_arrival';

export interface AttendanceProblem {
  code: AttendanceProblemCode;
  memberId: string;
}

/**
 * Everything wrong with a meeting's attendance, per member, in list order:
 * - `not_in_body`: the member holds no assignment in the body on the meeting date;
 * - `duplicate_attendance`: a second entry for the same member;
 * - `substitute_not_in_body`: someone serves for a member without being a substitute of the body
 *   on the date;
 * - `serving_for_non_member`: the one served for is not an ordinary member on the date;
 * - `serving_for_present_member`: the one served for attends every item the substitute attends;
 * - `serving_twice`: a second substitute serves for the same member;
 * - `serving_not_present`: a substitute marked as serving is not present;
 * - `unknown_item`: an arrival or departure names no item of the agenda;
 * - `left_before_arrival`: the departure item is not after the arrival item.
 */
export function attendanceProblemDetails(body: BodyMembers, meeting: MeetingAttendance, items: readonly AgendaRef[]): AttendanceProblem[] {
  const inBody = new Map(membersOn(body, meeting.date).map((m) => [m.id, m]));
  const indexOf = indexById(items);
  const byId = attendanceById(meeting.attendance);
  const attendsAny = (memberId: string, unless: (index: number) => boolean) =>
    items.some((_, i) => attendsAt(byId.get(memberId), i, indexOf) && !unless(i));

  const problems: AttendanceProblem[] = [];
  const seen = new Set<string>();
  const seats = new Set<string>();
  for (const entry of meeting.attendance) {
    const add = (code: AttendanceProblemCode) => problems.push({ code, memberId: entry.memberId });
    if (seen.has(entry.memberId)) {
      add('duplicate_attendance');
      continue;
    }
    seen.add(entry.memberId);
    const member = inBody.get(entry.memberId);
    const seat = entry.servingForMemberId;
    if (seat !== '') {
      const served = inBody.get(seat);
      if (member?.role !== 'substitute') add('substitute_not_in_body');
      if (!served || served.role === 'substitute') add('serving_for_non_member');
      else if (byId.get(seat)?.present && !attendsAny(entry.memberId, (i) => attendsAt(byId.get(seat), i, indexOf)))
        add('serving_for_present_member');
      if (seats.has(seat)) add('serving_twice');
      seats.add(seat);
      if (!entry.present) add('serving_not_present');
    } else if (!member) add('not_in_body');
    const arrived = entry.arrivedAtItemId === '' ? 0 : indexOf.get(entry.arrivedAtItemId);
    const left = entry.leftAtItemId === '' ? items.length : indexOf.get(entry.leftAtItemId);
    if (arrived === undefined || left === undefined) add('unknown_item');
    else if (entry.leftAtItemId !== '' && left <= arrived) add('left_before_arrival');
  }
  return problems;
}

/** The distinct problem codes of `attendanceProblemDetails`, in first-seen order. */
export function attendanceProblems(body: BodyMembers, meeting: MeetingAttendance, items: readonly AgendaRef[]): string[] {
  return [...new Set(attendanceProblemDetails(body, meeting, items).map((p) => p.code))];
}
