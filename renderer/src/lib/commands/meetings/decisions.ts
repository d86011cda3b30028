import type { MeetingRecord, MemberVote, Reservation } from '../../../../../shared/src/model/meeting';
import { quorumAt, voteResult } from '../../../../../shared/src/rules/meetings';
import type { RecordWriter } from '../types';
import { agendaOf } from './agenda';
import { fail, updateItem, type MeetingResult } from './write';

/**
 * What happens to an item at the meeting: its decision, votes, disqualification, reservations and
 * whether it is adjusted at once. Each is allowed only while the meeting's decisions may change.
 */
/** The item's decision; refused without a quorum at the item (KL: no decision without one). */
export function setItemDecision(
  replica: RecordWriter,
  itemId: string,
  body: Pick<MeetingRecord, 'members'>,
  decision: string,
): Promise<MeetingResult> {
  return updateItem(replica, itemId, 'decisions', async (item, meeting) => {
    const text = decision.trim();
    if (text) {
      const quorum = quorumAt(body, meeting, await agendaOf(replica, meeting.id), item.id);
      if (!quorum.present) return fail('meetings.error.noQuorum', { serving: quorum.serving, seats: quorum.seats, needed: quorum.needed });
    }
    return { decision: text };
  });
}

/** The votes on an item (each member taking part: yes, no or abstain); refused with the rule's first problem. */
export function setVotes(
  replica: RecordWriter,
  itemId: string,
  body: Pick<MeetingRecord, 'members'>,
  voteRequested: boolean,
  votes: MemberVote[],
): Promise<MeetingResult> {
  return updateItem(replica, itemId, 'decisions', async (item, meeting) => {
    if (!voteRequested) return { voteRequested, votes: [] };
    const items = await agendaOf(replica, meeting.id);
    const result = voteResult(body, meeting, items, item.id, votes);
    const problem = result.problems[0];
    if (problem === 'no_quorum') {
      const q = quorumAt(body, meeting, items, item.id);
      return fail('meetings.error.noQuorum', { serving: q.serving, seats: q.seats, needed: q.needed });
    }
    if (problem) return fail(`meetings.error.vote.${problem}`);
    return { voteRequested, votes };
  });
}

/** Omedelbar justering: the item's decision is adjusted at the meeting, in a minutes part of its own. */
export function setImmediateAdjustment(replica: RecordWriter, itemId: string, immediateAdjustment: boolean): Promise<MeetingResult> {
  return updateItem(replica, itemId, 'decisions', () => ({ immediateAdjustment }));
}

export function setDisqualified(replica: RecordWriter, itemId: string, disqualifiedMemberIds: string[]): Promise<MeetingResult> {
  return updateItem(replica, itemId, 'decisions', () => ({ disqualifiedMemberIds }));
}

export function setReservations(replica: RecordWriter, itemId: string, reservations: Reservation[]): Promise<MeetingResult> {
  return updateItem(replica, itemId, 'decisions', () => ({ reservations }));
}
