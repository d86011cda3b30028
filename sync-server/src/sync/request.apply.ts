import {
  Case,
  Document,
  canHandleRequest,
  isFinalStatus,
  newestKey,
  projectRecord,
  type AuditAction,
  type AuditEntry,
} from '../../../shared/src';
import { InformationRequest, type RequestItem } from '../../../shared/src/model/request';
import {
  changedItemIds,
  checkNewRequest,
  checkRequestChange,
  forgedStamps,
  mayReadInFull,
  releasedItems,
  stampRequest,
  unknownGrounds,
  type RequestProblem,
} from '../../../shared/src/rules/request';
import { appendAudit, diffRecord } from '../audit/audit';
import type { StorageTx, StoredRecord } from '../storage/storage';
import { admit } from './access-first';
import type { Actor, Applied, ApplyDeps } from './apply';
import { storedRegister, userInRegister } from './references';
import { Refusal, parseOrRefuse, parseStored } from './refusal';

export type RequestApplyDeps = Pick<ApplyDeps, 'nowMs' | 'newId'>;

function refuse(p: RequestProblem | null): void {
  if (p) throw new Refusal(p.problem, p.detail, p.fields);
}

/** Equal apart from the bookkeeping every write changes. */
function sameRequest(a: InformationRequest, b: InformationRequest): boolean {
  const strip = (r: InformationRequest) => JSON.stringify({ ...r, updatedAt: '', syncVersion: 0 });
  return strip(a) === strip(b);
}

interface Target {
  stored: StoredRecord;
  record: Case | Document;
  parentCase: Case | null;
  label: string;
}

/**
 * Information requests. Access: a member of the request's register. Schema:
 * `InformationRequest`. Rules: everything the request view shows: who handles requests (policy
 * `request.handle`), the status machine and what each step may change (shared/rules/request),
 * that the request's case and every requested record are in the register and received by the
 * actor, that releasing a restricted record in full needs access to its content, that a masked
 * copy is a copy of the item's record and a decision document is in the request's case. The
 * server stamps reviews, decision and delivery with its own user and clock. The decision and the
 * delivery are actor-register entries on the request's case; every change is also an entry on
 * the request itself.
 */
export async function applyRequest(
  tx: StorageTx,
  actor: Actor,
  merged: Record<string, unknown>,
  before: Record<string, unknown> | null,
  deps: RequestApplyDeps,
): Promise<Applied> {
  const nowIso = new Date(deps.nowMs).toISOString();
  if (!before) merged.newestKey = newestKey(deps.nowMs);
  const proposed = admit(actor, InformationRequest, merged);
  const prev = before ? parseOrRefuse(InformationRequest, before) : null;
  if (!canHandleRequest(actor, prev ?? proposed)) throw new Refusal('forbidden', 'may not handle information requests here');
  const forged = forgedStamps(prev, proposed, actor.id);
  if (forged.length) throw new Refusal('forbidden', `${forged.join(', ')} must be the signed-in user`, forged);
  refuse(prev ? checkRequestChange(prev, proposed) : checkNewRequest(proposed));

  const next = { ...stampRequest(prev, proposed, actor.id, nowIso), updatedAt: nowIso };
  if (prev && sameRequest(prev, next)) return { written: [], conflict: (await tx.getRecord('requests', prev.id)) ?? undefined };

  const register = await storedRegister(tx, next.registerId);
  const requestCase = await loadCase(tx, next);
  // A restricted case hides its requests from those who may not read it: they cannot file one there either.
  if (!projectRecord(actor, 'requests', next, { requestCase: requestCase.record }))
    throw new Refusal('unknown_reference', `unknown case ${next.caseId}`, ['caseId']);
  if (!prev && isFinalStatus(requestCase.record.status))
    throw new Refusal('final_status', `case is ${requestCase.record.status}`, ['caseId']);
  if (next.responsibleUserId !== '' && next.responsibleUserId !== prev?.responsibleUserId)
    await userInRegister(tx, next.registerId, next.responsibleUserId, 'responsibleUserId');

  const changed = new Set(changedItemIds(prev, next));
  const changedItems = next.items.filter((i) => changed.has(i.id));
  const unknown = unknownGrounds(changedItems, register.legalGrounds);
  if (unknown.length) throw new Refusal('invalid_legal_ground', `not on the register's list: ${unknown.join(', ')}`, ['grounds']);
  const prevTargets = new Set((prev?.items ?? []).map((i) => `${i.targetCollection}/${i.targetId}`));
  const targets = new Map<string, Target>();
  for (const item of next.items) {
    const isNew = !prevTargets.has(`${item.targetCollection}/${item.targetId}`);
    if (!isNew && !changed.has(item.id) && next.status !== 'decided' && next.status !== 'delivered') continue;
    targets.set(item.id, await loadTarget(tx, actor, next, item));
  }
  const deciding = next.status === 'decided' && prev?.status !== 'decided';
  for (const item of next.items) {
    const target = targets.get(item.id);
    if (!target) continue;
    // Releasing in full hands out everything: whoever reviews or decides it must be able to read it all.
    if (item.review === 'release' && (changed.has(item.id) || deciding) && !mayReadInFull(actor, target.record, target.parentCase)) {
      throw new Refusal('restricted', `${target.label} is restricted: releasing it in full needs access to its content`, ['items']);
    }
    if (item.review === 'release_masked' && item.maskedDocumentId !== '' && changed.has(item.id)) await checkMaskedCopy(tx, next, item);
  }
  const decisionDocument = deciding && next.decisionDocumentId !== '' ? await loadDecisionDocument(tx, next) : null;

  const stored = await tx.putRecord('requests', next);
  const written = [stored];
  const action: AuditAction = !prev ? 'create' : prev.status !== next.status ? 'status_change' : 'update';
  written.push(
    await appendAudit(
      tx,
      {
        actor,
        at: nowIso,
        action,
        collection: 'requests',
        record: stored,
        caseId: next.caseId,
        label: requestCase.label,
        changes: diffRecord(before, stored.data),
      },
      deps.newId,
    ),
  );
  if (deciding) {
    const changes: AuditEntry['changes'] = [
      { field: 'requestId', from: '', to: next.id },
      { field: 'decision', from: '', to: next.decision },
      { field: 'decisionDocument', from: '', to: decisionDocument?.documentNumber ?? '' },
      ...next.items.map((i, n) => ({ field: `item${n + 1}`, from: '', to: itemLine(i, targets.get(i.id)!) })),
    ];
    written.push(await caseAudit(tx, actor, 'request_decision', requestCase, nowIso, changes, deps));
  }
  if (next.status === 'delivered' && prev?.status !== 'delivered') {
    const delivered = await deliveredLines(tx, next, targets);
    const changes: AuditEntry['changes'] = [
      { field: 'requestId', from: '', to: next.id },
      { field: 'deliveryFormat', from: '', to: next.deliveryFormat },
      { field: 'deliverySha256', from: '', to: next.deliverySha256 },
      ...delivered.map((line, n) => ({ field: `delivered${n + 1}`, from: '', to: line })),
    ];
    written.push(await caseAudit(tx, actor, 'request_delivery', requestCase, nowIso, changes, deps));
  }
  return { written };
}

