import { describe, expect, it } from 'vitest';
import { MeetingRecord } from '../../model/meeting';
import { sampleBody, sampleBodyMember as m } from '../../testing/meeting-samples';
import { meetingRecordProblems } from '../meeting-record';
import { MAX_IMPORT_ROWS, planMemberImport } from './member-import';

const TODAY = '2026-03-10';
const ks = sampleBody([], { id: 'b-ks', title: 'Kommunstyrelsen' });
const bn = sampleBody([], { id: 'b-bn', title: 'Byggnadsnämnden', bodyType: 'committee' });
const HEAD = 'namn;personnummer;parti;organ;roll;från;till';
const csv = (...lines: string[]) => [HEAD, ...lines].join('\n');
// Luhn-valid numbers.
const ANNA = '811218-9876';
const BO = '121212-1212';

describe('planMemberImport: reading the file', () => {
  it('reads a Swedish export with BOM, CRLF and Swedish roles, ordering substitutes by row within party and body', () => {
    const text =
      '\uFEFF' +
      [
        HEAD,
        `Anna Andersson;${ANNA};S;Kommunstyrelsen;Ordförande;2026-01-01;2026-12-31`,
        'Cecilia Ceder;;M;kommunstyrelsen;1:e vice ordförande;2026-01-01;',
        'Dan Dahl;;C;Kommunstyrelsen;2:e vice ordförande;;',
        'Eva Ek;;S;Kommunstyrelsen;Ersättare;2026-01-01;',
        'Filip Fors;;M;Kommunstyrelsen;ersättare;2026-01-01;',
        'Gun Gran;;S;Kommunstyrelsen;ERSÄTTARE;2026-01-01;',
        `Bo Berg;${BO};S;Byggnadsnämnden;Ledamot;2026-01-01;`,
        'Hans Hed;;S;Byggnadsnämnden;Ersättare;2026-01-01;',
        'Ida Ås;;M;Kommunstyrelsen;Vice ordförande;2020-01-01;2020-12-31',
      ].join('\r\n');
    const plan = planMemberImport(text, [ks, bn], TODAY);
    expect(plan.rejected).toEqual([]);
    expect(plan.rows.map((r) => [r.line, r.role, r.substituteOrder])).toEqual([
      [2, 'chair', 0],
      [3, 'vice_chair', 0],
      [4, 'second_vice_chair', 0],
      [5, 'substitute', 1],
      [6, 'substitute', 1],
      [7, 'substitute', 2],
      [8, 'member', 0],
      [9, 'substitute', 1],
      [10, 'vice_chair', 0],
    ]);
    expect(plan.rows[0]).toEqual({
      line: 2,
      name: 'Anna Andersson',
      identityNumber: '19811218-9876',
      party: 'S',
      bodyId: 'b-ks',
      role: 'chair',
      from: '2026-01-01',
      to: '2026-12-31',
      substituteOrder: 0,
    });
    expect(plan.added['b-ks']!.map((x) => x.name)).toEqual([
      'Anna Andersson',
      'Cecilia Ceder',
      'Dan Dahl',
      'Eva Ek',
      'Filip Fors',
      'Gun Gran',
      'Ida Ås',
    ]);
    expect(plan.bodies.map((b) => b.id)).toEqual(['b-ks', 'b-bn']);
    const ksAfter = plan.bodies[0]!;
    const anna = ksAfter.members.find((x) => x.name === 'Anna Andersson')!;
    expect(ksAfter.memberIdentities).toEqual([{ memberId: anna.id, identityNumber: '19811218-9876' }]);
    for (const body of plan.bodies) {
      expect(MeetingRecord.safeParse(body).success).toBe(true);
      expect(meetingRecordProblems(body)).toEqual([]);
    }
  });

  it('reads an English, comma-separated export with quoted fields, enum roles and an order column', () => {
    const text = [
      'Name,Party,Body,Role,From,To,Order',
      '"Ceder, Cecilia",M,Kommunstyrelsen,substitute,2026-01-01,,3',
      '"Ek ""Evi"" Eva",M,Kommunstyrelsen,substitute,2026-01-01,,1',
      'Dan Dahl,C,Kommunstyrelsen,member,,,',
    ].join('\n');
    const plan = planMemberImport(text, [ks], TODAY);
    expect(plan.rejected).toEqual([]);
    expect(plan.rows.map((r) => [r.name, r.substituteOrder, r.identityNumber])).toEqual([
      ['Ceder, Cecilia', 3, ''],
      ['Ek "Evi" Eva', 1, ''],
      ['Dan Dahl', 0, ''],
    ]);
  });

  it.each([
    ['namn', 'name'],
    ['pnr', 'identityNumber'],
    ['Personal identity number', 'identityNumber'],
    ['Parti', 'party'],
    ['ORGAN', 'body'],
    ['roll', 'role'],
    ['Från', 'from'],
    ['till', 'to'],
  ])('knows the header %s', (header, field) => {
    const headers = { name: 'name', identityNumber: 'personnummer', party: 'party', body: 'body', role: 'role', from: 'from', to: 'to' };
    const line = { name: 'Anna', identityNumber: ANNA, party: 'S', body: 'Kommunstyrelsen', role: 'ledamot', from: '2026-01-01', to: '' };
    const keys = Object.keys(headers) as (keyof typeof headers)[];
    const head = keys.map((k) => (k === field ? header : headers[k])).join(';');
    const plan = planMemberImport(`${head}\n${keys.map((k) => line[k]).join(';')}`, [ks], TODAY);
    expect(plan.rejected).toEqual([]);
    expect(plan.rows).toHaveLength(1);
  });
});

