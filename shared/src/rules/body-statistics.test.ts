import { describe, expect, it } from 'vitest';
import type { MeetingRecord } from '../model/meeting';
import { sampleAgenda, sampleAttendance as at, sampleBody, sampleBodyMember as m, sampleMeeting } from '../testing/meeting-samples';
import { bodiesOf, decisionStatistics, givesAssignment, isDecided, officialStatistics } from './body-statistics';

const Q1 = { from: '2026-01-01', to: '2026-03-31' };
const ks = sampleBody([
  m({ id: 'chair', name: 'Anna Andersson', role: 'chair' }),
  m({ id: 'b', name: 'Bo Berg', to: '2025-12-31' }), // left before the period
  m({ id: 'c', name: 'Cilla Cederström', from: '2026-02-01' }), // joined in the period
  m({ id: 'e', name: 'Eva Ek', role: 'substitute', substituteOrder: 1 }),
]);
const bn = sampleBody([m({ id: 'x', name: 'Xerxes Åberg', role: 'chair' })], { id: 'm-body-bn', title: 'Barn- och utbildningsnämnden' });

const meetings: MeetingRecord[] = [
  sampleMeeting({ id: 'jan', date: '2026-01-20', status: 'closed', attendance: [at('chair'), at('e', { servingForMemberId: 'b' })] }),
  sampleMeeting({
    id: 'feb',
    date: '2026-02-17',
    status: 'posted',
    attendance: [at('chair', { present: false }), at('c'), at('e', { servingForMemberId: 'chair' })],
  }),
  sampleMeeting({ id: 'mar-planned', date: '2026-03-17', status: 'notice_sent' }), // not yet held
  sampleMeeting({ id: 'apr', date: '2026-04-14', status: 'closed', attendance: [at('chair')] }), // after the period
  sampleMeeting({ id: 'bn-feb', bodyId: 'm-body-bn', date: '2026-02-03', status: 'held', attendance: [at('x')] }),
];

describe('bodiesOf', () => {
  it('takes one body or all of them, in Swedish order, and nothing but bodies', () => {
    expect(bodiesOf([ks, bn, ...meetings], '').map((b) => b.title)).toEqual(['Barn- och utbildningsnämnden', 'Kommunstyrelsen']);
    expect(bodiesOf([ks, bn], 'm-body-ks').map((b) => b.id)).toEqual(['m-body-ks']);
    expect(bodiesOf([ks, bn], 'no-such')).toEqual([]);
  });
});

describe('officialStatistics', () => {
  it('lists the members whose assignment ran in the period, their attendance, and each meeting held', () => {
    const [s] = officialStatistics([ks], meetings, Q1);
    expect(s!.meetingsHeld).toBe(2);
    // Bo Berg's assignment ended before the period.
    expect(s!.members.map((x) => [x.name, x.role, x.meetings, x.attended, x.servedAsSubstitute])).toEqual([
      ['Anna Andersson', 'chair', 2, 1, 0],
      ['Cilla Cederström', 'member', 1, 1, 0],
      ['Eva Ek', 'substitute', 2, 2, 2],
    ]);
    // January: Bo Berg's assignment had ended, so 1 ordinary member (the chair) ran; February: chair and Cilla.
    expect(s!.meetings).toEqual([
      { meetingId: 'jan', date: '2026-01-20', title: 'Kommunstyrelsens sammanträde', present: 2, members: 1, substitutesServing: 1 },
      { meetingId: 'feb', date: '2026-02-17', title: 'Kommunstyrelsens sammanträde', present: 2, members: 2, substitutesServing: 1 },
    ]);
  });

  it('has no meetings for a body that met outside the period', () => {
    const [s] = officialStatistics([bn], meetings, { from: '2026-03-01', to: '2026-03-31' });
    expect([s!.meetingsHeld, s!.meetings, s!.members.length]).toEqual([0, [], 1]);
  });
});

