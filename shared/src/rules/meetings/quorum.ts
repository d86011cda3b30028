import type { MeetingRecord } from '../../model/meeting';
import { freeSubstitutesAt, ordinaryMembers, servingAt, type BodyMembers, type MeetingAttendance, type ServingMember } from './service';

export type AgendaItemRef = Pick<MeetingRecord, 'id' | 'disqualifiedMemberIds'>;

export interface Quorum {
  /** Ordinary members of the body on the meeting date. */
  seats: number;
  /** Taking part in the item (`takingPartAt`). */
  serving: number;
  /** The least number serving for a quorum: more than half of the seats. */
  needed: number;
  /** Has the quorum (beslutförhet). */
  present: boolean;
}

/**
 * Who takes part in the item: those serving at it, except a disqualified member (jäv), whose seat
 * a substitute attending the item and serving for nobody takes on that item, in the order of
 * service, own party first (as `proposeSubstitutes` does for the whole meeting); a seat no
 * substitute is left for stays empty.
 */
export function takingPartAt(
  body: BodyMembers,
  meeting: MeetingAttendance,
  items: readonly AgendaItemRef[],
  itemId: string,
): ServingMember[] {
  const disqualified = new Set(items.find((i) => i.id === itemId)?.disqualifiedMemberIds ?? []);
  const serving = servingAt(body, meeting, items, itemId);
  const taking = serving.filter((s) => !disqualified.has(s.memberId));
  const vacated = serving.filter((s) => disqualified.has(s.memberId)).map((s) => s.servingForMemberId || s.memberId);
  if (vacated.length === 0) return taking;
  const partyOf = new Map(body.members.map((m) => [m.id, m.party]));
  const free = freeSubstitutesAt(body, meeting, items, itemId).filter((s) => !disqualified.has(s.id));
  const take = (fits: (party: string) => boolean) => {
    const i = free.findIndex((s) => fits(s.party));
    return i < 0 ? undefined : free.splice(i, 1)[0];
  };
  const seatOf = (seat: string, sub: { id: string } | undefined) => sub && taking.push({ memberId: sub.id, servingForMemberId: seat });
  const unfilled = vacated.filter((seat) => {
    const party = partyOf.get(seat) ?? '';
    return !seatOf(seat, party !== '' ? take((p) => p === party) : undefined);
  });
  for (const seat of unfilled)
    seatOf(
      seat,
      take(() => true),
    );
  return taking;
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
