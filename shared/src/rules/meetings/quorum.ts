import type { MeetingRecord } from '../../model/meeting';
import { ordinaryMembers, servingAt, type BodyMembers, type MeetingAttendance, type ServingMember } from './service';

export type AgendaItemRef = Pick<MeetingRecord, 'id' | 'disqualifiedMemberIds'>;

export interface Quorum {
  /** Ordinary members of the body on the meeting date. */
  seats: number;
  /** Serving at the item and not disqualified on it. */
  serving: number;
  /** The least number serving for a quorum: more than half of the seats. */
  needed: number;
  /** Has the quorum (beslutförhet). */
  present: boolean;
}

/** Who serves at the item and may take part in it: a disqualified member (jäv) may not. */
export function takingPartAt(
  body: BodyMembers,
  meeting: MeetingAttendance,
  items: readonly AgendaItemRef[],
  itemId: string,
): ServingMember[] {
  const disqualified = new Set(items.find((i) => i.id === itemId)?.disqualifiedMemberIds ?? []);
  return servingAt(body, meeting, items, itemId).filter((s) => !disqualified.has(s.memberId));
}

/**
 * The quorum at an item: more than half of the members present and serving (KL 2017:725 5 kap.
 * for fullmäktige, 6 kap. for nämnder). A disqualified member does not count, though their seat
 * does; a body without seats, or an item not on the agenda, has none.
 */
export function quorumAt(body: BodyMembers, meeting: MeetingAttendance, items: readonly AgendaItemRef[], itemId: string): Quorum {
  const seats = ordinaryMembers(body, meeting.date).length;
  const serving = takingPartAt(body, meeting, items, itemId).length;
  const needed = Math.floor(seats / 2) + 1;
  return { seats, serving, needed, present: seats > 0 && serving >= needed };
}