describe('planMemberImport: rejected rows', () => {
  it.each([
    ['bad_date', `Anna;;S;Kommunstyrelsen;Ledamot;2026-02-30;`],
    ['bad_date', `Anna;;S;Kommunstyrelsen;Ledamot;2026-1-1;`],
    ['bad_date', `Anna;;S;Kommunstyrelsen;Ledamot;;31/12/2026`],
    ['bad_date', `Anna;;S;Kommunstyrelsen;Ledamot;2026-06-01;2026-05-31`],
    ['unknown_body', `Anna;;S;Kulturnämnden;Ledamot;;`],
    ['unknown_body', `Anna;;S;;Ledamot;;`],
    ['invalid_identity_number', `Anna;811218-9877;S;Kommunstyrelsen;Ledamot;;`],
    ['invalid_identity_number', `Anna;19811318-9871;S;Kommunstyrelsen;Ledamot;;`],
    ['invalid_identity_number', `Anna;abc;S;Kommunstyrelsen;Ledamot;;`],
    ['unknown_role', `Anna;;S;Kommunstyrelsen;Kassör;;`],
    ['unknown_role', `Anna;;S;Kommunstyrelsen;;;`],
    ['missing_name', `;;S;Kommunstyrelsen;Ledamot;;`],
    ['missing_name', `   ;;S;Kommunstyrelsen;Ledamot;;`],
  ])('rejects %s: %s', (reason, line) => {
    const plan = planMemberImport(csv(line), [ks], TODAY);
    expect(plan.rejected).toEqual([expect.objectContaining({ line: 2, reason })]);
    expect(plan.rows).toEqual([]);
    expect(plan.bodies).toEqual([]);
  });

  it('rejects a bad order of service', () => {
    const plan = planMemberImport(
      `${HEAD};ordning\nEva;;S;Kommunstyrelsen;Ersättare;;;0\nGun;;S;Kommunstyrelsen;Ersättare;;;x`,
      [ks],
      TODAY,
    );
    expect(plan.rejected.map((r) => [r.line, r.reason])).toEqual([
      [2, 'bad_order'],
      [3, 'bad_order'],
    ]);
  });

  it('rejects a body name two bodies share', () => {
    const twin = sampleBody([], { id: 'b-twin', title: 'Kommunstyrelsen' });
    expect(planMemberImport(csv('Anna;;S;Kommunstyrelsen;Ledamot;;'), [ks, twin], TODAY).rejected).toEqual([
      { line: 2, reason: 'ambiguous_body', detail: 'Kommunstyrelsen' },
    ]);
  });

  it('rejects the same person twice in the same body with overlapping periods, and only then', () => {
    const plan = planMemberImport(
      csv(
        `Anna;${ANNA};S;Kommunstyrelsen;Ledamot;2026-01-01;2026-06-30`,
        `Anna A;19811218-9876;S;Kommunstyrelsen;Ersättare;2026-06-30;`, // same number, overlapping one day
        `Anna;${ANNA};S;Kommunstyrelsen;Ordförande;2026-07-01;`, // next period: fine
        `Anna;${ANNA};S;Byggnadsnämnden;Ledamot;2026-01-01;`, // other body: fine
        'Bo Berg;;M;Kommunstyrelsen;Ledamot;;',
        'bo  berg;;m;Kommunstyrelsen;Ersättare;2026-01-01;', // same name and party, open period
        'Bo Berg;;KD;Kommunstyrelsen;Ledamot;;', // another party: another person
      ),
      [ks, bn],
      TODAY,
    );
    expect(plan.rejected).toEqual([
      { line: 3, reason: 'overlapping_assignment', detail: 'overlaps line 2' },
      { line: 7, reason: 'overlapping_assignment', detail: 'overlaps line 6' },
    ]);
    expect(plan.rows.map((r) => r.line)).toEqual([2, 4, 5, 6, 8]);
  });

  it('keeps the good rows of a file with bad ones, each rejection on its line', () => {
    const plan = planMemberImport(
      csv('Anna;;S;Kommunstyrelsen;Ledamot;;', 'Bo;;S;Nowhere;Ledamot;;', 'Cia;;S;Kommunstyrelsen;Ledamot;;'),
      [ks],
      TODAY,
    );
    expect(plan.rows.map((r) => r.name)).toEqual(['Anna', 'Cia']);
    expect(plan.rejected).toEqual([{ line: 3, reason: 'unknown_body', detail: 'Nowhere' }]);
  });
});

