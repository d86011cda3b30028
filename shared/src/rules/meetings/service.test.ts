import { describe, expect, it } from 'vitest';
import { sampleAgenda, sampleAttendance as at, sampleBody, sampleBodyMember as m, sampleMeeting } from '../../testing/meeting-samples';
import { attendanceProblemDetails, attendanceProblems, membersOn, ordinaryMembers, proposeSubstitutes, servingAt } from './service';

// Kommunstyrelsen: five seats (S 3, M 2), substitutes of both parties and one of C.
const body = sampleBody([
  m({ id: 'chair', role: 'chair', party: 'S' }),
  m({ id: 'vice', role: 'vice_chair', party: 'M' }),
  m({ id: 's1', party: 'S' }),
  m({ id: 's2', party: 'S', to: '2026-03-09' }), // term ended the day before the meeting
  m({ id: 's2new', party: 'S', from: '2026-03-10' }), // successor from the meeting day
  m({ id: 'm1', party: 'M' }),
  m({ id: 'subS1', role: 'substitute', party: 'S', substituteOrder: 1 }),
  m({ id: 'subS2', role: 'substitute', party: 'S', substituteOrder: 2 }),
  m({ id: 'subM1', role: 'substitute', party: 'M', substituteOrder: 1 }),
  m({ id: 'subC1', role: 'substitute', party: 'C', substituteOrder: 1 }),
  m({ id: 'subOld', role: 'substitute', party: 'S', substituteOrder: 3, to: '2025-12-31' }),
]);
const DATE = '2026-03-10';
const agenda = sampleAgenda(5);
const ids = (list: { id: string }[]) => list.map((x) => x.id);

describe('membersOn and ordinaryMembers', () => {
  it('takes assignments covering the date, both ends inclusive, open ends open', () => {
    expect(ids(membersOn(body, DATE))).toEqual(['chair', 'vice', 's1', 's2new', 'm1', 'subS1', 'subS2', 'subM1', 'subC1']);
    expect(ids(membersOn(body, '2026-03-09'))).toContain('s2');
    expect(ids(membersOn(body, '2026-03-09'))).not.toContain('s2new');
    expect(ids(membersOn(body, '2025-12-31'))).toContain('subOld');
    expect(ids(membersOn(body, '2026-01-01'))).not.toContain('subOld');
  });

  it('counts the seats without substitutes', () => {
    expect(ids(ordinaryMembers(body, DATE))).toEqual(['chair', 'vice', 's1', 's2new', 'm1']);
    expect(ordinaryMembers(sampleBody([]), DATE)).toEqual([]);
  });
});

