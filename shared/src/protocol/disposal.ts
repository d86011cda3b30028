import { z } from 'zod';
import { Id, IsoDate } from '../model/common';
import type { RetentionRule } from '../model/document-type';

/** The archivist's disposal (gallring) routes; the server module is sync-server/src/disposal. */
export const DISPOSAL_API = {
  /** GET ?registerId=&classCode=&documentTypeId=&held=1: what is due today, grouped by process and document type. */
  proposals: '/api/disposal/proposals',
  /** POST {registerId, targetCollection, targetId, kind, reason}: excludes a case or document from disposal. */
  holds: '/api/disposal/holds',
  /** POST {reason}: releases a hold (/api/disposal/holds/<id>/release). */
  releasePrefix: '/api/disposal/holds/',
  /** POST {registerId, decision, documentIds, caseIds}: disposes under a named decision. */
  execute: '/api/disposal/execute',
  /** GET /api/disposal/reports/<decisionId>.csv|.pdf: the disposal report (gallringsrapport). */
  reportPrefix: '/api/disposal/reports/',
} as const;

/** Why something is excluded: an appeal, a litigation, or another reason given in words. */
export const HOLD_KINDS = ['appeal', 'litigation', 'other'] as const;
export const HoldKind = z.enum(HOLD_KINDS);
export type HoldKind = z.infer<typeof HoldKind>;

export const HoldTarget = z.enum(['cases', 'documents']);
export type HoldTarget = z.infer<typeof HoldTarget>;

export const PlaceHoldRequest = z
  .object({
    registerId: Id,
    targetCollection: HoldTarget,
    targetId: Id,
    kind: HoldKind,
    reason: z.string().trim().min(1).max(1000),
  })
  .strict();
export type PlaceHoldRequest = z.infer<typeof PlaceHoldRequest>;

export const ReleaseHoldRequest = z.object({ reason: z.string().trim().min(1).max(1000) }).strict();
export type ReleaseHoldRequest = z.infer<typeof ReleaseHoldRequest>;

/**
 * The named disposal decision (gallringsbeslut) an execution is made under: its reference
 * ("Gallringsbeslut KS 2026-00012"), what it is about, and the day it was taken.
 */
export const DisposalDecision = z
  .object({
    reference: z.string().trim().min(1).max(200),
    title: z.string().trim().min(1).max(500),
    date: IsoDate,
  })
  .strict();
export type DisposalDecision = z.infer<typeof DisposalDecision>;

/** At most this many records per execution (one transaction). */
export const MAX_DISPOSAL_ITEMS = 2000;

/** The decision is checked on its own (`decision_missing`), so it is loose here. */
export const ExecuteDisposalRequest = z
  .object({
    registerId: Id,
    decision: z.unknown().optional(),
    documentIds: z.array(Id).max(MAX_DISPOSAL_ITEMS),
    caseIds: z.array(Id).max(MAX_DISPOSAL_ITEMS),
    /** Where the report is registered (a free-standing document): its process and document type. */
    report: z.object({ classCode: z.string().min(1).max(32), documentTypeId: Id }).strict(),
  })
  .strict();
export type ExecuteDisposalRequest = z.infer<typeof ExecuteDisposalRequest>;

/** Each refusal of the disposal routes, one exact code. */
export const DISPOSAL_REFUSALS = [
  'forbidden',
  'not_found',
  'bad_request',
  'item_held',
  'item_not_due',
  'decision_missing',
  'nothing_to_dispose',
] as const;
export type DisposalRefusal = (typeof DISPOSAL_REFUSALS)[number];

/** What blocks an item: an explicit hold, or an information request still being handled. */
export type Blocker =
  | { kind: 'hold'; holdId: string; holdKind: HoldKind; reason: string; on: HoldTarget }
  | { kind: 'request'; requestId: string; on: HoldTarget }
  | { kind: 'document_blocked'; documentId: string };

export interface ProposedDocument {
  id: string;
  caseId: string;
  documentNumber: string;
  caseNumber: string;
  /** The title as the archivist may read it ('' when withheld). */
  title: string;
  classCode: string;
  documentTypeId: string;
  dueDate: string;
  blockers: Blocker[];
}

export interface ProposedCase {
  id: string;
  caseNumber: string;
  title: string;
  classCode: string;
  /** Its documents still living (they go in the same execution). */
  documentIds: string[];
  blockers: Blocker[];
}

/** One group of the workspace: a process and a document type, with the rule that applies. */
export interface ProposalGroup {
  classCode: string;
  classTitle: string;
  documentTypeId: string;
  documentTypeName: string;
  /** The rule that made them due (null: the type is no longer in the schedule). */
  rule: RetentionRule | null;
  documents: ProposedDocument[];
}

export interface HoldView {
  id: string;
  targetCollection: HoldTarget;
  targetId: string;
  label: string;
  kind: HoldKind;
  reason: string;
  placedBy: string;
  placedAt: string;
}

export interface DisposalProposals {
  registerId: string;
  today: string;
  groups: ProposalGroup[];
  cases: ProposedCase[];
  holds: HoldView[];
  decisions: DecisionView[];
  /** Processes and document types the report may be registered under, the first proposed. */
  reportPlacements: { classCode: string; classTitle: string; documentTypeId: string; documentTypeName: string }[];
}

export interface DecisionView {
  id: string;
  reference: string;
  title: string;
  date: string;
  executedBy: string;
  executedAt: string;
  documents: number;
  cases: number;
  /** The registered report (a free-standing document). */
  reportDocumentId: string;
}

export interface ExecuteDisposalResult {
  decisionId: string;
  documents: number;
  cases: number;
  files: number;
  reportDocumentId: string;
}