describe('givesAssignment', () => {
  it.each([
    'Kommunstyrelsen ger kommundirektören i uppdrag att utreda frågan.',
    'Nämnden uppdrar åt förvaltningen att återkomma.',
    'Förvaltningen uppdras att ta fram ett förslag.',
    'GER FÖRVALTNINGEN I UPPDRAG ATT …',
  ])('reads an assignment in %j', (text) => expect(givesAssignment(text)).toBe(true));

  it.each(['Godkändes.', 'Uppdraget är slutfört och läggs till handlingarna.', 'Motionen anses besvarad.', 'Beslut i uppdragsfrågan', ''])(
    'reads none in %j',
    (text) => expect(givesAssignment(text)).toBe(false),
  );
});

describe('decisionStatistics', () => {
  const items: MeetingRecord[] = [
    ...sampleAgenda(2, {
      meetingId: 'jan',
      decision: 'Kommunstyrelsen ger kommundirektören i uppdrag att återkomma.',
      paragraph: 1,
      itemKind: 'case',
      caseId: 'c-plan',
      caseNumber: 'KS 2026-00001',
    }).map((i, n) => ({ ...i, id: `jan-${n}`, paragraph: n + 1 })),
    // Restricted case: title and decision withheld from this user, still decided (it has a §).
    {
      ...sampleAgenda(1, { meetingId: 'feb', paragraph: 7, itemKind: 'case', caseId: 'c-secret', caseNumber: 'KS 2026-00009' })[0]!,
      id: 'feb-secret',
      title: '',
      decision: '',
      withheld: ['title', 'proposal', 'decision', 'reservations'],
    },
    {
      ...sampleAgenda(1, { meetingId: 'feb', paragraph: 6, decision: 'Godkändes.', votes: [{ memberId: 'c', vote: 'yes' }] })[0]!,
      id: 'feb-std',
    },
    { ...sampleAgenda(1, { meetingId: 'feb', paragraph: 8, decision: '   ' })[0]!, id: 'feb-nodecision' },
    { ...sampleAgenda(1, { meetingId: 'mar-planned', decision: 'Förslag.' })[0]!, id: 'mar-proposal' },
    { ...sampleAgenda(1, { meetingId: 'apr', paragraph: 1, decision: 'Beslut.' })[0]!, id: 'apr-1' },
  ];
  const classes = new Map([
    ['c-plan', '3.1'],
    ['c-secret', '2.3.6.1'],
  ]);

  it('knows a decided item: a § and a decision, or a decision withheld', () => {
    expect(items.map((i) => [i.id, isDecided(i)])).toEqual([
      ['jan-0', true],
      ['jan-1', true],
      ['feb-secret', true],
      ['feb-std', true],
      ['feb-nodecision', false],
      ['mar-proposal', false],
      ['apr-1', true],
    ]);
  });

  it('counts meetings and decisions per month and process, lists decisions without withheld titles', () => {
    const [s] = decisionStatistics([ks], meetings, items, classes, Q1);
    expect(s!.months).toEqual([
      { month: '2026-01', meetings: 1, decided: 2, votes: 0, assignments: 2 },
      { month: '2026-02', meetings: 1, decided: 2, votes: 1, assignments: 0 },
    ]);
    // Items without a case ('') last.
    expect(s!.processes).toEqual([
      { classCode: '2.3.6.1', decided: 1 },
      { classCode: '3.1', decided: 2 },
      { classCode: '', decided: 1 },
    ]);
    expect(s!.decisions.map((d) => [d.meetingDate, d.paragraph, d.caseNumber, d.title, d.withheld])).toEqual([
      ['2026-01-20', 1, 'KS 2026-00001', 'Ärende 1', false],
      ['2026-01-20', 2, 'KS 2026-00001', 'Ärende 2', false],
      ['2026-02-17', 6, '', 'Ärende 1', false],
      ['2026-02-17', 7, 'KS 2026-00009', '', true],
    ]);
    expect(s!.total).toEqual({ meetings: 2, decided: 4, votes: 1, assignments: 2 });
  });

  it('narrows decisions to a process but still counts the meetings', () => {
    const [s] = decisionStatistics([ks], meetings, items, classes, Q1, (code) => code.startsWith('3'));
    expect(s!.total).toEqual({ meetings: 2, decided: 2, votes: 0, assignments: 2 });
    expect(s!.processes).toEqual([{ classCode: '3.1', decided: 2 }]);
  });
});