describe('servingAt', () => {
  it('serves the present ordinary members and the substitutes for absent ones', () => {
    const meeting = sampleMeeting({
      attendance: [
        at('chair'),
        at('vice'),
        at('s1'),
        at('s2new', { present: false }),
        at('m1'),
        at('subS1', { servingForMemberId: 's2new' }),
      ],
    });
    expect(servingAt(body, meeting, agenda, 'i1')).toEqual([
      { memberId: 'chair', servingForMemberId: '' },
      { memberId: 'vice', servingForMemberId: '' },
      { memberId: 's1', servingForMemberId: '' },
      { memberId: 'm1', servingForMemberId: '' },
      { memberId: 'subS1', servingForMemberId: 's2new' },
    ]);
  });

  it('lets a late member take the seat back from the item they arrive at', () => {
    const meeting = sampleMeeting({
      attendance: [at('chair'), at('s2new', { arrivedAtItemId: 'i3' }), at('subS1', { servingForMemberId: 's2new' })],
    });
    const at1 = servingAt(body, meeting, agenda, 'i2');
    const at3 = servingAt(body, meeting, agenda, 'i3');
    expect(at1.map((s) => s.memberId)).toEqual(['chair', 'subS1']);
    expect(at3.map((s) => s.memberId)).toEqual(['chair', 's2new']);
  });

  it('counts an early departure from the item named on (the first item no longer attended)', () => {
    const meeting = sampleMeeting({ attendance: [at('chair', { leftAtItemId: 'i4' }), at('subS1', { servingForMemberId: 'chair' })] });
    expect(servingAt(body, meeting, agenda, 'i3').map((s) => s.memberId)).toEqual(['chair']);
    expect(servingAt(body, meeting, agenda, 'i4')).toEqual([{ memberId: 'subS1', servingForMemberId: 'chair' }]);
    expect(servingAt(body, meeting, agenda, 'i5')).toEqual([{ memberId: 'subS1', servingForMemberId: 'chair' }]);
  });

  it('does not count a member arriving after the item, nor a substitute arriving after it', () => {
    const meeting = sampleMeeting({
      attendance: [at('vice', { arrivedAtItemId: 'i2' }), at('subM1', { servingForMemberId: 'm1', arrivedAtItemId: 'i3' })],
    });
    expect(servingAt(body, meeting, agenda, 'i1')).toEqual([]);
    expect(servingAt(body, meeting, agenda, 'i2').map((s) => s.memberId)).toEqual(['vice']);
    expect(servingAt(body, meeting, agenda, 'i3').map((s) => s.memberId)).toEqual(['vice', 'subM1']);
  });

  it('never counts what it cannot place: unknown items, non-members, ended terms, substitutes for nobody', () => {
    const meeting = sampleMeeting({
      attendance: [
        at('chair', { arrivedAtItemId: 'nope' }),
        at('vice', { leftAtItemId: 'nope' }),
        at('s2'), // term ended the day before
        at('stranger'),
        at('subOld', { servingForMemberId: 's1' }), // no longer a substitute
        at('subS1', { servingForMemberId: 'stranger' }),
        at('subS2', { servingForMemberId: 'subM1' }), // substitutes hold no seat
        at('m1', { servingForMemberId: 's1' }), // an ordinary member serves as themself
      ],
    });
    expect(servingAt(body, meeting, agenda, 'i1')).toEqual([{ memberId: 'm1', servingForMemberId: '' }]);
    expect(servingAt(body, meeting, agenda, 'missing-item')).toEqual([]);
  });

  it('fills a seat once: the first substitute listed serves, a second one does not, nor one for a present member', () => {
    const meeting = sampleMeeting({
      attendance: [
        at('s1'),
        at('subS1', { servingForMemberId: 's2new' }),
        at('subS2', { servingForMemberId: 's2new' }),
        at('subC1', { servingForMemberId: 's1' }),
      ],
    });
    expect(servingAt(body, meeting, agenda, 'i1')).toEqual([
      { memberId: 's1', servingForMemberId: '' },
      { memberId: 'subS1', servingForMemberId: 's2new' },
    ]);
  });

  it('counts a duplicated entry once, by its first occurrence', () => {
    const meeting = sampleMeeting({ attendance: [at('chair', { present: false }), at('chair')] });
    expect(servingAt(body, meeting, agenda, 'i1')).toEqual([]);
  });

  it('serves nobody in an empty body or at an empty agenda', () => {
    expect(servingAt(sampleBody([]), sampleMeeting({ attendance: [at('chair')] }), agenda, 'i1')).toEqual([]);
    expect(servingAt(body, sampleMeeting({ attendance: [at('chair')] }), [], 'i1')).toEqual([]);
  });
});

describe('proposeSubstitutes', () => {
  const seats = (attendance: ReturnType<typeof proposeSubstitutes>) =>
    Object.fromEntries(attendance.filter((a) => a.servingForMemberId !== '').map((a) => [a.memberId, a.servingForMemberId]));

  it('takes the first substitute of the absent member’s own party by order of service', () => {
    const attendance = [at('chair'), at('vice'), at('s2new', { present: false }), at('m1'), at('subS2'), at('subS1'), at('subC1')];
    // s1 has no entry at all: absent too.
    expect(seats(proposeSubstitutes(body, DATE, attendance))).toEqual({ subS1: 's1', subS2: 's2new' });
  });

  it('falls back to another party’s substitute by order only after every own-party match is made', () => {
    // vice (M) and s1 (S) absent; present: subC1 and subS1. vice is listed first but must not take subS1.
    const attendance = [at('chair'), at('s2new'), at('m1'), at('subC1'), at('subS1')];
    expect(seats(proposeSubstitutes(body, DATE, attendance))).toEqual({ subS1: 's1', subC1: 'vice' });
  });

  it('lets a substitute without a party match serve, and a substitute serve for one member only', () => {
    const attendance = [at('chair'), at('vice', { present: false }), at('m1', { present: false }), at('s1'), at('s2new'), at('subC1')];
    expect(seats(proposeSubstitutes(body, DATE, attendance))).toEqual({ subC1: 'vice' });
  });

  it('keeps what the coordinator set, leaves absent and ended substitutes out, changes nothing else', () => {
    const attendance = [
      at('chair'),
      at('vice'),
      at('s1'),
      at('m1'),
      at('subS1', { servingForMemberId: 's2new' }), // already set
      at('subS2'),
      at('subM1', { present: false }),
      at('subOld'),
    ];
    const proposed = proposeSubstitutes(body, DATE, attendance);
    expect(proposed).toEqual(attendance);
  });

  it('proposes nothing when nobody is absent, no substitute is present, or the body is empty', () => {
    const full = [at('chair'), at('vice'), at('s1'), at('s2new'), at('m1'), at('subS1')];
    expect(proposeSubstitutes(body, DATE, full)).toEqual(full);
    const noSubs = [at('chair')];
    expect(proposeSubstitutes(body, DATE, noSubs)).toEqual(noSubs);
    expect(proposeSubstitutes(sampleBody([]), DATE, [at('x')])).toEqual([at('x')]);
  });

  it('orders substitutes without an order after those with one', () => {
    const b = sampleBody([
      m({ id: 'a', party: 'S' }),
      m({ id: 'x', role: 'substitute', party: 'S', substituteOrder: 0 }),
      m({ id: 'y', role: 'substitute', party: 'S', substituteOrder: 5 }),
    ]);
    expect(seats(proposeSubstitutes(b, DATE, [at('x'), at('y')]))).toEqual({ y: 'a' });
  });

  it('does not serve for a member whose term ended the day before the meeting', () => {
    const attendance = [at('chair'), at('vice'), at('s1'), at('s2new'), at('m1'), at('subS1')];
    expect(seats(proposeSubstitutes(body, DATE, attendance))).toEqual({});
  });

  it('proposes what servingAt then counts: a full house', () => {
    const proposed = proposeSubstitutes(body, DATE, [at('chair'), at('subS1'), at('subS2'), at('subM1'), at('subC1')]);
    const meeting = sampleMeeting({ attendance: proposed });
    expect(servingAt(body, meeting, agenda, 'i1')).toHaveLength(5);
    expect(attendanceProblems(body, meeting, agenda)).toEqual([]);
  });
});

