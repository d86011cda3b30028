import {
  DISPOSAL_API,
  DISPOSAL_REFUSALS,
  type DisposalDecision,
  type DisposalProposals,
  type ExecuteDisposalResult,
  type HoldKind,
  type HoldTarget,
  type HoldView,
} from '../../../../shared/src/protocol/disposal';
import { t, type MessageKey } from '../i18n/sv';
import { workspaceCall, type CallFailure, type CallResult, type WorkspaceSession } from './workspace-call';

/**
 * The disposal workspace's commands (issue 17): what is due, holds with a reason, and the
 * execution under a named decision. The server owns all of it (routes under /api/disposal); none
 * writes the replica: the disposed records and the registered report reach it by replication.
 */

export type DisposalSession = WorkspaceSession;

export type DisposalFailure = CallFailure<(typeof DISPOSAL_REFUSALS)[number]>;

export type DisposalResult<T> = CallResult<T, (typeof DISPOSAL_REFUSALS)[number]>;

/** The Swedish message the view shows for a failure. */
export function disposalMessage(error: DisposalFailure): string {
  return t(`disposal.error.${error}` as MessageKey);
}

function call(session: DisposalSession, method: 'GET' | 'POST', path: string, body?: unknown): Promise<DisposalResult<{ body: unknown }>> {
  return workspaceCall(DISPOSAL_REFUSALS, session, method, path, body);
}

export interface ProposalFilter {
  classCode: string;
  documentTypeId: string;
  includeHeld: boolean;
}

/** What is due today in the register, as the server computes it (its clock, its rules). */
export async function loadDisposalProposals(
  session: DisposalSession,
  registerId: string,
  filter: ProposalFilter,
): Promise<DisposalResult<{ proposals: DisposalProposals }>> {
  const q = new URLSearchParams({
    registerId,
    classCode: filter.classCode,
    documentTypeId: filter.documentTypeId,
    held: filter.includeHeld ? '1' : '0',
  });
  const r = await call(session, 'GET', `${DISPOSAL_API.proposals}?${q}`);
  return r.ok ? { ok: true, proposals: r.body as DisposalProposals } : r;
}

/** Excludes a case or document from disposal, with the kind of hold and the reason. */
export async function excludeFromDisposal(
  session: DisposalSession,
  input: { registerId: string; targetCollection: HoldTarget; targetId: string; kind: HoldKind; reason: string },
): Promise<DisposalResult<{ hold: HoldView }>> {
  if (!input.reason.trim()) return { ok: false, error: 'bad_request' };
  const r = await call(session, 'POST', DISPOSAL_API.holds, { ...input, reason: input.reason.trim() });
  return r.ok ? { ok: true, hold: r.body as HoldView } : r;
}

/** Releases a hold; the reason is kept with it. */
export async function releaseDisposalHold(session: DisposalSession, holdId: string, reason: string): Promise<DisposalResult<object>> {
  if (!reason.trim()) return { ok: false, error: 'bad_request' };
  const r = await call(session, 'POST', `${DISPOSAL_API.releasePrefix}${encodeURIComponent(holdId)}/release`, { reason: reason.trim() });
  return r.ok ? { ok: true } : r;
}

/**
 * What one execution disposes from the proposals shown: every document nothing blocks, and every
 * case nothing blocks whose remaining documents all go with it.
 */
export function executionSet(p: Pick<DisposalProposals, 'groups' | 'cases'>): { documentIds: string[]; caseIds: string[] } {
  const documentIds = p.groups.flatMap((g) => g.documents.filter((d) => d.blockers.length === 0).map((d) => d.id));
  const chosen = new Set(documentIds);
  const caseIds = p.cases.filter((c) => c.blockers.length === 0 && c.documentIds.every((d) => chosen.has(d))).map((c) => c.id);
  return { documentIds, caseIds };
}

/** Disposes under the named decision; the report is registered under the chosen process and document type. */
export async function executeDisposal(
  session: DisposalSession,
  input: {
    registerId: string;
    decision: DisposalDecision;
    documentIds: string[];
    caseIds: string[];
    report: { classCode: string; documentTypeId: string };
  },
): Promise<DisposalResult<{ result: ExecuteDisposalResult }>> {
  const decision = { reference: input.decision.reference.trim(), title: input.decision.title.trim(), date: input.decision.date };
  if (!decision.reference || !decision.title || !/^\d{4}-\d{2}-\d{2}$/.test(decision.date)) return { ok: false, error: 'decision_missing' };
  const r = await call(session, 'POST', DISPOSAL_API.execute, { ...input, decision });
  return r.ok ? { ok: true, result: r.body as ExecuteDisposalResult } : r;
}
