import { describe, expect, it } from 'vitest';
import type { MeetingStatus } from '../../model/meeting';
import { sampleAgenda, sampleAttendance as at, sampleBody, sampleBodyMember as m, sampleMeeting } from '../../testing/meeting-samples';
import { parseCsv } from './csv';
import { bodyStatistics, statisticsCsv } from './meeting-stats';

const body = sampleBody([
  m({ id: 'chair', name: 'Anna Andersson', role: 'chair', from: '2023-01-01' }),
  m({ id: 'b', name: 'Bo Berg', party: 'M', to: '2026-03-31' }), // term ends between meetings
  m({ id: 'e', name: 'Eva Ek', role: 'substitute', substituteOrder: 1 }),
]);

const meeting = (id: string, date: string, status: MeetingStatus, attendance = [at('chair')]) =>
  sampleMeeting({ id, date, status, attendance });
const meetings = [
  meeting('jan', '2026-01-20', 'closed', [at('chair'), at('b'), at('e')]),
  meeting('mar', '2026-03-10', 'posted', [at('chair'), at('b', { present: false }), at('e', { servingForMemberId: 'b' })]),
  meeting('apr', '2026-04-14', 'minutes_adjusted', [at('e', { servingForMemberId: 'chair', arrivedAtItemId: 'i2' })]),
  meeting('may', '2026-05-12', 'held', [at('chair', { leftAtItemId: 'i2' })]),
  meeting('jun', '2026-06-09', 'notice_sent'),
  meeting('sep', '2026-09-08', 'cancelled'),
  meeting('dec25', '2025-12-09', 'closed', [at('chair'), at('b')]),
  sampleMeeting({ id: 'other-body', bodyId: 'm-body-bn', date: '2026-02-02', status: 'closed', attendance: [at('chair')] }),
];
const items = [
  ...sampleAgenda(3, { meetingId: 'jan', decision: 'Beslut.' }),
  ...sampleAgenda(2, { meetingId: 'mar', decision: 'Beslut.', votes: [{ memberId: 'chair', vote: 'yes' }] }),
  ...sampleAgenda(2, { meetingId: 'apr', decision: '  ' }),
  ...sampleAgenda(1, { meetingId: 'jun', decision: 'Förslag, inte beslut.' }),
  ...sampleAgenda(4, { meetingId: 'dec25', decision: 'Beslut.', votes: [{ memberId: 'b', vote: 'no' }] }),
  ...sampleAgenda(5, { meetingId: 'other-body', bodyId: 'm-body-bn', decision: 'Beslut.' }),
];

describe('bodyStatistics', () => {
  it('counts a year: meetings that took place, their items, decisions and votes, attendance per assignment', () => {
    const s = bodyStatistics(body, meetings, items, 2026);
    expect(s).toMatchObject({
      bodyId: 'm-body-ks',
      bodyTitle: 'Kommunstyrelsen',
      year: 2026,
      meetingsHeld: 4,
      items: 7,
      decisions: 5,
      votes: 2,
    });
    expect(s.members).toEqual([
      {
        memberId: 'chair',
        name: 'Anna Andersson',
        party: 'S',
        role: 'chair',
        from: '2023-01-01',
        to: '',
        meetings: 4,
        attended: 3,
        servedAsSubstitute: 0,
      },
      {
        memberId: 'b',
        name: 'Bo Berg',
        party: 'M',
        role: 'member',
        from: '',
        to: '2026-03-31',
        meetings: 2,
        attended: 1,
        servedAsSubstitute: 0,
      },
      { memberId: 'e', name: 'Eva Ek', party: 'S', role: 'substitute', from: '', to: '', meetings: 4, attended: 3, servedAsSubstitute: 2 },
    ]);
  });

  it('counts every year without one', () => {
    const s = bodyStatistics(body, meetings, items, undefined);
    expect(s).toMatchObject({ year: null, meetingsHeld: 5, items: 11, decisions: 9, votes: 6 });
    expect(s.members[0]).toMatchObject({ meetings: 5, attended: 4 });
  });

  it('counts nothing for an empty body or a year without meetings', () => {
    const empty = bodyStatistics(sampleBody([]), [], [], 2026);
    expect(empty).toEqual({
      bodyId: 'm-body-ks',
      bodyTitle: 'Kommunstyrelsen',
      year: 2026,
      meetingsHeld: 0,
      items: 0,
      decisions: 0,
      votes: 0,
      members: [],
    });
    const quiet = bodyStatistics(body, meetings, items, 2030);
    expect(quiet.members.map((x) => x.meetings)).toEqual([0, 0, 0]);
  });
});

describe('statisticsCsv', () => {
  it('writes a ;-separated file with Swedish headers and a BOM that reads back', () => {
    const text = statisticsCsv(bodyStatistics(body, meetings, items, 2026));
    expect(text.startsWith('\uFEFFOrgan;År;Sammanträden;Ärenden;Beslut;Omröstningar\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const parsed = parseCsv(text);
    expect(parsed.ok && parsed.rows.map((r) => r.cells)).toEqual([
      ['Organ', 'År', 'Sammanträden', 'Ärenden', 'Beslut', 'Omröstningar'],
      ['Kommunstyrelsen', '2026', '4', '7', '5', '2'],
      ['Namn', 'Parti', 'Roll', 'Från', 'Till', 'Sammanträden', 'Närvarande', 'Tjänstgjort som ersättare', 'Närvaro (%)'],
      ['Anna Andersson', 'S', 'Ordförande', '2023-01-01', '', '4', '3', '0', '75'],
      ['Bo Berg', 'M', 'Ledamot', '', '2026-03-31', '2', '1', '0', '50'],
      ['Eva Ek', 'S', 'Ersättare', '', '', '4', '3', '2', '75'],
    ]);
  });

  it('quotes what needs quoting, defuses formulas, leaves the rate empty without meetings', () => {
    const tricky = sampleBody(
      [
        m({ id: 'x', name: '=HYPERLINK("http://x";"klick")', party: 'A;B', role: 'vice_chair' }),
        m({ id: 'y', name: 'Rad\nbrytning', party: '-', role: 'second_vice_chair' }),
      ],
      {
        title: 'Nämnd "K"',
      },
    );
    const text = statisticsCsv(bodyStatistics(tricky, [], [], 2026));
    const parsed = parseCsv(text);
    expect(parsed.ok && parsed.rows.slice(1).map((r) => r.cells)).toEqual([
      ['Nämnd "K"', '2026', '0', '0', '0', '0'],
      ['Namn', 'Parti', 'Roll', 'Från', 'Till', 'Sammanträden', 'Närvarande', 'Tjänstgjort som ersättare', 'Närvaro (%)'],
      [`'=HYPERLINK("http://x";"klick")`, 'A;B', '1:e vice ordförande', '', '', '0', '0', '0', ''],
      ['Rad\nbrytning', `'-`, '2:e vice ordförande', '', '', '0', '0', '0', ''],
    ]);
    expect(statisticsCsv(bodyStatistics(tricky, [], [])).split('\r\n')[1]).toBe('"Nämnd ""K""";Alla;0;0;0;0');
  });
});