async function loadCase(tx: StorageTx, request: InformationRequest): Promise<{ stored: StoredRecord; record: Case; label: string }> {
  const stored = await tx.getRecord('cases', request.caseId);
  if (!stored || stored.deleted || stored.registerId !== request.registerId)
    throw new Refusal('unknown_reference', `unknown case ${request.caseId}`, ['caseId']);
  const record = parseStored(Case, stored);
  return { stored, record, label: record.caseNumber };
}

/** A requested record: in the register, and one the actor receives (projected like a pull). */
async function loadTarget(tx: StorageTx, actor: Actor, request: InformationRequest, item: RequestItem): Promise<Target> {
  const stored = await tx.getRecord(item.targetCollection, item.targetId);
  if (!stored || stored.deleted || stored.registerId !== request.registerId)
    throw new Refusal('unknown_reference', `unknown ${item.targetCollection} ${item.targetId}`, ['items']);
  if (item.targetCollection === 'cases') {
    const record = parseStored(Case, stored);
    if (!projectRecord(actor, 'cases', record)) throw new Refusal('unknown_reference', `unknown case ${item.targetId}`, ['items']);
    return { stored, record, parentCase: null, label: record.caseNumber };
  }
  const record = parseStored(Document, stored);
  const caseRec = record.caseId ? await tx.getRecord('cases', record.caseId) : null;
  const parentCase = caseRec ? parseStored(Case, caseRec) : null;
  if (!projectRecord(actor, 'documents', record, { parentCase }))
    throw new Refusal('unknown_reference', `unknown document ${item.targetId}`, ['items']);
  return { stored, record, parentCase, label: record.documentNumber };
}

/** The masked copy handed out for an item is a registered copy of exactly that record. */
async function checkMaskedCopy(tx: StorageTx, request: InformationRequest, item: RequestItem): Promise<Document> {
  const stored = await tx.getRecord('documents', item.maskedDocumentId);
  const doc = stored && !stored.deleted && stored.registerId === request.registerId ? parseStored(Document, stored) : null;
  if (!doc || doc.maskedCopyOf !== item.targetId)
    throw new Refusal('unknown_reference', `document ${item.maskedDocumentId} is not a masked copy of ${item.targetId}`, [
      'maskedDocumentId',
    ]);
  return doc;
}

/** The decision document is registered in the request's own case. */
async function loadDecisionDocument(tx: StorageTx, request: InformationRequest): Promise<Document> {
  const stored = await tx.getRecord('documents', request.decisionDocumentId);
  const doc = stored && !stored.deleted && stored.registerId === request.registerId ? parseStored(Document, stored) : null;
  if (!doc || doc.caseId !== request.caseId)
    throw new Refusal('unknown_reference', `document ${request.decisionDocumentId} is not in the request's case`, ['decisionDocumentId']);
  return doc;
}

function itemLine(item: RequestItem, target: Target): string {
  return `${target.label}: ${item.review}${item.grounds.length ? ` (${item.grounds.join('; ')})` : ''}`;
}

/** What left the authority: each released record, and for masked ones the copy actually handed out. */
async function deliveredLines(tx: StorageTx, request: InformationRequest, targets: Map<string, Target>): Promise<string[]> {
  const lines: string[] = [];
  for (const item of releasedItems(request)) {
    const label = targets.get(item.id)!.label;
    if (item.review === 'release') {
      lines.push(label);
      continue;
    }
    const copy = await checkMaskedCopy(tx, request, item);
    lines.push(`${label} (maskad kopia ${copy.documentNumber})`);
  }
  return lines;
}

function caseAudit(
  tx: StorageTx,
  actor: Actor,
  action: AuditAction,
  requestCase: { stored: StoredRecord; record: Case; label: string },
  nowIso: string,
  changes: AuditEntry['changes'],
  deps: RequestApplyDeps,
): Promise<StoredRecord> {
  return appendAudit(
    tx,
    {
      actor,
      at: nowIso,
      action,
      collection: 'cases',
      record: requestCase.stored,
      caseId: requestCase.record.id,
      label: requestCase.label,
      changes: changes.slice(0, 200),
    },
    deps.newId,
  );
}
