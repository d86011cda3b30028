import type { Flow, FlowMode, FlowStatus, FlowStep, FlowStepStatus } from '../model/flow';

/**
 * Approval flows as pure rules. A client proposes a whole flow record; the server reads from the
 * difference between the stored flow and the proposal what the user meant (one intent per push),
 * applies that intent itself with its own clock and the signed-in user, and stores the result.
 * The client runs the same functions for its optimistic update.
 *
 * Send back: the step's status becomes `sent_back` and the flow `sent_back`; the flow is with its
 * starter, and nobody can decide a step. The starter (or anyone who may edit the target) restarts
 * it: the step that sent it back becomes active again with its decision cleared (the actor
 * register keeps the comment); approvals already given stand. Or they cancel it.
 */

export type FlowOutcome = 'approved' | 'rejected' | 'sent_back';
export const FLOW_OUTCOMES: readonly FlowOutcome[] = ['approved', 'rejected', 'sent_back'];
export const FINAL_FLOW_STATUSES: readonly FlowStatus[] = ['approved', 'rejected', 'cancelled'];

export function isFinalFlowStatus(status: FlowStatus): boolean {
  return FINAL_FLOW_STATUSES.includes(status);
}

export type FlowProblemCode = 'invalid_schema' | 'forbidden' | 'invalid_status_transition' | 'missing_mandatory_fields' | 'final_status';
export interface FlowProblem {
  problem: FlowProblemCode;
  detail: string;
  fields: string[];
}

export type FlowIntent =
  | { kind: 'decide'; stepId: string; outcome: FlowOutcome; comment: string; signatureFileId: string }
  | { kind: 'restart' }
  | { kind: 'cancel' }
  /** The proposal changes nothing a person decides (e.g. a re-push of the server's state). */
  | { kind: 'none' };

export function isFlowProblem(value: unknown): value is FlowProblem {
  return typeof value === 'object' && value !== null && 'problem' in value;
}

function problem(code: FlowProblemCode, detail: string, fields: string[] = []): FlowProblem {
  return { problem: code, detail, fields };
}

/** Ordered flows start with the first step active; parallel flows with all of them. */
export function initialStepStatus(mode: FlowMode, index: number): FlowStepStatus {
  return mode === 'parallel' || index === 0 ? 'active' : 'waiting';
}

const STEP_FIXED = ['id', 'approverId', 'role', 'dueDate', 'requiresSignature'] as const;
const FLOW_FIXED = ['registerId', 'targetCollection', 'targetId', 'mode'] as const;

/**
 * Checks a flow as its starter proposes it: active, every step undecided in its initial status,
 * distinct steps and approvers, and no authorship other than the starter's own.
 */
export function checkNewFlow(flow: Flow, actorId: string): FlowProblem | null {
  if (flow.steps.length === 0) return problem('missing_mandatory_fields', 'a flow needs at least one step', ['steps']);
  if (flow.status !== 'active') return problem('invalid_status_transition', `a new flow cannot be ${flow.status}`, ['status']);
  if (flow.startedBy !== '' && flow.startedBy !== actorId)
    return problem('forbidden', 'startedBy must be the signed-in user', ['startedBy']);
  if (new Set(flow.steps.map((s) => s.id)).size !== flow.steps.length)
    return problem('invalid_schema', 'step ids must be distinct', ['steps']);
  if (new Set(flow.steps.map((s) => s.approverId)).size !== flow.steps.length)
    return problem('invalid_schema', 'each approver takes one step of a flow', ['steps']);
  for (const [i, s] of flow.steps.entries()) {
    if (s.decidedBy !== '') return problem('forbidden', 'decidedBy is set by the server when the approver decides', ['steps']);
    if (s.status !== initialStepStatus(flow.mode, i))
      return problem('invalid_status_transition', `step ${s.id} cannot start as ${s.status}`, ['steps']);
    if (s.comment !== '' || s.signatureFileId !== '')
      return problem('invalid_schema', `step ${s.id} is undecided: no comment or signature yet`, ['steps']);
  }
  return null;
}

