import { describe, expect, it } from 'vitest';
import { sampleAgenda, sampleAttendance as at, sampleBody, sampleBodyMember as m, sampleMeeting } from '../../testing/meeting-samples';
import { quorumAt, takingPartAt } from './quorum';
import { voteResult } from './votes';

function bodyOf(seats: number, substitutes = 0) {
  return sampleBody([
    ...Array.from({ length: seats }, (_, i) => m({ id: `m${i + 1}` })),
    ...Array.from({ length: substitutes }, (_, i) => m({ id: `e${i + 1}`, role: 'substitute', substituteOrder: i + 1 })),
  ]);
}
const present = (n: number) => Array.from({ length: n }, (_, i) => at(`m${i + 1}`));

describe('quorumAt', () => {
  it.each([
    // seats, present, has quorum
    [1, 0, false],
    [1, 1, true],
    [2, 1, false],
    [2, 2, true],
    [5, 2, false],
    [5, 3, true],
    [6, 3, false],
    [6, 4, true],
    [11, 5, false],
    [11, 6, true],
    [61, 30, false],
    [61, 31, true],
  ])('%i seats, %i present: quorum %s (more than half)', (seats, n, expected) => {
    const q = quorumAt(bodyOf(seats), sampleMeeting({ attendance: present(n) }), sampleAgenda(1), 'i1');
    expect(q).toEqual({ seats, serving: n, needed: Math.floor(seats / 2) + 1, present: expected });
  });

  it('counts serving substitutes as present members', () => {
    const attendance = [...present(2), at('e1', { servingForMemberId: 'm3' }), at('e2', { servingForMemberId: 'm4' })];
    expect(quorumAt(bodyOf(5, 2), sampleMeeting({ attendance }), sampleAgenda(1), 'i1')).toMatchObject({ serving: 4, present: true });
  });

  it('does not count substitutes who do not serve', () => {
    const attendance = [...present(2), at('e1'), at('e2')];
    expect(quorumAt(bodyOf(5, 2), sampleMeeting({ attendance }), sampleAgenda(1), 'i1')).toMatchObject({ serving: 2, present: false });
  });

  it('leaves a disqualified member out of the item’s quorum but not the seats, and only on that item', () => {
    const items = sampleAgenda(2);
    items[0] = { ...items[0]!, disqualifiedMemberIds: ['m1'] };
    const meeting = sampleMeeting({ attendance: present(3) });
    expect(quorumAt(bodyOf(5), meeting, items, 'i1')).toEqual({ seats: 5, serving: 2, needed: 3, present: false });
    expect(quorumAt(bodyOf(5), meeting, items, 'i2')).toEqual({ seats: 5, serving: 3, needed: 3, present: true });
  });

  it('leaves a disqualified serving substitute out too', () => {
    const items = sampleAgenda(1, { disqualifiedMemberIds: ['e1'] });
    const meeting = sampleMeeting({ attendance: [...present(2), at('e1', { servingForMemberId: 'm3' })] });
    expect(quorumAt(bodyOf(5, 1), meeting, items, 'i1')).toMatchObject({ serving: 2, present: false });
  });

  it('has no quorum when everyone is disqualified', () => {
    const items = sampleAgenda(1, { disqualifiedMemberIds: ['m1', 'm2', 'm3'] });
    expect(quorumAt(bodyOf(3), sampleMeeting({ attendance: present(3) }), items, 'i1')).toEqual({
      seats: 3,
      serving: 0,
      needed: 2,
      present: false,
    });
  });

  it('follows arrivals and departures item by item', () => {
    const meeting = sampleMeeting({ attendance: [...present(2), at('m3', { arrivedAtItemId: 'i2', leftAtItemId: 'i3' })] });
    const items = sampleAgenda(3);
    expect(['i1', 'i2', 'i3'].map((id) => quorumAt(bodyOf(5), meeting, items, id).present)).toEqual([false, true, false]);
  });

  it('counts the seats on the meeting date: an ended term is no seat, and not present', () => {
    const body = sampleBody([m({ id: 'a' }), m({ id: 'b' }), m({ id: 'c', to: '2026-03-09' })]);
    expect(quorumAt(body, sampleMeeting({ attendance: [at('a'), at('c')] }), sampleAgenda(1), 'i1')).toEqual({
      seats: 2,
      serving: 1,
      needed: 2,
      present: false,
    });
  });

  it('has no quorum in an empty body or at an item not on the agenda', () => {
    expect(quorumAt(sampleBody([]), sampleMeeting(), sampleAgenda(1), 'i1')).toEqual({ seats: 0, serving: 0, needed: 1, present: false });
    expect(quorumAt(bodyOf(1), sampleMeeting({ attendance: present(1) }), sampleAgenda(1), 'x').present).toBe(false);
  });
});

