import type { MeetingStatus } from '../../model/meeting';

/**
 * The life of a meeting: planerat → kallelse skickad → genomfört → protokoll justerat → anslaget →
 * avslutat, or inställt before it is held. A meeting is held only after its notice went out, so
 * planned → held is not a step.
 */
export const MEETING_TRANSITIONS: Record<MeetingStatus, readonly MeetingStatus[]> = {
  planned: ['notice_sent', 'cancelled'],
  notice_sent: ['held', 'cancelled'],
  held: ['minutes_adjusted'],
  minutes_adjusted: ['posted'],
  posted: ['closed'],
  closed: [],
  cancelled: [],
};

export function canTransitionMeeting(from: MeetingStatus, to: MeetingStatus): boolean {
  return MEETING_TRANSITIONS[from].includes(to);
}

export function isFinalMeetingStatus(status: MeetingStatus): boolean {
  return MEETING_TRANSITIONS[status].length === 0;
}

export interface MeetingPartsEditable {
  /** Items, their order, titles and proposals. */
  agenda: boolean;
  /** Presence, serving substitutes, arrivals and departures. */
  attendance: boolean;
  /** Decision texts, votes, reservations, disqualifications. */
  decisions: boolean;
  /** The notice text, place and time. */
  notice: boolean;
}

/**
 * What may change in which status: the agenda and notice while the meeting is prepared; attendance
 * and decisions while it runs and until the minutes are adjusted (the minutes record them);
 * after adjustment nothing but the status (posting, closing).
 */
export function meetingPartsEditable(status: MeetingStatus): MeetingPartsEditable {
  const preparing = status === 'planned' || status === 'notice_sent';
  const running = status === 'held';
  return { agenda: preparing, attendance: running, decisions: running, notice: preparing };
}
