/**
 * Builders for meeting-rule tests: a body from a compact member list, a meeting, an agenda.
 * Pure data: no I/O.
 */
import { emptyMeetingRecord, type Attendance, type BodyMember, type MeetingRecord } from '../model/meeting';

/** A member assignment; only what a test is about needs stating. */
export function sampleBodyMember(o: Partial<BodyMember> & { id: string }): BodyMember {
  return { name: `Namn ${o.id}`, party: 'S', role: 'member', from: '', to: '', substituteOrder: 0, userId: '', ...o };
}

export function sampleBody(members: BodyMember[], o: Partial<MeetingRecord> = {}): MeetingRecord {
  return {
    ...emptyMeetingRecord('body', { id: 'm-body-ks', registerId: 'reg-ks' }),
    title: 'Kommunstyrelsen',
    bodyType: 'executive_board',
    members,
    ...o,
  };
}

/** Present from start to end unless stated otherwise. */
export function sampleAttendance(memberId: string, o: Partial<Attendance> = {}): Attendance {
  return { memberId, present: true, servingForMemberId: '', arrivedAtItemId: '', leftAtItemId: '', ...o };
}

export function sampleMeeting(o: Partial<MeetingRecord> = {}): MeetingRecord {
  return {
    ...emptyMeetingRecord('meeting', { id: 'm-meeting-1', registerId: 'reg-ks' }),
    title: 'Kommunstyrelsens sammanträde',
    bodyId: 'm-body-ks',
    status: 'held',
    date: '2026-03-10',
    ...o,
  };
}

/** Agenda items `i1`…`iN` in order, with ordinals 1…N. */
export function sampleAgenda(count: number, o: Partial<MeetingRecord> = {}): MeetingRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    ...emptyMeetingRecord('item', { id: `i${i + 1}`, registerId: 'reg-ks' }),
    title: `Ärende ${i + 1}`,
    bodyId: 'm-body-ks',
    meetingId: 'm-meeting-1',
    itemKind: 'other' as const,
    ordinal: i + 1,
    ...o,
  }));
}
