import { describe, expect, it } from 'vitest';
import type { ClassNode } from '../../../shared/src';
import { sampleCase, sampleClassNode, sampleDocument, sampleFlow } from '../../../shared/src/testing/samples';
import {
  CASE_FLOW_TYPE,
  decisionReport,
  NO_CASE,
  typedFlows,
  UNKNOWN_TYPE,
  caseRegisterRows,
  caseStatistics,
  documentRegisterRows,
  inProcess,
  swedishLongDate,
  swedishMonth,
  WITHHELD_TEXT,
} from './report-model';

const Q1 = { registerId: 'reg-ks', from: '2026-01-01', to: '2026-03-31', process: '' };
const classes = new Map<string, ClassNode>([
  ['1.1', sampleClassNode({ code: '1.1', title: 'Ärendehantering' })],
  ['1.2', sampleClassNode({ code: '1.2', title: 'Överklaganden' })],
]);

describe('Swedish dates and the process filter', () => {
  it('writes dates and months in Swedish', () => {
    expect(swedishLongDate('2026-03-05')).toBe('5 mars 2026');
    expect(swedishMonth('2026-12')).toBe('december 2026');
  });

  it('takes a process with everything under it, and nothing that only starts alike', () => {
    expect([inProcess('1.1', '1.1'), inProcess('1.1.3', '1.1'), inProcess('1.10', '1.1'), inProcess('2.1', '')]).toEqual([
      true,
      true,
      false,
      true,
    ]);
  });
});

describe('register lists', () => {
  const cases = [
    sampleCase({ id: 'a', caseNumber: 'KS 2026-00010', registeredDate: '2026-02-01', classCode: '1.1' }),
    sampleCase({ id: 'b', caseNumber: 'KS 2026-00009', registeredDate: '2026-02-01', classCode: '1.1.3' }),
    sampleCase({ id: 'c', caseNumber: 'KS 2026-00001', registeredDate: '2025-12-31', classCode: '1.1' }),
    sampleCase({ id: 'd', caseNumber: 'KS 2026-00011', registeredDate: '2026-03-31', classCode: '1.2', title: 'x', withheld: ['title'] }),
    sampleCase({ id: 'e', caseNumber: 'KS 2026-00012', registeredDate: '', classCode: '1.1' }),
  ];

  it('lists the cases registered in the period, by date and then number in numeric order, withheld titles as such', () => {
    const rows = caseRegisterRows(cases, Q1, classes);
    expect(rows.map((r) => r.number)).toEqual(['KS 2026-00009', 'KS 2026-00010', 'KS 2026-00011']);
    expect(rows[0]!.process).toBe('1.1.3');
    expect(rows[1]!.process).toBe('1.1 Ärendehantering');
    expect(rows[2]!.title).toBe(WITHHELD_TEXT);
    expect(caseRegisterRows(cases, { ...Q1, process: '1.1' }, classes).map((r) => r.number)).toEqual(['KS 2026-00009', 'KS 2026-00010']);
  });

  it('lists documents with the counterpart by direction, a shielded sender as withheld', () => {
    const docs = [
      sampleDocument({
        id: 'x',
        documentNumber: 'KS 2026-00009-2',
        registeredDate: '2026-01-05',
        direction: 'outgoing',
        recipient: 'Åsa Ek',
      }),
      sampleDocument({
        id: 'y',
        documentNumber: 'KS 2026-00009-1',
        registeredDate: '2026-01-05',
        direction: 'incoming',
        sender: 'hemlig',
        withheld: ['sender'],
      }),
      sampleDocument({ id: 'z', documentNumber: 'KS 2026-00009-3', registeredDate: '2026-04-01' }),
    ];
    expect(documentRegisterRows(docs, Q1).map((r) => [r.number, r.direction, r.counterpart])).toEqual([
      ['KS 2026-00009-1', 'Inkommen', WITHHELD_TEXT],
      ['KS 2026-00009-2', 'Utgående', 'Åsa Ek'],
    ]);
  });
});

