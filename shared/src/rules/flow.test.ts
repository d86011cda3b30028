import { describe, expect, test } from 'vitest';
import type { Flow, FlowStep } from '../model/flow';
import { Flow as FlowSchema } from '../model/flow';
import { sampleCase, sampleDocument, sampleFlow, sampleFlowStep } from '../testing/samples';
import {
  applyFlowIntent,
  checkNewFlow,
  flowProgress,
  initialStepStatus,
  interpretFlowChange,
  isFlowProblem,
  rebaseFlowChange,
  startFlow,
  stepsAwaiting,
  unexplainedChanges,
  type FlowIntent,
  type FlowProblem,
} from './flow';
import { flowTargetOf, projectFlow } from './flow-access';

const NOW = '2026-02-05T09:00:00.000Z';
const A = 'u-approver';
const D = 'u-decider';
const STARTER = { id: 'u-officer', mayManage: true };

/** A new ordered flow as a client proposes it: A, then D. */
function proposedOrdered(o: Partial<Flow> = {}): Flow {
  return sampleFlow({ syncVersion: 0, startedBy: 'u-officer', startedAt: '', ...o });
}

function parallel(): Flow {
  return startFlow(
    sampleFlow({ mode: 'parallel', steps: [sampleFlowStep(), sampleFlowStep({ id: 'step-2', approverId: D, role: 'decision_maker' })] }),
    'u-officer',
    NOW,
  );
}

function ok(value: Flow | FlowIntent | FlowProblem): Flow {
  if (isFlowProblem(value)) throw new Error(`unexpected problem: ${value.problem} ${value.detail}`);
  return value as Flow;
}

function refusal(value: Flow | FlowIntent | FlowProblem): string {
  if (!isFlowProblem(value)) throw new Error('expected a refusal');
  return value.problem;
}

/** What a client proposes when `who` decides `stepId`: the step changed, nothing else. */
function proposeDecision(flow: Flow, stepId: string, status: FlowStep['status'], who: string, o: Partial<FlowStep> = {}): Flow {
  return {
    ...flow,
    steps: flow.steps.map((s) => (s.id === stepId ? { ...s, status, decidedBy: who, decidedAt: '2000-01-01T00:00:00.000Z', ...o } : s)),
  };
}

/** Runs a proposal through interpretation and application, as the server does. */
function serverApply(before: Flow, proposed: Flow, actor: { id: string; mayManage: boolean }): Flow | FlowProblem {
  const intent = interpretFlowChange(before, proposed, actor.id);
  if (isFlowProblem(intent)) return intent;
  const next = applyFlowIntent(before, intent, actor, NOW);
  if (isFlowProblem(next)) return next;
  const extra = unexplainedChanges(before, proposed, next);
  return extra.length ? { problem: 'forbidden', detail: 'unexplained', fields: extra } : next;
}

describe('starting a flow', () => {
  test('initial step statuses: ordered activates the first step, parallel all', () => {
    expect([0, 1, 2].map((i) => initialStepStatus('ordered', i))).toEqual(['active', 'waiting', 'waiting']);
    expect([0, 1, 2].map((i) => initialStepStatus('parallel', i))).toEqual(['active', 'active', 'active']);
  });

  test('a well-formed proposal passes and the server assigns starter and time', () => {
    const proposed = proposedOrdered();
    expect(checkNewFlow(proposed, 'u-officer')).toBeNull();
    const started = startFlow(proposed, 'u-officer', NOW);
    expect(started).toMatchObject({ startedBy: 'u-officer', startedAt: NOW, completedAt: '', status: 'active' });
    expect(FlowSchema.parse(started)).toEqual(started);
  });

  test('a forged starter is refused', () => {
    expect(checkNewFlow(proposedOrdered({ startedBy: 'u-someone-else' }), 'u-officer')?.fields).toEqual(['startedBy']);
  });

  test('a step cannot start decided, forged as decided by someone, or with a comment', () => {
    const [s1, s2] = proposedOrdered().steps;
    expect(checkNewFlow(proposedOrdered({ steps: [{ ...s1!, status: 'approved' }, s2!] }), 'u-officer')?.problem).toBe(
      'invalid_status_transition',
    );
    expect(checkNewFlow(proposedOrdered({ steps: [{ ...s1!, decidedBy: A }, s2!] }), 'u-officer')?.problem).toBe('forbidden');
    expect(checkNewFlow(proposedOrdered({ steps: [{ ...s1!, comment: 'ok' }, s2!] }), 'u-officer')?.problem).toBe('invalid_schema');
    // The second step of an ordered flow waits.
    expect(checkNewFlow(proposedOrdered({ steps: [s1!, { ...s2!, status: 'active' }] }), 'u-officer')?.problem).toBe(
      'invalid_status_transition',
    );
  });

  test('a flow must not be proposed final, and steps and approvers are distinct', () => {
    const [s1, s2] = proposedOrdered().steps;
    expect(checkNewFlow(proposedOrdered({ status: 'approved' }), 'u-officer')?.problem).toBe('invalid_status_transition');
    expect(checkNewFlow(proposedOrdered({ steps: [s1!, { ...s2!, approverId: A }] }), 'u-officer')?.detail).toMatch(/one step/);
    expect(checkNewFlow(proposedOrdered({ steps: [s1!, { ...s2!, id: s1!.id }] }), 'u-officer')?.detail).toMatch(/distinct/);
    expect(checkNewFlow(proposedOrdered({ steps: [] }), 'u-officer')?.problem).toBe('missing_mandatory_fields');
  });
});

