import { describe, expect, it } from 'vitest';
import { Flow as FlowSchema, type Flow } from '../../../shared/src/model/flow';
import { sampleFlow, sampleFlowStep } from '../../../shared/src/testing/samples';
import { approvalQueue, buildFlow, cancelFlow, decideStep, dueReminders, newFlowProblem, notifyReminders, restartFlow, tf } from './flows';
import { svFlows } from './i18n/sv.flows';

const ME = 'u-me';
const NOW = Date.UTC(2026, 10, 26, 9, 0);

function waitingForMe(id: string, dueDate: string, startedAt = '2026-11-01T08:00:00.000Z'): Flow {
  return sampleFlow({ id, startedAt, steps: [sampleFlowStep({ id: `${id}-s1`, approverId: ME, dueDate })] });
}

describe('buildFlow', () => {
  it('builds a valid proposal: ordered steps wait behind the first, undecided', () => {
    let n = 0;
    const flow = buildFlow(
      {
        registerId: 'reg-ks',
        targetCollection: 'documents',
        targetId: 'doc-1',
        caseId: 'case-1',
        mode: 'ordered',
        steps: [
          { approverId: 'u-a', role: 'approver', dueDate: '2026-12-01', requiresSignature: false },
          { approverId: 'u-b', role: 'decision_maker', dueDate: '2026-12-05', requiresSignature: true },
        ],
      },
      ME,
      { nowMs: NOW, id: 'flow-new', newStepId: () => `st-${++n}` },
    );
    expect(FlowSchema.parse(flow)).toEqual(flow);
    expect(flow.steps.map((s) => [s.id, s.status])).toEqual([
      ['st-1', 'active'],
      ['st-2', 'waiting'],
    ]);
    expect(flow).toMatchObject({ documentId: 'doc-1', caseId: 'case-1', startedBy: ME, status: 'active' });
  });

  it('says what is missing in the start form', () => {
    const s = { approverId: 'u-a', role: 'approver' as const, dueDate: '2026-12-01', requiresSignature: false };
    expect(newFlowProblem([])).toBe('flow.start.error.noSteps');
    expect(newFlowProblem([{ ...s, approverId: '' }])).toBe('flow.start.error.approver');
    expect(newFlowProblem([s, s])).toBe('flow.start.error.duplicate');
    expect(newFlowProblem([{ ...s, dueDate: '1 dec' }])).toBe('flow.start.error.dueDate');
    expect(newFlowProblem([s])).toBeNull();
  });
});

describe('decisions on the client', () => {
  const flow = sampleFlow({ steps: [sampleFlowStep({ approverId: ME })] });

  it('approving the only step approves the flow (as the server will)', () => {
    const r = decideStep(flow, 'step-1', 'approved', '', '', ME, NOW);
    expect(r.ok && [r.flow.status, r.flow.steps[0]?.decidedBy]).toEqual(['approved', ME]);
  });

  it('explains refusals in Swedish', () => {
    expect(decideStep(flow, 'step-1', 'rejected', '', '', ME, NOW)).toEqual({ ok: false, message: svFlows['flow.decide.commentRequired'] });
    expect(decideStep(flow, 'step-1', 'approved', '', '', 'u-other', NOW)).toEqual({ ok: false, message: svFlows['flow.error.forbidden'] });
    const signed = sampleFlow({ steps: [sampleFlowStep({ approverId: ME, requiresSignature: true })] });
    expect(decideStep(signed, 'step-1', 'approved', '', '', ME, NOW)).toEqual({ ok: false, message: svFlows['flow.decide.signFirst'] });
  });

  it('restart and cancel need the starter or an editor', () => {
    const back = decideStep(flow, 'step-1', 'sent_back', 'Komplettera', '', ME, NOW);
    if (!back.ok) throw new Error(back.message);
    expect(restartFlow(back.flow, 'u-officer', true, NOW)).toMatchObject({ ok: true, flow: { status: 'active' } });
    expect(restartFlow(back.flow, ME, false, NOW).ok).toBe(false);
    expect(cancelFlow(flow, 'u-officer', true, NOW)).toMatchObject({ ok: true, flow: { status: 'cancelled' } });
  });
});

describe('the approver queue and reminders', () => {
  const today = '2026-11-26';
  const flows = [
    waitingForMe('later', '2026-12-10'),
    waitingForMe('today', '2026-11-26'),
    waitingForMe('late', '2026-11-20'),
    waitingForMe('later-older', '2026-12-10', '2026-10-01T08:00:00.000Z'),
    sampleFlow({ id: 'not-mine' }),
    { ...waitingForMe('sent-back', '2026-11-01'), status: 'sent_back' as const },
  ];

  it('lists only steps waiting for me, overdue first, then by due date and start', () => {
    const q = approvalQueue(flows, ME, today);
    expect(q.map((i) => [i.flow.id, i.daysLeft, i.overdue, i.dueToday])).toEqual([
      ['late', -6, true, false],
      ['today', 0, false, true],
      ['later-older', 14, false, false],
      ['later', 14, false, false],
    ]);
  });

  it('reminds about what is due today or overdue, once a day, through the desktop notifier', async () => {
    const due = dueReminders(flows, ME, today);
    expect(due.map((i) => i.flow.id)).toEqual(['late', 'today']);
    const shown: [string, string][] = [];
    const notify = async (title: string, body: string) => {
      shown.push([title, body]);
    };
    const keys = await notifyReminders(due, today, new Set(), (f) => `Handling ${f.id}`, notify);
    expect(shown).toEqual([
      [svFlows['flow.reminder.title'], tf('flow.reminder.overdue', { target: 'Handling late', date: '2026-11-20' })],
      [svFlows['flow.reminder.title'], 'Handling today: beslutet ska tas idag.'],
    ]);
    expect(await notifyReminders(due, today, new Set(keys), () => '', notify)).toEqual([]);
    // Web mode: no bridge, no OS notification (the queue and badge remind instead).
    expect(await notifyReminders(due, today, new Set(), () => '', undefined)).toEqual([]);
  });
});
