import { describe, expect, it } from 'vitest';
import { sampleFlow, sampleFlowStep } from '../testing/samples';
import { flowStatistics, hoursToSign, median } from './flow-statistics';

const Q1 = { from: '2026-01-01', to: '2026-03-31' };
const signStep = (id: string, decidedAt: string) => sampleFlowStep({ id, requiresSignature: true, status: 'approved', decidedAt });

describe('hoursToSign', () => {
  it('times an ordered flow’s signing step from the previous decision, the first from the start', () => {
    const flow = sampleFlow({
      mode: 'ordered',
      startedAt: '2026-02-02T08:00:00.000Z',
      steps: [
        signStep('a', '2026-02-02T10:00:00.000Z'),
        sampleFlowStep({ id: 'b', status: 'approved', decidedAt: '2026-02-03T08:00:00.000Z' }),
        signStep('c', '2026-02-03T20:00:00.000Z'),
      ],
    });
    // a: 2 h from the start; b needs no signature; c: 12 h after b.
    expect(hoursToSign(flow, Q1)).toEqual([2, 12]);
  });

  it('times every step of a parallel flow from the start, and leaves out steps decided outside the period', () => {
    const flow = sampleFlow({
      mode: 'parallel',
      startedAt: '2026-03-31T08:00:00.000Z',
      steps: [signStep('a', '2026-03-31T11:00:00.000Z'), signStep('b', '2026-04-01T08:00:00.000Z')],
    });
    expect(hoursToSign(flow, Q1)).toEqual([3]);
  });

  it('counts the Swedish calendar day: 23:30 UTC on 31 March is 1 April in Stockholm', () => {
    const flow = sampleFlow({
      mode: 'parallel',
      startedAt: '2026-03-31T20:00:00.000Z',
      steps: [signStep('a', '2026-03-31T23:30:00.000Z')],
    });
    expect(hoursToSign(flow, Q1)).toEqual([]);
  });
});

describe('flowStatistics', () => {
  const flows = [
    // Started in January, approved in February with two signatures (1 h and 5 h).
    {
      documentType: 'Beslut',
      flow: sampleFlow({
        id: 'f1',
        status: 'approved',
        startedAt: '2026-01-30T08:00:00.000Z',
        completedAt: '2026-02-02T13:00:00.000Z',
        steps: [signStep('a', '2026-01-30T09:00:00.000Z'), signStep('b', '2026-01-30T14:00:00.000Z')],
      }),
    },
    {
      documentType: 'Avtal',
      flow: sampleFlow({ id: 'f2', status: 'rejected', startedAt: '2026-02-10T08:00:00.000Z', completedAt: '2026-02-11T08:00:00.000Z' }),
    },
    {
      documentType: 'Beslut',
      flow: sampleFlow({ id: 'f3', status: 'cancelled', startedAt: '2025-12-10T08:00:00.000Z', completedAt: '2026-01-05T08:00:00.000Z' }),
    },
    { documentType: 'Beslut', flow: sampleFlow({ id: 'f4', status: 'active', startedAt: '2026-03-03T08:00:00.000Z' }) },
    { documentType: 'Ärende', flow: sampleFlow({ id: 'f5', status: 'sent_back', startedAt: '2026-05-03T08:00:00.000Z' }) }, // outside
  ];

  it('counts started by start month and outcomes by completion month, per document type, with the median time to sign', () => {
    const s = flowStatistics(flows, Q1);
    expect(s.months).toEqual([
      { month: '2026-01', started: 1, approved: 0, rejected: 0, cancelled: 1 },
      { month: '2026-02', started: 1, approved: 1, rejected: 1, cancelled: 0 },
      { month: '2026-03', started: 1, approved: 0, rejected: 0, cancelled: 0 },
    ]);
    // Swedish order: Avtal, Beslut (Ärende had nothing in the period).
    expect(s.types).toEqual([
      { documentType: 'Avtal', started: 1, approved: 0, rejected: 1, cancelled: 0, signatures: 0, medianHoursToSign: null },
      { documentType: 'Beslut', started: 2, approved: 1, rejected: 0, cancelled: 1, signatures: 2, medianHoursToSign: 3 },
    ]);
    expect(s.total).toEqual({ started: 3, approved: 1, rejected: 1, cancelled: 1, signatures: 2, medianHoursToSign: 3 });
  });

  it('is empty over no flows', () => {
    expect(flowStatistics([], Q1)).toEqual({
      months: [],
      types: [],
      total: { started: 0, approved: 0, rejected: 0, cancelled: 0, signatures: 0, medianHoursToSign: null },
    });
  });

  it('takes the middle value, or the mean of the two middle ones', () => {
    expect([median([5, 1, 3]), median([4, 1, 2, 3]), median([])]).toEqual([3, 2.5, null]);
  });
});
