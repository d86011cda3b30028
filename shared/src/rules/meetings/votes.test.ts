import { describe, expect, it } from 'vitest';
import type { MemberVote, VoteValue } from '../../model/meeting';
import { sampleAgenda, sampleAttendance as at, sampleBody, sampleBodyMember as m, sampleMeeting } from '../../testing/meeting-samples';
import { voteResult } from './votes';

// Five seats: chair, vice chair, second vice chair, two members; two substitutes.
const body = sampleBody([
  m({ id: 'chair', role: 'chair' }),
  m({ id: 'vice', role: 'vice_chair', party: 'M' }),
  m({ id: 'second', role: 'second_vice_chair', party: 'C' }),
  m({ id: 'a' }),
  m({ id: 'b', party: 'M' }),
  m({ id: 'e1', role: 'substitute', substituteOrder: 1 }),
  m({ id: 'e2', role: 'substitute', party: 'M', substituteOrder: 1 }),
]);
const everyone = sampleMeeting({ attendance: ['chair', 'vice', 'second', 'a', 'b', 'e1', 'e2'].map((id) => at(id)) });
const agenda = sampleAgenda(3);
const v = (spec: Record<string, VoteValue>): MemberVote[] => Object.entries(spec).map(([memberId, vote]) => ({ memberId, vote }));