describe('planMemberImport: the file as a whole', () => {
  it('refuses more than 1 MB, writing nothing', () => {
    const line = 'Anna;;S;Kommunstyrelsen;Ledamot;;' + ' '.repeat(1000);
    const plan = planMemberImport(csv(...Array.from({ length: 1000 }, () => line)), [ks], TODAY);
    expect(plan).toEqual({
      rows: [],
      rejected: [{ line: 0, reason: 'too_large', detail: 'more than 1000000 bytes' }],
      added: {},
      changed: {},
      ended: {},
      bodies: [],
    });
  });

  it('counts bytes, not characters', () => {
    const plan = planMemberImport(csv(`Å${'å'.repeat(500_000)};;S;Kommunstyrelsen;Ledamot;;`), [ks], TODAY);
    expect(plan.rejected.map((r) => r.reason)).toEqual(['too_large']);
  });

  it('refuses more than 5,000 rows and takes exactly 5,000', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `P${i};;S;Kommunstyrelsen;Ersättare;2020-01-01;2020-01-01`);
    expect(planMemberImport(csv(...rows(MAX_IMPORT_ROWS + 1)), [ks], TODAY).rejected).toEqual([
      { line: 0, reason: 'too_many_rows', detail: '5001 rows, at most 5000' },
    ]);
    const ok = planMemberImport(csv(...rows(MAX_IMPORT_ROWS)), [ks], TODAY);
    expect(ok.rows).toHaveLength(MAX_IMPORT_ROWS);
    expect(ok.rejected).toEqual([{ line: 0, reason: 'too_many_members', detail: 'Kommunstyrelsen: 5000, at most 400' }]);
    expect(ok.bodies).toEqual([]);
  });

  it('refuses a file without the required columns, naming them', () => {
    expect(planMemberImport('namn;parti\nAnna;S', [ks], TODAY).rejected).toEqual([
      { line: 1, reason: 'missing_columns', detail: 'body, role, from, to' },
    ]);
    expect(planMemberImport('', [ks], TODAY).rejected.map((r) => r.reason)).toEqual(['missing_columns']);
  });

  it('refuses a malformed file, naming the line', () => {
    expect(planMemberImport(`${HEAD}\n"Anna;;S;Kommunstyrelsen;Ledamot;;`, [ks], TODAY).rejected).toEqual([
      { line: 2, reason: 'malformed_csv', detail: 'a quote is never closed' },
    ]);
  });
});