/** The flow as the server stores it when it starts: authorship and times are the server's. */
export function startFlow(flow: Flow, actorId: string, nowIso: string): Flow {
  return {
    ...flow,
    status: 'active',
    startedBy: actorId,
    startedAt: nowIso,
    completedAt: '',
    steps: flow.steps.map((s, i) => ({
      ...s,
      status: initialStepStatus(flow.mode, i),
      decidedAt: '',
      decidedBy: '',
      comment: '',
      signatureFileId: '',
    })),
  };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What a proposed change of a started flow means, or why it means nothing allowed. */
export function interpretFlowChange(before: Flow, proposed: Flow, actorId: string): FlowIntent | FlowProblem {
  for (const f of FLOW_FIXED) if (!same(before[f], proposed[f])) return problem('forbidden', `${f} of a flow cannot change`, [f]);
  if (proposed.startedBy !== before.startedBy) return problem('forbidden', 'startedBy is set by the server', ['startedBy']);
  if (isFinalFlowStatus(before.status)) return problem('final_status', `flow is ${before.status}`, ['status']);
  if (proposed.steps.length !== before.steps.length) return problem('forbidden', 'the steps of a started flow cannot change', ['steps']);
  for (const [i, s] of before.steps.entries()) {
    const p = proposed.steps[i]!;
    if (STEP_FIXED.some((f) => p[f] !== s[f])) return problem('forbidden', 'the steps of a started flow cannot change', ['steps']);
  }
  if (proposed.status === 'cancelled') return { kind: 'cancel' };
  if (before.status === 'sent_back' && proposed.status === 'active') return { kind: 'restart' };
  const decided = proposed.steps.filter((p, i) => p.status !== before.steps[i]!.status && FLOW_OUTCOMES.includes(p.status as FlowOutcome));
  if (decided.length > 1) return problem('invalid_status_transition', 'one step is decided per change', ['steps']);
  if (decided.length === 0) {
    const reopened = proposed.steps.some((p, i) => p.status !== before.steps[i]!.status);
    if (reopened || proposed.status !== before.status)
      return problem('invalid_status_transition', `flow ${before.status} -> ${proposed.status}`, ['status']);
    return { kind: 'none' };
  }
  const step = decided[0]!;
  if (step.decidedBy !== '' && step.decidedBy !== actorId) return problem('forbidden', 'decidedBy must be the signed-in user', ['steps']);
  return {
    kind: 'decide',
    stepId: step.id,
    outcome: step.status as FlowOutcome,
    comment: step.comment,
    signatureFileId: step.signatureFileId,
  };
}

export interface FlowActor {
  id: string;
  /** May restart or cancel: the starter, or someone who may edit the target. */
  mayManage: boolean;
}

function decide(flow: Flow, intent: Extract<FlowIntent, { kind: 'decide' }>, actorId: string, nowIso: string): Flow | FlowProblem {
  const index = flow.steps.findIndex((s) => s.id === intent.stepId);
  const step = flow.steps[index];
  if (!step) return problem('invalid_schema', `no step ${intent.stepId}`, ['steps']);
  if (flow.status !== 'active') return problem('invalid_status_transition', `flow is ${flow.status}: no step can be decided`, ['status']);
  if (step.approverId !== actorId) return problem('forbidden', "only the step's approver may decide it", ['steps']);
  if (step.status !== 'active') return problem('invalid_status_transition', `step ${step.id} is ${step.status}, not active`, ['steps']);
  const comment = intent.comment.trim();
  if (intent.outcome !== 'approved' && comment === '')
    return problem('missing_mandatory_fields', 'a comment is required to reject or send back', ['comment']);
  if (intent.outcome === 'approved' && step.requiresSignature && intent.signatureFileId === '') {
    return problem('missing_mandatory_fields', 'this step requires the approver to sign first', ['signatureFileId']);
  }
  const steps: FlowStep[] = flow.steps.map((s) => ({ ...s }));
  steps[index] = {
    ...step,
    status: intent.outcome,
    decidedAt: nowIso,
    decidedBy: actorId,
    comment,
    signatureFileId: intent.outcome === 'approved' ? intent.signatureFileId : '',
  };
  let status: FlowStatus = flow.status;
  if (intent.outcome === 'rejected') status = 'rejected';
  else if (intent.outcome === 'sent_back') status = 'sent_back';
  else if (steps.every((s) => s.status === 'approved')) status = 'approved';
  else if (flow.mode === 'ordered') {
    const next = steps.findIndex((s) => s.status === 'waiting');
    if (next >= 0 && !steps.some((s) => s.status === 'active')) steps[next] = { ...steps[next]!, status: 'active' };
  }
  return { ...flow, steps, status, completedAt: isFinalFlowStatus(status) ? nowIso : '' };
}

/** Applies an intent to the flow as stored: the single place the status machine of a flow lives. */
export function applyFlowIntent(flow: Flow, intent: FlowIntent, actor: FlowActor, nowIso: string): Flow | FlowProblem {
  switch (intent.kind) {
    case 'none':
      return flow;
    case 'decide':
      return decide(flow, intent, actor.id, nowIso);
    case 'restart':
      if (flow.status !== 'sent_back') return problem('invalid_status_transition', `flow ${flow.status} -> active`, ['status']);
      if (!actor.mayManage) return problem('forbidden', 'only the starter or an editor of the target may restart a flow', ['status']);
      return {
        ...flow,
        status: 'active',
        steps: flow.steps.map((s) =>
          s.status === 'sent_back' ? { ...s, status: 'active', decidedAt: '', decidedBy: '', comment: '', signatureFileId: '' } : s,
        ),
      };
    case 'cancel':
      if (isFinalFlowStatus(flow.status)) return problem('final_status', `flow is ${flow.status}`, ['status']);
      if (!actor.mayManage) return problem('forbidden', 'only the starter or an editor of the target may cancel a flow', ['status']);
      return { ...flow, status: 'cancelled', completedAt: nowIso };
  }
}

/** Values the server sets whatever the proposal says (times, derived references, bookkeeping). */
const FLOW_SERVER_SET = new Set(['syncVersion', 'updatedAt', 'startedAt', 'completedAt', 'caseId', 'documentId']);

/**
 * Fields where a proposal says something the intent does not explain: each proposed value must
 * be the stored one or the one the rules produce. The server refuses such a push rather than
 * silently dropping part of it.
 */
export function unexplainedChanges(before: Flow, proposed: Flow, next: Flow): string[] {
  const fields = new Set<string>();
  for (const key of Object.keys(next) as (keyof Flow)[]) {
    if (FLOW_SERVER_SET.has(key) || key === 'steps') continue;
    if (!same(proposed[key], before[key]) && !same(proposed[key], next[key])) fields.add(key);
  }
  next.steps.forEach((n, i) => {
    const b = before.steps[i]!;
    const p = proposed.steps[i]!;
    for (const key of Object.keys(n) as (keyof FlowStep)[]) {
      if (key === 'decidedAt') continue;
      if (key === 'comment' && p.comment.trim() === n.comment) continue;
      if (!same(p[key], b[key]) && !same(p[key], n[key])) fields.add('steps');
    }
  });
  return [...fields];
}

/**
 * Re-applies a local change (base → mine) on top of the server's newer state, for the replica's
 * conflict handler: two approvers of a parallel flow deciding offline both touch `steps`, yet
 * their decisions do not conflict. Null when the change no longer applies.
 */
export function rebaseFlowChange(base: Flow, mine: Flow, theirs: Flow, actor: FlowActor, nowIso: string): Flow | null {
  const intent = interpretFlowChange(base, mine, actor.id);
  if (isFlowProblem(intent)) return null;
  const next = applyFlowIntent(theirs, intent, actor, nowIso);
  return isFlowProblem(next) ? null : next;
}

/** The steps a user may decide now. */
export function stepsAwaiting(flow: Flow, userId: string): FlowStep[] {
  if (flow.status !== 'active') return [];
  return flow.steps.filter((s) => s.status === 'active' && s.approverId === userId);
}

/** Approved steps out of all, for a progress display. */
export function flowProgress(flow: Flow): { approved: number; total: number } {
  return { approved: flow.steps.filter((s) => s.status === 'approved').length, total: flow.steps.length };
}
