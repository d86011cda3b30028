import {
  Case,
  Document,
  FileRecord,
  canEditCase,
  canEditDocument,
  isAuthorised,
  isFinalStatus,
  isRestricted,
  mayReadContent,
  type AuditAction,
  type AuditEntry,
  type User,
} from '../../../shared/src';
import { Flow, type FlowStep } from '../../../shared/src/model/flow';
import {
  applyFlowIntent,
  checkNewFlow,
  interpretFlowChange,
  isFinalFlowStatus,
  isFlowProblem,
  startFlow,
  unexplainedChanges,
  type FlowIntent,
} from '../../../shared/src/rules/flow';
import { appendAudit } from '../audit/audit';
import type { StorageTx, StoredRecord } from '../storage/storage';
import { admit } from './access-first';
import type { Actor, Applied, ApplyDeps } from './apply';
import { Refusal, parseOrRefuse, parseStored } from './refusal';

export type SignatureVerdict = { valid: true } | { valid: false; detail: string; code: 'forbidden' | 'untrusted_signature' };

/**
 * Checks that `file` (a version of the target's file, already known to belong to the target)
 * carries a valid signature by `signer`. The signing part plugs in the real PDF verifier.
 */
export type FlowSignatureVerifier = (input: { file: FileRecord; signer: Actor; flow: Flow; step: FlowStep }) => Promise<SignatureVerdict>;

/** Until a verifier is plugged in, no signature counts: steps that require one cannot be approved. */
export const refuseUnverifiedSignatures: FlowSignatureVerifier = async () => ({
  valid: false,
  code: 'forbidden',
  detail: 'no signature verifier is configured on this server',
});

export type FlowApplyDeps = Pick<ApplyDeps, 'nowMs' | 'newId' | 'verifySignature'>;

interface Target {
  collection: 'cases' | 'documents';
  stored: StoredRecord;
  record: Case | Document;
  parentCase: Case | null;
  label: string;
}

/**
 * Flows. Access: a member of the flow's register, with access to the content of a restricted
 * target. Schema: `Flow`. Rules: who may start it (an editor of the target), who may decide
 * which step (its approver, only while active), the flow's status machine (shared/rules/flow),
 * signatures for steps that need one, and the server-owned values (starter, times, decider).
 * Each start, decision, outcome, restart and cancellation is an actor-register entry on the
 * target, in the same transaction.
 */
export async function applyFlow(
  tx: StorageTx,
  actor: Actor,
  merged: Record<string, unknown>,
  before: Record<string, unknown> | null,
  deps: FlowApplyDeps,
): Promise<Applied> {
  delete merged.createdBy;
  delete merged.createdAt;
  const proposed = admit(actor, Flow, merged);
  const prev = before ? parseOrRefuse(Flow, before) : null;
  // The target is the stored one: a proposal cannot move a flow (checked again by the rules).
  const target = await loadTarget(tx, prev ?? proposed);
  if (isRestricted(target.record, target.parentCase) && !mayReadContent(actor, target.record, target.parentCase)) {
    throw new Refusal('restricted', 'no access to the restricted content of the target', ['targetId']);
  }
  return applyChange(tx, actor, proposed, prev, target, deps);
}

function refuseProblem(value: unknown): void {
  if (isFlowProblem(value)) throw new Refusal(value.problem, value.detail, value.fields);
}