describe('deciding steps of an ordered flow', () => {
  const started = startFlow(proposedOrdered(), 'u-officer', '2026-02-03T08:00:00.000Z');

  test('the first approver approves: the next step becomes active, the flow stays active', () => {
    const next = ok(serverApply(started, proposeDecision(started, 'step-1', 'approved', A), { id: A, mayManage: false }));
    expect(next.steps.map((s) => s.status)).toEqual(['approved', 'active']);
    expect(next.steps[0]).toMatchObject({ decidedBy: A, decidedAt: NOW });
    expect(next.status).toBe('active');
    expect(flowProgress(next)).toEqual({ approved: 1, total: 2 });
  });

  test('the last approval approves the flow and sets its completion time', () => {
    const afterFirst = ok(serverApply(started, proposeDecision(started, 'step-1', 'approved', A), { id: A, mayManage: false }));
    const done = ok(
      serverApply(afterFirst, proposeDecision(afterFirst, 'step-2', 'approved', D, { signatureFileId: 'file-signed' }), {
        id: D,
        mayManage: false,
      }),
    );
    expect(done.status).toBe('approved');
    expect(done.completedAt).toBe(NOW);
    expect(done.steps[1]?.signatureFileId).toBe('file-signed');
  });

  test('a step requiring a signature cannot be approved without the signed file', () => {
    const afterFirst = ok(serverApply(started, proposeDecision(started, 'step-1', 'approved', A), { id: A, mayManage: false }));
    const r = serverApply(afterFirst, proposeDecision(afterFirst, 'step-2', 'approved', D), { id: D, mayManage: false });
    expect(isFlowProblem(r) && r.fields).toEqual(['signatureFileId']);
  });

  test('someone who is not the approver of the step is refused, even the starter', () => {
    expect(refusal(serverApply(started, proposeDecision(started, 'step-1', 'approved', 'u-officer'), STARTER))).toBe('forbidden');
    expect(refusal(serverApply(started, proposeDecision(started, 'step-1', 'approved', D), { id: D, mayManage: false }))).toBe('forbidden');
  });

  test('a waiting step cannot be decided', () => {
    expect(
      refusal(
        serverApply(started, proposeDecision(started, 'step-2', 'approved', D, { signatureFileId: 'f' }), { id: D, mayManage: false }),
      ),
    ).toBe('invalid_status_transition');
  });

  test('decidedBy forged as another user is refused', () => {
    expect(refusal(serverApply(started, proposeDecision(started, 'step-1', 'approved', D), { id: A, mayManage: false }))).toBe('forbidden');
  });

  test('a client-sent decision time is replaced by the server time', () => {
    const next = ok(serverApply(started, proposeDecision(started, 'step-1', 'approved', A), { id: A, mayManage: false }));
    expect(next.steps[0]?.decidedAt).toBe(NOW);
  });

  test('rejecting needs a comment and ends the flow as rejected', () => {
    const blank = serverApply(started, proposeDecision(started, 'step-1', 'rejected', A, { comment: '   ' }), { id: A, mayManage: false });
    expect(isFlowProblem(blank) && [blank.problem, blank.fields]).toEqual(['missing_mandatory_fields', ['comment']]);
    const rejected = ok(
      serverApply(started, proposeDecision(started, 'step-1', 'rejected', A, { comment: ' Beslutsunderlaget saknas. ' }), {
        id: A,
        mayManage: false,
      }),
    );
    expect(rejected).toMatchObject({ status: 'rejected', completedAt: NOW });
    expect(rejected.steps[0]?.comment).toBe('Beslutsunderlaget saknas.');
  });

  test('a final flow accepts no change at all', () => {
    const rejected = ok(
      serverApply(started, proposeDecision(started, 'step-1', 'rejected', A, { comment: 'Nej' }), { id: A, mayManage: false }),
    );
    expect(refusal(serverApply(rejected, { ...rejected, status: 'cancelled' }, STARTER))).toBe('final_status');
    expect(
      refusal(
        serverApply(rejected, proposeDecision(rejected, 'step-2', 'approved', D, { signatureFileId: 'f' }), { id: D, mayManage: false }),
      ),
    ).toBe('final_status');
  });

  test('two decisions in one change are refused', () => {
    const both = proposeDecision(proposeDecision(started, 'step-1', 'approved', A), 'step-2', 'approved', D);
    expect(refusal(serverApply(started, both, { id: A, mayManage: false }))).toBe('invalid_status_transition');
  });

  test('the steps of a started flow are fixed: no new approver slipped in with a decision', () => {
    const swapped = proposeDecision(started, 'step-1', 'approved', A);
    swapped.steps[1] = { ...swapped.steps[1]!, approverId: A.replace('approver', 'friend') };
    expect(refusal(serverApply(started, swapped, { id: A, mayManage: false }))).toBe('forbidden');
    expect(refusal(serverApply(started, { ...started, targetId: 'doc-2' }, STARTER))).toBe('forbidden');
  });

  test('a decision that also writes a comment on another step is refused', () => {
    const sneaky = proposeDecision(started, 'step-1', 'approved', A);
    sneaky.steps[1] = { ...sneaky.steps[1]!, comment: 'redan klart' };
    const r = serverApply(started, sneaky, { id: A, mayManage: false });
    expect(isFlowProblem(r) && r.fields).toEqual(['steps']);
  });

  test('a re-push of the stored state changes nothing', () => {
    expect(interpretFlowChange(started, started, A)).toEqual({ kind: 'none' });
    expect(refusal(serverApply(started, { ...started, status: 'approved' }, STARTER))).toBe('invalid_status_transition');
  });
});

