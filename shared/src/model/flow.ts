import { z } from 'zod';
import { Id, IsoDate, IsoTimestamp, Text, recordBase, recordBaseDeclarations } from './common';
import { declareFields } from './sensitivity';

/** Ordered: one step at a time, in list order. Parallel: every step active at once. */
export const FLOW_MODES = ['ordered', 'parallel'] as const;
export const FlowMode = z.enum(FLOW_MODES);
export type FlowMode = z.infer<typeof FlowMode>;

/**
 * `sent_back`: a step returned the flow to its starter, who restarts (or cancels) it.
 * `approved`, `rejected` and `cancelled` are final.
 */
export const FLOW_STATUSES = ['active', 'sent_back', 'approved', 'rejected', 'cancelled'] as const;
export const FlowStatus = z.enum(FLOW_STATUSES);
export type FlowStatus = z.infer<typeof FlowStatus>;

export const FLOW_STEP_STATUSES = ['waiting', 'active', 'approved', 'rejected', 'sent_back'] as const;
export const FlowStepStatus = z.enum(FLOW_STEP_STATUSES);
export type FlowStepStatus = z.infer<typeof FlowStepStatus>;

/** Process roles a step is taken in (Godkännare, Beslutsfattare). */
export const FLOW_STEP_ROLES = ['approver', 'decision_maker'] as const;
export const FlowStepRole = z.enum(FLOW_STEP_ROLES);
export type FlowStepRole = z.infer<typeof FlowStepRole>;

/** A flow runs on a case or on a document. */
export const FLOW_TARGETS = ['cases', 'documents'] as const;
export const FlowTarget = z.enum(FLOW_TARGETS);
export type FlowTarget = z.infer<typeof FlowTarget>;

export const MAX_FLOW_STEPS = 20;

/** One step of a flow: who decides, in which role, by when; the decision once taken. */
export const FlowStep = z
  .object({
    id: Id,
    approverId: Id,
    role: FlowStepRole,
    dueDate: IsoDate,
    /** The approver must sign the target document's PDF before approving. */
    requiresSignature: z.boolean(),
    status: FlowStepStatus,
    /** Server time of the decision; '' while undecided. */
    decidedAt: IsoTimestamp,
    /** Who decided (always the approver); '' while undecided. Server-checked. */
    decidedBy: z.string().max(64),
    /** Mandatory when rejecting or sending back. */
    comment: Text(2000),
    /** The signed file (a version of the target document's file) when the step requires a signature. */
    signatureFileId: z.string().max(64),
  })
  .strict();
export type FlowStep = z.infer<typeof FlowStep>;

/** An approval flow (godkännandeflöde) on a case or a document. */
export const Flow = z.object({
  ...recordBase,
  targetCollection: FlowTarget,
  targetId: Id,
  /** The case the target belongs to (the case itself for a case flow; '' for a free-standing document). Server-derived. */
  caseId: z.string().max(64),
  /** The target document for a document flow; '' for a case flow. Server-derived. */
  documentId: z.string().max(64),
  mode: FlowMode,
  status: FlowStatus,
  steps: z.array(FlowStep).min(1).max(MAX_FLOW_STEPS),
  /** Server-assigned on start. */
  startedBy: z.string().max(64),
  startedAt: IsoTimestamp,
  /** Server time the flow reached a final status; '' before. */
  completedAt: IsoTimestamp,
});
export type Flow = z.infer<typeof Flow>;

/** A flow on a restricted target reaches only those who may read the target (rules/projection.ts). */
export const FLOW_FIELDS = declareFields<Flow>({
  ...recordBaseDeclarations,
  targetCollection: 'metadata',
  targetId: 'metadata',
  caseId: 'metadata',
  documentId: 'metadata',
  mode: 'metadata',
  status: 'metadata',
  // Who approves and their comments are about the content.
  steps: 'content',
  startedBy: 'metadata',
  startedAt: 'metadata',
  completedAt: 'metadata',
});