describe('takingPartAt', () => {
  it('is servingAt without the disqualified', () => {
    const items = sampleAgenda(1, { disqualifiedMemberIds: ['m2'] });
    const meeting = sampleMeeting({ attendance: [...present(2), at('e1', { servingForMemberId: 'm3' })] });
    expect(takingPartAt(bodyOf(3, 1), meeting, items, 'i1')).toEqual([
      { memberId: 'm1', servingForMemberId: '' },
      { memberId: 'e1', servingForMemberId: 'm3' },
    ]);
  });
});

describe('takingPartAt: a substitute steps in for a member disqualified on one item', () => {
  // Seats m1 (S), m2 (M), m3 (M); substitutes e1 (S, 1st), e2 (M, 1st), e3 (M, 2nd); everyone present.
  const body = sampleBody([
    m({ id: 'm1' }),
    m({ id: 'm2', party: 'M' }),
    m({ id: 'm3', party: 'M' }),
    m({ id: 'e1', role: 'substitute', substituteOrder: 1 }),
    m({ id: 'e2', role: 'substitute', party: 'M', substituteOrder: 1 }),
    m({ id: 'e3', role: 'substitute', party: 'M', substituteOrder: 2 }),
  ]);
  const everyone = sampleMeeting({ attendance: ['m1', 'm2', 'm3', 'e1', 'e2', 'e3'].map((id) => at(id)) });

  it('takes the first free substitute of the member’s own party, on that item only', () => {
    const items = sampleAgenda(2);
    items[0] = { ...items[0]!, disqualifiedMemberIds: ['m2'] };
    expect(takingPartAt(body, everyone, items, 'i1')).toEqual([
      { memberId: 'm1', servingForMemberId: '' },
      { memberId: 'm3', servingForMemberId: '' },
      { memberId: 'e2', servingForMemberId: 'm2' },
    ]);
    expect(takingPartAt(body, everyone, items, 'i2').map((s) => s.memberId)).toEqual(['m1', 'm2', 'm3']);
    expect(quorumAt(body, everyone, items, 'i1')).toMatchObject({ seats: 3, serving: 3, present: true });
  });

  it('fills two seats of one party in the order of service, then from any party', () => {
    const items = sampleAgenda(1, { disqualifiedMemberIds: ['m2', 'm3', 'm1'] });
    expect(takingPartAt(body, everyone, items, 'i1')).toEqual([
      { memberId: 'e1', servingForMemberId: 'm1' },
      { memberId: 'e2', servingForMemberId: 'm2' },
      { memberId: 'e3', servingForMemberId: 'm3' },
    ]);
    const withoutE1 = sampleMeeting({ attendance: ['m1', 'm2', 'm3', 'e2', 'e3'].map((id) => at(id)) });
    const onlyM1 = sampleAgenda(1, { disqualifiedMemberIds: ['m1'] });
    expect(takingPartAt(body, withoutE1, onlyM1, 'i1')).toContainEqual({ memberId: 'e2', servingForMemberId: 'm1' });
  });

  it('leaves the seat empty when no substitute is free, and never seats a disqualified substitute', () => {
    const items = sampleAgenda(1, { disqualifiedMemberIds: ['m2', 'e2', 'e3'] });
    const noneFree = sampleMeeting({ attendance: ['m1', 'm2', 'm3', 'e2', 'e3'].map((id) => at(id)) });
    expect(takingPartAt(body, noneFree, items, 'i1').map((s) => s.memberId)).toEqual(['m1', 'm3']);
    // A substitute already serving for an absent member is not free.
    const absentM3 = sampleMeeting({ attendance: [at('m1'), at('m2'), at('e2', { servingForMemberId: 'm3' })] });
    const m2Disqualified = sampleAgenda(1, { disqualifiedMemberIds: ['m2'] });
    expect(takingPartAt(body, absentM3, m2Disqualified, 'i1')).toEqual([
      { memberId: 'm1', servingForMemberId: '' },
      { memberId: 'e2', servingForMemberId: 'm3' },
    ]);
  });

  it('lets the stepping-in substitute vote on that item', () => {
    const items = sampleAgenda(1, { disqualifiedMemberIds: ['m2'] });
    const votes = [
      { memberId: 'm1', vote: 'yes' as const },
      { memberId: 'm3', vote: 'no' as const },
      { memberId: 'e2', vote: 'yes' as const },
    ];
    expect(voteResult(body, everyone, items, 'i1', votes)).toMatchObject({ yes: 2, no: 1, problems: [] });
    expect(voteResult(body, everyone, items, 'i1', [...votes, { memberId: 'm2', vote: 'no' }]).problems).toEqual(['disqualified']);
  });
});
