import { describe, expect, it } from 'vitest';
import { MEETING_STATUSES, type MeetingStatus } from '../../model/meeting';
import { MEETING_TRANSITIONS, canTransitionMeeting, isFinalMeetingStatus, meetingPartsEditable } from './meeting-status';

const ALLOWED: [MeetingStatus, MeetingStatus][] = [
  ['planned', 'notice_sent'],
  ['planned', 'cancelled'],
  ['notice_sent', 'held'],
  ['notice_sent', 'cancelled'],
  ['held', 'minutes_adjusted'],
  ['minutes_adjusted', 'posted'],
  ['posted', 'closed'],
];

describe('meeting status transitions', () => {
  it('allows exactly the listed steps, for every pair of statuses', () => {
    for (const from of MEETING_STATUSES) {
      for (const to of MEETING_STATUSES) {
        const expected = ALLOWED.some(([f, t]) => f === from && t === to);
        expect(canTransitionMeeting(from, to), `${from} → ${to}`).toBe(expected);
      }
    }
  });

  it('never holds a meeting without its notice, never cancels a held one, never goes back', () => {
    expect(canTransitionMeeting('planned', 'held')).toBe(false);
    expect(canTransitionMeeting('held', 'cancelled')).toBe(false);
    expect(canTransitionMeeting('minutes_adjusted', 'held')).toBe(false);
    expect(canTransitionMeeting('planned', 'planned')).toBe(false);
  });

  it('has a transition list for every status and only statuses as targets', () => {
    expect(Object.keys(MEETING_TRANSITIONS).sort()).toEqual([...MEETING_STATUSES].sort());
    for (const targets of Object.values(MEETING_TRANSITIONS)) {
      for (const t of targets) expect(MEETING_STATUSES).toContain(t);
    }
  });

  it('reaches closed from planned along the ordinary path', () => {
    const path: MeetingStatus[] = ['planned', 'notice_sent', 'held', 'minutes_adjusted', 'posted', 'closed'];
    for (let i = 1; i < path.length; i++) expect(canTransitionMeeting(path[i - 1]!, path[i]!)).toBe(true);
  });

  it('knows the final statuses', () => {
    const finals = MEETING_STATUSES.filter(isFinalMeetingStatus);
    expect(finals.sort()).toEqual(['cancelled', 'closed']);
  });
});

describe('what may change in which status', () => {
  it('is agenda and notice before the meeting, attendance and decisions while held, nothing after', () => {
    const table: Record<MeetingStatus, ReturnType<typeof meetingPartsEditable>> = {
      planned: { agenda: true, attendance: false, decisions: false, notice: true },
      notice_sent: { agenda: true, attendance: false, decisions: false, notice: true },
      held: { agenda: false, attendance: true, decisions: true, notice: false },
      minutes_adjusted: { agenda: false, attendance: false, decisions: false, notice: false },
      posted: { agenda: false, attendance: false, decisions: false, notice: false },
      closed: { agenda: false, attendance: false, decisions: false, notice: false },
      cancelled: { agenda: false, attendance: false, decisions: false, notice: false },
    };
    for (const status of MEETING_STATUSES) expect(meetingPartsEditable(status), status).toEqual(table[status]);
  });
});