/** A start, or what a change of a stored flow means (a decision, restart or cancellation). */
async function applyChange(
  tx: StorageTx,
  actor: Actor,
  proposed: Flow,
  prev: Flow | null,
  target: Target,
  deps: FlowApplyDeps,
): Promise<Applied> {
  const nowIso = new Date(deps.nowMs).toISOString();
  const derived = {
    caseId: target.collection === 'cases' ? target.record.id : (target.record as Document).caseId,
    documentId: target.collection === 'documents' ? target.record.id : '',
  };
  const mayEdit =
    target.collection === 'cases' ? canEditCase(actor, target.record) : canEditDocument(actor, target.record, target.parentCase);
  if (!prev) return start(tx, actor, { ...proposed, ...derived }, target, mayEdit, nowIso, deps);

  const intent = interpretFlowChange(prev, { ...proposed, ...derived }, actor.id);
  refuseProblem(intent);
  const i = intent as FlowIntent;
  if (i.kind === 'none') return { written: [], conflict: await currentOf(tx, prev) };
  const next = applyFlowIntent(prev, i, { id: actor.id, mayManage: actor.id === prev.startedBy || mayEdit }, nowIso);
  refuseProblem(next);
  const after: Flow = { ...(next as Flow), updatedAt: nowIso };
  const extra = unexplainedChanges(prev, { ...proposed, ...derived }, after);
  if (extra.length) throw new Refusal('forbidden', `changes the decision does not explain: ${extra.join(', ')}`, extra);
  if (i.kind === 'decide' && i.outcome === 'approved') {
    const step = after.steps.find((s) => s.id === i.stepId)!;
    if (step.requiresSignature) await checkSignature(tx, actor, after, step, target, deps);
  }
  const stored = await tx.putRecord('flows', after);
  return { written: [stored, ...(await auditChange(tx, actor, prev, after, i, target, nowIso, deps))] };
}

async function currentOf(tx: StorageTx, flow: Flow): Promise<StoredRecord | undefined> {
  return (await tx.getRecord('flows', flow.id)) ?? undefined;
}

async function loadTarget(tx: StorageTx, flow: Flow): Promise<Target> {
  const stored = await tx.getRecord(flow.targetCollection, flow.targetId);
  if (!stored || stored.registerId !== flow.registerId || stored.deleted)
    throw new Refusal('unknown_reference', `unknown ${flow.targetCollection} ${flow.targetId}`, ['targetId']);
  if (flow.targetCollection === 'cases') {
    const record = parseStored(Case, stored);
    return { collection: 'cases', stored, record, parentCase: null, label: record.caseNumber };
  }
  const record = parseStored(Document, stored);
  const caseRec = record.caseId ? await tx.getRecord('cases', record.caseId) : null;
  return { collection: 'documents', stored, record, parentCase: caseRec ? parseStored(Case, caseRec) : null, label: record.documentNumber };
}

async function start(
  tx: StorageTx,
  actor: Actor,
  proposed: Flow,
  target: Target,
  mayEdit: boolean,
  nowIso: string,
  deps: FlowApplyDeps,
): Promise<Applied> {
  if (!mayEdit) throw new Refusal('forbidden', 'only someone who may edit the target may start a flow on it');
  if (isFinalStatus(target.record.status)) throw new Refusal('final_status', `the target is ${target.record.status}`, ['targetId']);
  refuseProblem(checkNewFlow(proposed, actor.id));
  // One open flow per target: a second would ask the same people twice about the same thing.
  const siblings = proposed.documentId
    ? await tx.listWhere('flows', 'documentId', proposed.documentId)
    : await tx.listWhere('flows', 'caseId', proposed.caseId);
  const open = siblings.find((r) => r.data.targetId === proposed.targetId && !isFinalFlowStatus(r.data.status as Flow['status']));
  if (open) throw new Refusal('invalid_status_transition', `flow ${open.id} on this target is still open`, ['targetId']);
  for (const step of proposed.steps) {
    const rec = await tx.getRecord('users', step.approverId);
    const approver = rec?.data as User | undefined;
    if (!approver || !approver.active || !approver.registerIds.includes(proposed.registerId)) {
      throw new Refusal('unknown_reference', `unknown approver ${step.approverId}`, ['steps']);
    }
    // An approver must be able to read what they approve.
    if (isRestricted(target.record, target.parentCase) && !isAuthorised(approver, target.record, target.parentCase)) {
      throw new Refusal('restricted', `approver ${step.approverId} has no access to the restricted target`, ['steps']);
    }
  }
  const flow = { ...startFlow(proposed, actor.id, nowIso), updatedAt: nowIso };
  const stored = await tx.putRecord('flows', flow);
  const changes = [
    { field: 'flowId', from: '', to: flow.id },
    { field: 'flowMode', from: '', to: flow.mode },
    ...flow.steps.flatMap((s, n) => [
      { field: `step${n + 1}.approverId`, from: '', to: s.approverId },
      { field: `step${n + 1}.role`, from: '', to: s.role },
      { field: `step${n + 1}.dueDate`, from: '', to: s.dueDate },
      { field: `step${n + 1}.requiresSignature`, from: '', to: String(s.requiresSignature) },
    ]),
  ];
  return { written: [stored, await audit(tx, actor, 'flow_start', target, nowIso, changes, deps)] };
}