describe('send back, restart and cancel', () => {
  const started = startFlow(proposedOrdered(), 'u-officer', '2026-02-03T08:00:00.000Z');
  const sentBack = ok(
    serverApply(started, proposeDecision(started, 'step-1', 'sent_back', A, { comment: 'Komplettera med kostnader.' }), {
      id: A,
      mayManage: false,
    }),
  );

  test('send back needs a comment and returns the flow to its starter', () => {
    expect(refusal(serverApply(started, proposeDecision(started, 'step-1', 'sent_back', A), { id: A, mayManage: false }))).toBe(
      'missing_mandatory_fields',
    );
    expect(sentBack.status).toBe('sent_back');
    expect(sentBack.steps[0]).toMatchObject({ status: 'sent_back', comment: 'Komplettera med kostnader.', decidedBy: A });
    expect(stepsAwaiting(sentBack, A)).toEqual([]);
  });

  test('while sent back no step can be decided', () => {
    const par = parallel();
    const back = ok(
      serverApply(par, proposeDecision(par, 'step-1', 'sent_back', A, { comment: 'Fel bilaga' }), { id: A, mayManage: false }),
    );
    expect(refusal(serverApply(back, proposeDecision(back, 'step-2', 'approved', D), { id: D, mayManage: false }))).toBe(
      'invalid_status_transition',
    );
  });

  test('the starter restarts: the step that sent it back is active again with its decision cleared', () => {
    const proposal: Flow = {
      ...sentBack,
      status: 'active',
      steps: sentBack.steps.map((s) => (s.id === 'step-1' ? { ...s, status: 'active', comment: '', decidedBy: '', decidedAt: '' } : s)),
    };
    const restarted = ok(serverApply(sentBack, proposal, STARTER));
    expect(restarted.status).toBe('active');
    expect(restarted.steps[0]).toMatchObject({ status: 'active', decidedBy: '', decidedAt: '', comment: '' });
    expect(stepsAwaiting(restarted, A).map((s) => s.id)).toEqual(['step-1']);
  });

  test('only the starter or an editor of the target may restart or cancel', () => {
    const proposal: Flow = {
      ...sentBack,
      status: 'active',
      steps: sentBack.steps.map((s) => (s.id === 'step-1' ? { ...s, status: 'active', comment: '', decidedBy: '', decidedAt: '' } : s)),
    };
    expect(refusal(serverApply(sentBack, proposal, { id: A, mayManage: false }))).toBe('forbidden');
    expect(refusal(serverApply(started, { ...started, status: 'cancelled' }, { id: A, mayManage: false }))).toBe('forbidden');
  });

  test('cancel ends an active or sent-back flow', () => {
    expect(ok(serverApply(started, { ...started, status: 'cancelled' }, STARTER))).toMatchObject({ status: 'cancelled', completedAt: NOW });
    expect(ok(serverApply(sentBack, { ...sentBack, status: 'cancelled' }, STARTER)).status).toBe('cancelled');
  });

  test('an active flow cannot be "restarted"', () => {
    expect(refusal(applyFlowIntent(started, { kind: 'restart' }, STARTER, NOW))).toBe('invalid_status_transition');
  });
});

