import type { Flow } from '../../../../shared/src/model/flow';
import type { FlowOutcome } from '../../../../shared/src/rules/flow';
import {
  buildFlow,
  cancelFlow,
  decideStep,
  flowPatch,
  newFlowProblem,
  restartFlow,
  tf,
  type FlowChange,
  type NewFlowInput,
} from '../flows';
import { patchRecord, viewOf } from '../replica/sealing';
import type { RecordWriter } from './types';

/** Starts an approval flow on a case or document; a form problem comes back in Swedish, nothing written. */
export async function startFlow(
  replica: RecordWriter,
  input: NewFlowInput,
  startedBy: string,
  clock: { nowMs: number; id: string; newStepId: () => string },
): Promise<{ ok: true; flow: Flow } | { ok: false; message: string }> {
  const problem = newFlowProblem(input.steps);
  if (problem) return { ok: false, message: tf(problem) };
  const flow = buildFlow(input, startedBy, clock);
  await replica.db.flows.insert(flow);
  return { ok: true, flow };
}

/**
 * Applies a change to the flow as stored now (not as the view last saw it) and saves it when the
 * shared rules allow it. Null when the flow is no longer in the replica.
 */
async function updateFlow(replica: RecordWriter, flowId: string, change: (flow: Flow) => FlowChange): Promise<FlowChange | null> {
  const doc = await replica.db.flows.findOne(flowId).exec();
  if (!doc) return null;
  const result = change(viewOf<Flow>(doc));
  if (result.ok) await patchRecord(doc, flowPatch(result.flow));
  return result;
}

export interface StepDecision {
  stepId: string;
  outcome: FlowOutcome;
  comment: string;
  /** The signed version of the document, for a step that requires a signature ('' otherwise). */
  signatureFileId: string;
  userId: string;
  nowMs: number;
}

/** The approver's decision on a step. */
export function decideFlowStep(replica: RecordWriter, flowId: string, d: StepDecision): Promise<FlowChange | null> {
  return updateFlow(replica, flowId, (f) => decideStep(f, d.stepId, d.outcome, d.comment, d.signatureFileId, d.userId, d.nowMs));
}

/** Starts the flow over; `mayManage`: the starter or an editor of the target. */
export function restartApprovalFlow(
  replica: RecordWriter,
  flowId: string,
  userId: string,
  mayManage: boolean,
  nowMs: number,
): Promise<FlowChange | null> {
  return updateFlow(replica, flowId, (f) => restartFlow(f, userId, mayManage, nowMs));
}

export function cancelApprovalFlow(
  replica: RecordWriter,
  flowId: string,
  userId: string,
  mayManage: boolean,
  nowMs: number,
): Promise<FlowChange | null> {
  return updateFlow(replica, flowId, (f) => cancelFlow(f, userId, mayManage, nowMs));
}
