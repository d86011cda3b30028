import type { Flow, FlowMode, FlowStep, FlowStepRole, FlowTarget } from '../../../shared/src/model/flow';
import {
  applyFlowIntent,
  initialStepStatus,
  isFlowProblem,
  stepsAwaiting,
  type FlowOutcome,
  type FlowProblem,
} from '../../../shared/src/rules/flow';
import type { FlowMessageKey } from './i18n/sv.flows';
import { t } from './i18n/sv';

/**
 * Client helpers for approval flows: building a new flow, the optimistic result of a decision
 * (the server re-applies the same shared rules and has the last word), the approver's queue and
 * its reminders.
 */

/** `t()` narrowed to the flow texts (their part of the catalog). */
export function tf(key: FlowMessageKey, params: Record<string, string | number> = {}): string {
  return t(key, params);
}

export interface NewStepInput {
  approverId: string;
  role: FlowStepRole;
  dueDate: string;
  requiresSignature: boolean;
}

export interface NewFlowInput {
  registerId: string;
  targetCollection: FlowTarget;
  targetId: string;
  /** The case of the target, for local lookups until the server's copy arrives. */
  caseId: string;
  mode: FlowMode;
  steps: NewStepInput[];
}

/** A flow as its starter proposes it; the server assigns starter, start time and derived references. */
export function buildFlow(input: NewFlowInput, startedBy: string, clock: { nowMs: number; id: string; newStepId: () => string }): Flow {
  return {
    id: clock.id,
    registerId: input.registerId,
    syncVersion: 0,
    updatedAt: '',
    targetCollection: input.targetCollection,
    targetId: input.targetId,
    caseId: input.caseId,
    documentId: input.targetCollection === 'documents' ? input.targetId : '',
    mode: input.mode,
    status: 'active',
    steps: input.steps.map((s, i) => ({
      id: clock.newStepId(),
      approverId: s.approverId,
      role: s.role,
      dueDate: s.dueDate,
      requiresSignature: s.requiresSignature,
      status: initialStepStatus(input.mode, i),
      decidedAt: '',
      decidedBy: '',
      comment: '',
      signatureFileId: '',
    })),
    startedBy,
    startedAt: new Date(clock.nowMs).toISOString(),
    completedAt: '',
  };
}

/** Which Swedish message a problem with the new flow's form is, or null when it is complete. */
export function newFlowProblem(steps: readonly NewStepInput[]): FlowMessageKey | null {
  if (steps.length === 0) return 'flow.start.error.noSteps';
  if (steps.some((s) => s.approverId === '')) return 'flow.start.error.approver';
  if (new Set(steps.map((s) => s.approverId)).size !== steps.length) return 'flow.start.error.duplicate';
  if (steps.some((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s.dueDate))) return 'flow.start.error.dueDate';
  return null;
}

export type FlowChange = { ok: true; flow: Flow } | { ok: false; message: string };

function result(next: Flow | FlowProblem): FlowChange {
  if (!isFlowProblem(next)) return { ok: true, flow: next };
  if (next.fields.includes('comment')) return { ok: false, message: tf('flow.decide.commentRequired') };
  if (next.fields.includes('signatureFileId')) return { ok: false, message: tf('flow.decide.signFirst') };
  return { ok: false, message: tf(`flow.error.${next.problem}`) };
}

/** The flow after the user decides a step, as the server will compute it (optimistic). */
export function decideStep(
  flow: Flow,
  stepId: string,
  outcome: FlowOutcome,
  comment: string,
  signatureFileId: string,
  userId: string,
  nowMs: number,
): FlowChange {
  const intent = { kind: 'decide' as const, stepId, outcome, comment, signatureFileId };
  return result(applyFlowIntent(flow, intent, { id: userId, mayManage: false }, new Date(nowMs).toISOString()));
}

export function restartFlow(flow: Flow, userId: string, mayManage: boolean, nowMs: number): FlowChange {
  return result(applyFlowIntent(flow, { kind: 'restart' }, { id: userId, mayManage }, new Date(nowMs).toISOString()));
}

export function cancelFlow(flow: Flow, userId: string, mayManage: boolean, nowMs: number): FlowChange {
  return result(applyFlowIntent(flow, { kind: 'cancel' }, { id: userId, mayManage }, new Date(nowMs).toISOString()));
}

/** The fields an edit of a stored flow changes: what goes to `patchRecord`. */
export function flowPatch(next: Flow): Partial<Flow> {
  return { status: next.status, steps: next.steps, completedAt: next.completedAt };
}

export interface QueueItem {
  flow: Flow;
  step: FlowStep;
  /** Whole days until the due date; negative when overdue. */
  daysLeft: number;
  overdue: boolean;
  dueToday: boolean;
}

function dayNumber(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) / 86_400_000;
}

/**
 * The steps waiting for the user's decision, overdue first, then by due date (oldest first),
 * then by when the flow started. `today` is the user's calendar date (YYYY-MM-DD).
 */
export function approvalQueue(flows: readonly Flow[], userId: string, today: string): QueueItem[] {
  const items: QueueItem[] = [];
  for (const flow of flows) {
    for (const step of stepsAwaiting(flow, userId)) {
      const daysLeft = dayNumber(step.dueDate) - dayNumber(today);
      items.push({ flow, step, daysLeft, overdue: daysLeft < 0, dueToday: daysLeft === 0 });
    }
  }
  return items.sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || a.daysLeft - b.daysLeft || a.flow.startedAt.localeCompare(b.flow.startedAt),
  );
}

/** Reminders: the queue's items that are due today or overdue (the Shell's badge counts them). */
export function dueReminders(flows: readonly Flow[], userId: string, today: string): QueueItem[] {
  return approvalQueue(flows, userId, today).filter((i) => i.overdue || i.dueToday);
}

/** A key per step and day, so each reminder is shown once a day. */
export function reminderKey(item: QueueItem, today: string): string {
  return `${item.flow.id}/${item.step.id}/${today}`;
}

/**
 * Shows an OS notification (desktop) for each reminder not shown before today; returns the keys
 * shown. `notify` is the bridge's `showNotification`, absent in web mode (the queue and the
 * badge remind there).
 */
export async function notifyReminders(
  items: readonly QueueItem[],
  today: string,
  shown: ReadonlySet<string>,
  label: (flow: Flow) => string,
  notify: ((title: string, body: string) => Promise<void>) | undefined,
): Promise<string[]> {
  if (!notify) return [];
  const done: string[] = [];
  for (const item of items) {
    const key = reminderKey(item, today);
    if (shown.has(key)) continue;
    const body = item.overdue
      ? tf('flow.reminder.overdue', { target: label(item.flow), date: item.step.dueDate })
      : tf('flow.reminder.dueToday', { target: label(item.flow) });
    await notify(tf('flow.reminder.title'), body);
    done.push(key);
  }
  return done;
}

/** The newest flow of a target first (the current one), then the earlier ones. */
export function flowsNewestFirst(flows: readonly Flow[]): Flow[] {
  return [...flows].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}