async function checkSignature(tx: StorageTx, actor: Actor, flow: Flow, step: FlowStep, target: Target, deps: FlowApplyDeps): Promise<void> {
  const rec = await tx.getRecord('files', step.signatureFileId);
  const file = rec && !rec.deleted ? FileRecord.safeParse(rec.data) : null;
  const belongs =
    file?.success &&
    file.data.registerId === flow.registerId &&
    (target.collection === 'documents' ? file.data.documentId === target.record.id : file.data.caseId === target.record.id);
  if (!file?.success || !belongs)
    throw new Refusal('unknown_reference', `file ${step.signatureFileId} is not a file of the target`, ['signatureFileId']);
  const verdict = await deps.verifySignature({ file: file.data, signer: actor, flow, step });
  if (!verdict.valid) throw new Refusal(verdict.code, `signature not accepted: ${verdict.detail}`, ['signatureFileId']);
}

const INTENT_ACTION: Record<Exclude<FlowIntent['kind'], 'none'>, AuditAction> = {
  decide: 'flow_decision',
  restart: 'flow_restart',
  cancel: 'flow_cancel',
};

async function auditChange(
  tx: StorageTx,
  actor: Actor,
  prev: Flow,
  next: Flow,
  intent: Exclude<FlowIntent, { kind: 'none' }>,
  target: Target,
  nowIso: string,
  deps: FlowApplyDeps,
): Promise<StoredRecord[]> {
  const changes: AuditEntry['changes'] = [{ field: 'flowId', from: '', to: next.id }];
  if (intent.kind === 'decide') {
    const index = next.steps.findIndex((s) => s.id === intent.stepId);
    const step = next.steps[index]!;
    changes.push(
      { field: 'step', from: '', to: String(index + 1) },
      { field: 'stepStatus', from: prev.steps[index]!.status, to: step.status },
    );
    if (step.comment) changes.push({ field: 'comment', from: '', to: step.comment });
    if (step.signatureFileId) changes.push({ field: 'signatureFileId', from: '', to: step.signatureFileId });
  }
  if (prev.status !== next.status) changes.push({ field: 'flowStatus', from: prev.status, to: next.status });
  const written = [await audit(tx, actor, INTENT_ACTION[intent.kind], target, nowIso, changes, deps)];
  // The outcome of the whole flow is its own entry, so the register lists it without reading steps.
  if (intent.kind === 'decide' && isFinalFlowStatus(next.status)) {
    written.push(
      await audit(
        tx,
        actor,
        'flow_outcome',
        target,
        nowIso,
        [
          { field: 'flowId', from: '', to: next.id },
          { field: 'flowStatus', from: prev.status, to: next.status },
        ],
        deps,
      ),
    );
  }
  return written;
}

/**
 * Flow entries are written against the target, so the case's history shows its flows and the
 * projection that guards the target's history guards them too (values blanked where the target
 * is restricted).
 */
function audit(
  tx: StorageTx,
  actor: Actor,
  action: AuditAction,
  target: Target,
  nowIso: string,
  changes: AuditEntry['changes'],
  deps: FlowApplyDeps,
): Promise<StoredRecord> {
  const caseId = target.collection === 'cases' ? target.record.id : (target.record as Document).caseId;
  return appendAudit(
    tx,
    { actor, at: nowIso, action, collection: target.collection, record: target.stored, caseId, label: target.label, changes },
    deps.newId,
  );
}