describe('attendanceProblems', () => {
  const problems = (attendance: ReturnType<typeof at>[], items = agenda) => attendanceProblems(body, sampleMeeting({ attendance }), items);

  it('finds none in a clean attendance list', () => {
    expect(
      problems([at('chair'), at('s1', { arrivedAtItemId: 'i2', leftAtItemId: 'i4' }), at('subS1', { servingForMemberId: 's2new' })]),
    ).toEqual([]);
    expect(problems([])).toEqual([]);
  });

  it.each([
    ['not_in_body', [at('stranger')]],
    ['not_in_body', [at('s2')]], // term ended the day before
    ['duplicate_attendance', [at('chair'), at('chair')]],
    ['substitute_not_in_body', [at('subOld', { servingForMemberId: 's1' })]],
    ['substitute_not_in_body', [at('m1', { servingForMemberId: 's1' })]],
    ['serving_for_non_member', [at('subS1', { servingForMemberId: 'stranger' })]],
    ['serving_for_non_member', [at('subS1', { servingForMemberId: 'subS2' })]],
    ['serving_for_present_member', [at('s1'), at('subS1', { servingForMemberId: 's1' })]],
    ['serving_for_present_member', [at('s1'), at('subS1', { servingForMemberId: 's1', arrivedAtItemId: 'i2' })]],
    ['serving_twice', [at('subS1', { servingForMemberId: 's1' }), at('subS2', { servingForMemberId: 's1' })]],
    ['serving_not_present', [at('subS1', { servingForMemberId: 's1', present: false })]],
    ['unknown_item', [at('chair', { arrivedAtItemId: 'nope' })]],
    ['unknown_item', [at('chair', { leftAtItemId: 'nope' })]],
    ['left_before_arrival', [at('chair', { arrivedAtItemId: 'i3', leftAtItemId: 'i3' })]],
    ['left_before_arrival', [at('chair', { arrivedAtItemId: 'i4', leftAtItemId: 'i2' })]],
  ])('reports %s', (code, attendance) => {
    expect(problems(attendance)).toEqual([code]);
  });

  it('accepts a substitute serving while the member is away for part of the meeting', () => {
    expect(problems([at('s1', { arrivedAtItemId: 'i3' }), at('subS1', { servingForMemberId: 's1' })])).toEqual([]);
    expect(problems([at('s1', { leftAtItemId: 'i5' }), at('subS1', { servingForMemberId: 's1', arrivedAtItemId: 'i5' })])).toEqual([]);
  });

  it('reports a serving substitute for a present member when there is no agenda to serve on', () => {
    expect(problems([at('s1'), at('subS1', { servingForMemberId: 's1' })], [])).toEqual(['serving_for_present_member']);
  });

  it('names the member of each problem and lists each code once in the summary', () => {
    const meeting = sampleMeeting({ attendance: [at('x'), at('y'), at('chair', { arrivedAtItemId: 'nope' })] });
    expect(attendanceProblemDetails(body, meeting, agenda)).toEqual([
      { code: 'not_in_body', memberId: 'x' },
      { code: 'not_in_body', memberId: 'y' },
      { code: 'unknown_item', memberId: 'chair' },
    ]);
    expect(attendanceProblems(body, meeting, agenda)).toEqual(['not_in_body', 'unknown_item']);
  });
});