describe('voteResult', () => {
  it('adopts by simple majority of yes over no; abstentions count for neither', () => {
    expect(voteResult(body, everyone, agenda, 'i1', v({ chair: 'yes', vice: 'yes', second: 'no', a: 'abstain', b: 'abstain' }))).toEqual({
      yes: 2,
      no: 1,
      abstain: 2,
      outcome: 'yes',
      casting: false,
      tieUnbroken: false,
      chairMemberId: 'chair',
      problems: [],
    });
    expect(voteResult(body, everyone, agenda, 'i1', v({ chair: 'yes', vice: 'no', second: 'no' }))).toMatchObject({
      outcome: 'no',
      casting: false,
    });
  });

  it.each([
    ['yes', 'yes'],
    ['no', 'no'],
  ] as const)('breaks a tie by the chair’s vote (%s)', (chairVote, outcome) => {
    const other = chairVote === 'yes' ? 'no' : 'yes';
    const r = voteResult(body, everyone, agenda, 'i1', v({ chair: chairVote, vice: other, a: chairVote, b: other }));
    expect(r).toMatchObject({ yes: 2, no: 2, outcome, casting: true, tieUnbroken: false, chairMemberId: 'chair', problems: [] });
  });

  it('gives the casting vote to the vice chair when the chair does not serve, then to the second vice chair', () => {
    const noChair = sampleMeeting({ attendance: ['vice', 'second', 'a', 'b'].map((id) => at(id)) });
    expect(voteResult(body, noChair, agenda, 'i1', v({ vice: 'no', second: 'yes', a: 'yes', b: 'no' }))).toMatchObject({
      outcome: 'no',
      casting: true,
      chairMemberId: 'vice',
    });
    const onlySecond = sampleMeeting({ attendance: ['second', 'a', 'b'].map((id) => at(id)) });
    expect(voteResult(body, onlySecond, agenda, 'i1', v({ second: 'yes', a: 'no' }))).toMatchObject({
      outcome: 'yes',
      casting: true,
      chairMemberId: 'second',
    });
  });

  it('passes the chair on when the chair is disqualified on the item', () => {
    const items = sampleAgenda(1, { disqualifiedMemberIds: ['chair'] });
    expect(voteResult(body, everyone, items, 'i1', v({ vice: 'no', a: 'yes' }))).toMatchObject({ chairMemberId: 'vice', outcome: 'no' });
  });

  it('does not make a substitute serving for the chair the chair', () => {
    const meeting = sampleMeeting({ attendance: [at('a'), at('b'), at('e1', { servingForMemberId: 'chair' })] });
    expect(voteResult(body, meeting, agenda, 'i1', v({ e1: 'yes', a: 'no' }))).toMatchObject({
      yes: 1,
      no: 1,
      outcome: 'no',
      casting: false,
      tieUnbroken: true,
      chairMemberId: '',
      problems: [],
    });
  });

  it('leaves a tie unbroken when the chair abstained or did not vote', () => {
    expect(voteResult(body, everyone, agenda, 'i1', v({ chair: 'abstain', a: 'yes', b: 'no' }))).toMatchObject({
      outcome: 'no',
      casting: false,
      tieUnbroken: true,
      problems: [],
    });
    expect(voteResult(body, everyone, agenda, 'i1', v({ a: 'yes', b: 'no' }))).toMatchObject({ casting: false, tieUnbroken: true });
    expect(voteResult(body, everyone, agenda, 'i1', [])).toMatchObject({ yes: 0, no: 0, outcome: 'no', tieUnbroken: true });
  });

  it('uses the chair named for the meeting when given, if they take part in the item', () => {
    expect(voteResult(body, everyone, agenda, 'i1', v({ chair: 'yes', b: 'no', a: 'yes', vice: 'no' }), 'vice')).toMatchObject({
      outcome: 'no',
      casting: true,
      chairMemberId: 'vice',
    });
    expect(voteResult(body, everyone, agenda, 'i1', v({ chair: 'yes', b: 'no' }), '')).toMatchObject({
      chairMemberId: 'chair',
      casting: true,
    });
    const items = sampleAgenda(1, { disqualifiedMemberIds: ['vice'] });
    expect(voteResult(body, everyone, items, 'i1', v({ chair: 'yes', b: 'no' }), 'vice')).toMatchObject({
      chairMemberId: '',
      tieUnbroken: true,
    });
  });

  it('counts serving substitutes and refuses those who do not serve', () => {
    const meeting = sampleMeeting({
      attendance: [at('chair'), at('vice'), at('a'), at('e1', { servingForMemberId: 'second' }), at('e2')],
    });
    expect(voteResult(body, meeting, agenda, 'i1', v({ chair: 'yes', e1: 'no', e2: 'no' }))).toMatchObject({
      yes: 1,
      no: 1,
      outcome: 'yes',
      casting: true,
      problems: ['not_serving'],
    });
  });

  it.each([
    ['not_serving', everyone, agenda, v({ stranger: 'yes' })],
    ['not_serving', everyone, agenda, v({ e1: 'yes' })], // present, serving for nobody
    [
      'not_serving',
      sampleMeeting({ attendance: [...everyone.attendance.slice(0, 4), at('b', { arrivedAtItemId: 'i2' })] }),
      agenda,
      v({ b: 'no' }),
    ],
    [
      'not_serving',
      sampleMeeting({ attendance: [...everyone.attendance.slice(0, 4), at('b', { leftAtItemId: 'i1' })] }),
      agenda,
      v({ b: 'no' }),
    ],
    ['disqualified', everyone, sampleAgenda(1, { disqualifiedMemberIds: ['a'] }), v({ a: 'yes' })],
    ['duplicate', everyone, agenda, [...v({ a: 'yes' }), ...v({ a: 'no' })]],
    ['no_quorum', sampleMeeting({ attendance: [at('chair'), at('a')] }), agenda, v({ chair: 'yes', a: 'yes' })],
  ] as const)('reports %s and does not count that vote', (code, meeting, items, votes) => {
    const r = voteResult(body, meeting, items, 'i1', votes);
    expect(r.problems).toEqual([code]);
    if (code === 'duplicate') expect(r).toMatchObject({ yes: 1, no: 0 });
    else if (code === 'no_quorum') expect(r.yes).toBe(2);
    else expect(r.yes + r.no + r.abstain).toBe(0);
  });

  it('reports an item not on the agenda, where nobody serves', () => {
    expect(voteResult(body, everyone, agenda.slice(1), 'i1', v({ a: 'yes' }))).toMatchObject({
      yes: 0,
      problems: ['unknown_item', 'not_serving'],
    });
  });

  it('refuses a disqualified member’s vote even while serving, and their absence from quorum can cost it', () => {
    const meeting = sampleMeeting({ attendance: [at('chair'), at('a'), at('b')] });
    const items = sampleAgenda(1, { disqualifiedMemberIds: ['b'] });
    expect(voteResult(body, meeting, items, 'i1', v({ chair: 'yes', a: 'yes', b: 'no' }))).toMatchObject({
      yes: 2,
      no: 0,
      problems: ['no_quorum', 'disqualified'],
    });
  });

  it('reports each code once, item-level first', () => {
    const meeting = sampleMeeting({ attendance: [at('a')] });
    const r = voteResult(body, meeting, agenda, 'i1', v({ x: 'yes', y: 'no' }).concat(v({ x: 'no' })));
    expect(r.problems).toEqual(['no_quorum', 'not_serving', 'duplicate']);
  });

  it('has everyone disqualified: no quorum, every vote refused', () => {
    const items = sampleAgenda(1, { disqualifiedMemberIds: ['chair', 'vice', 'second', 'a', 'b'] });
    expect(voteResult(body, everyone, items, 'i1', v({ chair: 'yes', vice: 'no' }))).toMatchObject({
      yes: 0,
      no: 0,
      chairMemberId: '',
      problems: ['no_quorum', 'disqualified'],
    });
  });

  it('has no chair and no quorum in an empty body', () => {
    expect(voteResult(sampleBody([]), everyone, agenda, 'i1', v({ a: 'yes' }))).toMatchObject({
      chairMemberId: '',
      problems: ['no_quorum', 'not_serving'],
    });
  });
});