describe('parallel flows', () => {
  test('all steps are active at once and the flow is approved when every step is', () => {
    const par = parallel();
    expect(par.steps.map((s) => s.status)).toEqual(['active', 'active']);
    const one = ok(serverApply(par, proposeDecision(par, 'step-2', 'approved', D), { id: D, mayManage: false }));
    expect(one.status).toBe('active');
    expect(one.steps.map((s) => s.status)).toEqual(['active', 'approved']);
    const both = ok(serverApply(one, proposeDecision(one, 'step-1', 'approved', A), { id: A, mayManage: false }));
    expect(both.status).toBe('approved');
  });

  test('two approvers deciding offline: the later change is rebased onto the server state', () => {
    const par = parallel();
    const theirs = ok(serverApply(par, proposeDecision(par, 'step-2', 'approved', D), { id: D, mayManage: false }));
    const mine = proposeDecision(par, 'step-1', 'approved', A);
    const merged = rebaseFlowChange(par, mine, theirs, { id: A, mayManage: false }, NOW);
    expect(merged?.status).toBe('approved');
    expect(merged?.steps.map((s) => s.decidedBy)).toEqual([A, D]);
    // A change that no longer applies (the flow was rejected meanwhile) is not rebased.
    const rejected = ok(serverApply(par, proposeDecision(par, 'step-2', 'rejected', D, { comment: 'Nej' }), { id: D, mayManage: false }));
    expect(rebaseFlowChange(par, mine, rejected, { id: A, mayManage: false }, NOW)).toBeNull();
  });
});

describe('projection of flows on restricted targets', () => {
  const officer = {
    id: 'u-officer',
    roles: ['case_officer' as const],
    registerIds: ['reg-ks'],
    groupIds: [],
    active: true,
    secondFactorFresh: true,
  };
  const outsider = { ...officer, id: 'u-other' };
  const flow = sampleFlow();

  test('an unrestricted target: the flow goes to every reader of the register', () => {
    expect(projectFlow(outsider, flow, { record: sampleDocument(), parentCase: sampleCase() })).toBe(flow);
  });

  test('a restricted case: only named access with a fresh second factor receives the flow', () => {
    const secretCase = sampleCase({ restrictionKind: 'secrecy', legalGround: 'OSL 26 kap. 1 §' });
    const target = { record: sampleDocument(), parentCase: secretCase };
    expect(projectFlow(officer, flow, target)).toBe(flow);
    expect(projectFlow(outsider, flow, target)).toBeNull();
    expect(projectFlow({ ...officer, secondFactorFresh: false }, flow, target)).toBeNull();
  });

  test('without its target loaded the flow is not sent (fail closed)', () => {
    expect(projectFlow(officer, flow, null)).toBeNull();
  });

  test('flowTargetOf finds a document target with its case, and a case target', () => {
    const docs = new Map([['doc-1', sampleDocument()]]);
    const c = sampleCase();
    const caseOf = (id: unknown) => (id === 'case-1' ? c : null);
    expect(flowTargetOf(flow, docs, caseOf)).toEqual({ record: sampleDocument(), parentCase: c });
    expect(flowTargetOf({ targetCollection: 'cases', targetId: 'case-1', caseId: 'case-1' }, docs, caseOf)).toEqual({ record: c });
    expect(flowTargetOf({ targetCollection: 'documents', targetId: 'doc-missing', caseId: '' }, docs, caseOf)).toBeNull();
  });
});