describe('case statistics', () => {
  it('counts registered and closed per process and month, and the time to close of those closed in the period', () => {
    const cases = [
      sampleCase({ id: '1', classCode: '1.2', registeredDate: '2026-01-10', status: 'closed', closedDate: '2026-01-20' }),
      sampleCase({ id: '2', classCode: '1.2', registeredDate: '2025-11-01', status: 'closed', closedDate: '2026-02-01' }),
      sampleCase({ id: '3', classCode: '1.2', registeredDate: '2026-02-15', status: 'registered', closedDate: '' }),
      sampleCase({ id: '4', classCode: '1.1', registeredDate: '2026-03-01', status: 'closed', closedDate: '2026-03-31' }),
      sampleCase({ id: '5', classCode: '1.1', registeredDate: '2026-03-02', status: 'annulled', closedDate: '2026-03-03' }),
      sampleCase({ id: '6', classCode: '1.1', registeredDate: '2026-04-02', status: 'closed', closedDate: '2026-04-03' }),
    ];
    const stats = caseStatistics(cases, Q1, classes);
    // "Ärendehantering" before "Överklaganden": Swedish order (Ä before Ö).
    expect(stats.processes.map((p) => p.process)).toEqual(['1.1 Ärendehantering', '1.2 Överklaganden']);
    const [handling, appeals] = stats.processes;
    expect(handling!.months).toEqual([{ month: '2026-03', registered: 2, closed: 1 }]);
    expect([handling!.medianDaysToClose, handling!.meanDaysToClose]).toEqual([30, 30]);
    expect(appeals!.months).toEqual([
      { month: '2026-01', registered: 1, closed: 1 },
      { month: '2026-02', registered: 1, closed: 1 },
    ]);
    // 10 days and 92 days (1 Nov → 1 Feb).
    expect([appeals!.medianDaysToClose, appeals!.meanDaysToClose]).toEqual([51, 51]);
    expect(stats.total).toEqual({ registered: 4, closed: 3, medianDaysToClose: 30, meanDaysToClose: (10 + 92 + 30) / 3 });
  });

  it('has no time to close where nothing closed', () => {
    const stats = caseStatistics([sampleCase({ classCode: '1.1', registeredDate: '2026-01-01', closedDate: '' })], Q1, classes);
    expect(stats.total).toEqual({ registered: 1, closed: 0, medianDaysToClose: null, meanDaysToClose: null });
  });
});

describe('the e-signing report’s flows', () => {
  const docs = new Map([
    ['d1', { documentTypeId: 'dt-beslut', classCode: '1.1.3' }],
    ['d2', { documentTypeId: 'dt-gone', classCode: '1.2' }],
  ]);
  const caseClasses = new Map([['c1', { classCode: '1.2.1' }]]);
  const names = new Map([['dt-beslut', 'Beslut']]);
  const flows = [
    sampleFlow({ id: 'f1', targetCollection: 'documents', targetId: 'd1' }),
    sampleFlow({ id: 'f2', targetCollection: 'documents', targetId: 'd2' }),
    sampleFlow({ id: 'f3', targetCollection: 'cases', targetId: 'c1' }),
  ];

  it('names each flow’s document type, a case flow as such, an unknown type as unknown', () => {
    expect(typedFlows(flows, docs, caseClasses, names, '').map((f) => [f.flow.id, f.documentType])).toEqual([
      ['f1', 'Beslut'],
      ['f2', UNKNOWN_TYPE],
      ['f3', CASE_FLOW_TYPE],
    ]);
  });

  it('narrows to the process of the document, or of the case for a case flow', () => {
    expect(typedFlows(flows, docs, caseClasses, names, '1.2').map((f) => f.flow.id)).toEqual(['f2', 'f3']);
  });
});

describe('the decisions report', () => {
  it('names processes, shows items without a case as such and withheld titles as withheld', () => {
    const [b] = decisionReport(
      [
        {
          bodyId: 'b',
          title: 'Kommunstyrelsen',
          months: [{ month: '2026-01', meetings: 1, decided: 2, votes: 0, assignments: 1 }],
          processes: [
            { classCode: '1.1', decided: 1 },
            { classCode: '', decided: 1 },
          ],
          decisions: [
            {
              meetingDate: '2026-01-20',
              paragraph: 3,
              caseNumber: 'KS 2026-00001',
              title: '',
              withheld: true,
              classCode: '1.1',
              assignment: false,
            },
            {
              meetingDate: '2026-01-20',
              paragraph: 4,
              caseNumber: '',
              title: 'Val av justerare',
              withheld: false,
              classCode: '',
              assignment: true,
            },
          ],
          total: { meetings: 1, decided: 2, votes: 0, assignments: 1 },
        },
      ],
      classes,
    );
    expect(b!.processes).toEqual([
      { process: '1.1 Ärendehantering', decided: 1 },
      { process: NO_CASE, decided: 1 },
    ]);
    expect(b!.decisions.map((d) => [d.paragraph, d.title, d.process, d.assignment])).toEqual([
      ['§ 3', WITHHELD_TEXT, '1.1 Ärendehantering', ''],
      ['§ 4', 'Val av justerare', NO_CASE, 'Ja'],
    ]);
  });
});
