import type { MeetingRecord } from '../../../../shared/src/model/meeting';
import { isFinalMeetingStatus } from '../../../../shared/src/rules/meetings';
import { collator } from '../i18n/labels';

export interface BodyMeetings {
  body: MeetingRecord;
  /** Not yet held and not cancelled, soonest first. */
  coming: MeetingRecord[];
  /** Held, cancelled or past, latest first. */
  past: MeetingRecord[];
}

/** Is the meeting still ahead (prepared, not held)? */
export function isComing(m: Pick<MeetingRecord, 'status'>): boolean {
  return m.status === 'planned' || m.status === 'notice_sent';
}

/** The meetings list: each body of the register with its coming and past meetings. */
export function meetingsByBody(records: readonly MeetingRecord[]): BodyMeetings[] {
  const bodies = records.filter((r) => r.kind === 'body').sort((a, b) => collator.compare(a.title, b.title));
  const meetings = records.filter((r) => r.kind === 'meeting');
  return bodies.map((body) => {
    const own = meetings.filter((m) => m.bodyId === body.id);
    return {
      body,
      coming: own.filter(isComing).sort((a, b) => `${a.date} ${a.startTime}`.localeCompare(`${b.date} ${b.startTime}`)),
      past: own.filter((m) => !isComing(m)).sort((a, b) => `${b.date} ${b.startTime}`.localeCompare(`${a.date} ${a.startTime}`)),
    };
  });
}

/** Meetings of any body that a case may be reported to: not held yet, in the case's register. */
export function comingMeetings(records: readonly MeetingRecord[], registerId: string): MeetingRecord[] {
  return records
    .filter((r) => r.kind === 'meeting' && r.registerId === registerId && isComing(r) && r.status !== '' && !isFinalMeetingStatus(r.status))
    .sort((a, b) => a.date.localeCompare(b.date));
}