describe('planMemberImport: added, changed, ended', () => {
  const current = sampleBody(
    [
      m({ id: 'anna', name: 'Anna Andersson', party: 'S', role: 'member', from: '2023-01-01' }),
      m({ id: 'bo', name: 'Bo Berg', party: 'M', role: 'member', from: '2023-01-01' }),
      m({ id: 'cia', name: 'Cia Ceder', party: 'C', role: 'substitute', substituteOrder: 1, from: '2023-01-01' }),
      m({ id: 'dan', name: 'Dan Dahl', party: 'S', role: 'member', from: '2019-01-01', to: '2022-12-31' }), // already ended
      m({ id: 'eva', name: 'Eva Ek', party: 'S', role: 'member', from: '2026-04-01' }), // not begun
      m({ id: 'fia', name: 'Fia Fors', party: 'KD', role: 'member', from: '' }), // open start, running
      m({ id: 'gun', name: 'Gun Gran', party: 'V', role: 'member', from: '2023-01-01' }),
    ],
    { id: 'b-ks', title: 'Kommunstyrelsen', memberIdentities: [{ memberId: 'anna', identityNumber: '19811218-9876' }] },
  );

  it('matches by identity number, else by name and party; changes, adds and ends as a registrar expects', () => {
    const plan = planMemberImport(
      csv(
        `Anna Lind;${ANNA};S;Kommunstyrelsen;Ordförande;2023-01-01;`, // same number, new name and role
        `BO  BERG;${BO};m;Kommunstyrelsen;Ledamot;2023-01-01;`, // name and party match; number added
        'Cia Ceder;;C;Kommunstyrelsen;Ersättare;2023-01-01;', // unchanged
        'Hans Hed;;L;Kommunstyrelsen;Ledamot;2026-03-10;', // new
        'Gun Gran;;V;Kommunstyrelsen;Kassör;2023-01-01;', // rejected: Gun is not ended for a typo
      ),
      [current],
      TODAY,
      () => 'new-1',
    );
    expect(plan.rejected.map((r) => r.reason)).toEqual(['unknown_role']);
    expect(plan.changed['b-ks']).toEqual([
      {
        before: current.members[0],
        after: { ...current.members[0], name: 'Anna Lind', role: 'chair' },
      },
      {
        before: current.members[1],
        after: { ...current.members[1], name: 'BO BERG', party: 'm' },
      },
    ]);
    expect(plan.added['b-ks']).toEqual([
      { id: 'new-1', name: 'Hans Hed', party: 'L', role: 'member', from: '2026-03-10', to: '', substituteOrder: 0, userId: '' },
    ]);
    // Fia (running, missing) is ended the day before today; Dan (ended), Eva (not begun), Gun (rejected row) are not.
    expect(plan.ended['b-ks']).toEqual([{ ...current.members[5], to: '2026-03-09' }]);
    const after = plan.bodies[0]!;
    expect(after.members.map((x) => [x.id, x.to])).toEqual([
      ['anna', ''],
      ['bo', ''],
      ['cia', ''],
      ['dan', '2022-12-31'],
      ['eva', ''],
      ['fia', '2026-03-09'],
      ['gun', ''],
      ['new-1', ''],
    ]);
    expect(after.memberIdentities).toEqual([
      { memberId: 'anna', identityNumber: '19811218-9876' },
      { memberId: 'bo', identityNumber: '20121212-1212' },
    ]);
    expect(meetingRecordProblems(after)).toEqual([]);
    expect(MeetingRecord.safeParse(after).success).toBe(true);
  });

  it('tells people with different identity numbers apart even with the same name', () => {
    const body = sampleBody([m({ id: 'anna', name: 'Anna', party: 'S', from: '2023-01-01' })], {
      id: 'b-ks',
      title: 'Kommunstyrelsen',
      memberIdentities: [{ memberId: 'anna', identityNumber: '20121212-1212' }],
    });
    const plan = planMemberImport(csv(`Anna;${ANNA};S;Kommunstyrelsen;Ledamot;2023-01-01;`), [body], TODAY, () => 'anna-2');
    expect(plan.added['b-ks']!.map((x) => x.id)).toEqual(['anna-2']);
    expect(plan.ended['b-ks']!.map((x) => x.id)).toEqual(['anna']);
  });

  it('leaves out a body with nothing to change, and bodies the file does not name', () => {
    const body = sampleBody([m({ id: 'anna', name: 'Anna', party: 'S', from: '2023-01-01' })], { id: 'b-ks', title: 'Kommunstyrelsen' });
    const other = sampleBody([m({ id: 'x', name: 'X', from: '2023-01-01' })], { id: 'b-bn', title: 'Byggnadsnämnden' });
    const plan = planMemberImport(csv('Anna;;S;Kommunstyrelsen;Ledamot;2023-01-01;'), [body, other], TODAY);
    expect(plan).toEqual({
      rows: [expect.objectContaining({ name: 'Anna' })],
      rejected: [],
      added: {},
      changed: {},
      ended: {},
      bodies: [],
    });
  });

  it('ends a body’s running assignments when the file names the body but none of its members', () => {
    const body = sampleBody([m({ id: 'anna', name: 'Anna', party: 'S', from: '2023-01-01' })], { id: 'b-ks', title: 'Kommunstyrelsen' });
    const plan = planMemberImport(csv('Ny Person;;S;Kommunstyrelsen;Ledamot;2026-03-10;'), [body], TODAY, () => 'ny');
    expect(plan.ended['b-ks']).toEqual([{ ...body.members[0], to: '2026-03-09' }]);
  });

  it('makes unique, valid ids when the caller gives no id maker', () => {
    const body = sampleBody([m({ id: 'imp-20260310-2', name: 'Old', party: 'S', from: '2026-04-01' })], {
      id: 'b-ks',
      title: 'Kommunstyrelsen',
    });
    const plan = planMemberImport(csv('A;;S;Kommunstyrelsen;Ledamot;;', 'B;;S;Kommunstyrelsen;Ledamot;;'), [body], TODAY);
    const ids = plan.bodies[0]!.members.map((x) => x.id);
    expect(ids).toEqual(['imp-20260310-2', 'imp-20260310-2-2', 'imp-20260310-3']);
    expect(MeetingRecord.safeParse(plan.bodies[0]).success).toBe(true);
  });
});
