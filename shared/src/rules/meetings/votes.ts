import type { MemberVote } from '../../model/meeting';
import { quorumAt, takingPartAt, type AgendaItemRef } from './quorum';
import { membersOn, type BodyMembers, type MeetingAttendance } from './service';

export type VoteProblemCode = 'unknown_item' | 'no_quorum' | 'duplicate' | 'disqualified' | 'not_serving';

export interface VoteResult {
  yes: number;
  no: number;
  abstain: number;
  /** 'yes' adopts the proposal voted on; a tie nobody could break leaves it not adopted. */
  outcome: 'yes' | 'no';
  /** The chair's casting vote decided a tie. */
  casting: boolean;
  /** A tie the chair did not break (no chair taking part, or the chair abstained). */
  tieUnbroken: boolean;
  /** Who held the casting vote at the item; '' when nobody could. */
  chairMemberId: string;
  /** Why the vote cannot stand as given: distinct codes, item-level first, then in vote order. */
  problems: VoteProblemCode[];
}

const CHAIR_ORDER = ['chair', 'vice_chair', 'second_vice_chair'] as const;

/**
 * Who chairs the item: the one named (not ''), if taking part in it; else the chair, the vice chair, the
 * second vice chair, the first of them taking part (serving and not disqualified). A substitute
 * serving for the chair does not chair.
 */
function chairOf(body: BodyMembers, date: string, takingPart: Set<string>, named: string | undefined): string {
  if (named) return takingPart.has(named) ? named : '';
  const members = membersOn(body, date);
  for (const role of CHAIR_ORDER) {
    const chair = members.find((m) => m.role === role && takingPart.has(m.id));
    if (chair) return chair.id;
  }
  return '';
}

/**
 * The result of an open vote (omröstning) on an item: each member taking part votes yes, no or
 * abstains; more yes than no adopts the proposal. On a tie the chair's vote decides (utslagsröst,
 * KL 2017:725 5 kap. for fullmäktige, 6 kap. for nämnder); a chair who abstained has no casting
 * vote to give, and the proposal is not adopted. Elections (val), where a tie is settled by lot,
 * are out of scope. Votes of members who may not vote, and second votes, are reported and not
 * counted.
 */
export function voteResult(
  body: BodyMembers,
  meeting: MeetingAttendance,
  items: readonly AgendaItemRef[],
  itemId: string,
  votes: readonly MemberVote[],
  chairMemberId?: string,
): VoteResult {
  const problems = new Set<VoteProblemCode>();
  const item = items.find((i) => i.id === itemId);
  if (!item) problems.add('unknown_item');
  else if (!quorumAt(body, meeting, items, itemId).present) problems.add('no_quorum');

  const serving = new Set(takingPartAt(body, meeting, items, itemId).map((s) => s.memberId));
  const disqualified = new Set(item?.disqualifiedMemberIds ?? []);
  const counted = new Map<string, MemberVote['vote']>();
  const voted = new Set<string>();
  for (const { memberId, vote } of votes) {
    if (voted.has(memberId)) problems.add('duplicate');
    else if (disqualified.has(memberId)) problems.add('disqualified');
    else if (!serving.has(memberId)) problems.add('not_serving');
    else counted.set(memberId, vote);
    voted.add(memberId);
  }

  const tally = { yes: 0, no: 0, abstain: 0 };
  for (const vote of counted.values()) tally[vote]++;
  const chair = chairOf(body, meeting.date, serving, chairMemberId);
  let outcome: VoteResult['outcome'] = tally.yes > tally.no ? 'yes' : 'no';
  const chairVote = counted.get(chair);
  const casting = tally.yes === tally.no && (chairVote === 'yes' || chairVote === 'no');
  if (casting) outcome = chairVote;
  const tieUnbroken = tally.yes === tally.no && !casting;
  return { ...tally, outcome, casting, tieUnbroken, chairMemberId: chair, problems: [...problems] };
}
