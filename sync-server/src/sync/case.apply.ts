import {
  Case,
  type AuditAction,
  type Document,
  canEditCase,
  canQualityAssure,
  canRegisterCase,
  canTransitionCase,
  changesAccess,
  documentsBlockingCaseAnnulment,
  formatCaseNumber,
  INITIAL_CASE_STATUSES,
  isFinalStatus,
  missingCaseFields,
  mayRegisterInProcess,
  newestKey,
  partyRefsOf,
  swedishDate,
} from '../../../shared/src';
import { appendAudit, diffRecord } from '../audit/audit';
import type { StorageTx } from '../storage/storage';
import { admit } from './access-first';
import { applyEntryChange, freshEntry, withReason, type EntryChange } from './corrections';
import type { ApplyRow } from './apply';
import { touchCaseDependents, touchNamedParties } from './dependents';
import { filing, officerHandlesCases, userInRegister } from './references';
import { Refusal, parseStored } from './refusal';
import { checkRestrictions } from './restrictions';

/**
 * Cases. Access: a member of the case's register (the stored case was already checked visible
 * and unwithheld). Schema: `Case`. Rules: a known process the actor may register in, a
 * responsible officer of the register, mandatory fields, the status machine (quality assurance
 * by a quality assurer), no edits after a final status, no move between registers, the
 * correction rules (a reason once quality assured; annulment; send-back: `corrections.ts`), the
 * restriction rules; the server numbers a new case and dates registration and closing. A change
 * of who may read the case re-sends its dependents and the parties it names.
 */
export const applyCase: ApplyRow = async (tx, actor, merged, before, { nowMs, newId, classes }) => {
  const next = admit(actor, Case, merged);
  const { register, classNode: node } = await filing(tx, classes, next);
  await userInRegister(tx, next.registerId, next.responsibleUserId, 'responsibleUserId');
  const missing = missingCaseFields(next);
  if (missing.length) throw new Refusal('missing_mandatory_fields', `missing ${missing.join(', ')}`, missing);
  const prev = before ? parseStored(Case, { collection: 'cases', id: next.id, data: before }) : null;
  let action: AuditAction = 'create';
  let entryChange: EntryChange | null = null;
  if (!prev) {
    if (!canRegisterCase(actor, next, node)) {
      throw mayRegisterInProcess(actor, node)
        ? new Refusal('forbidden', 'may not register cases')
        : new Refusal('process_not_allowed', `may not register in ${next.classCode}`, ['classCode']);
    }
    if (!INITIAL_CASE_STATUSES.includes(next.status))
      throw new Refusal('invalid_status_transition', `a new case cannot be ${next.status}`, ['status']);
    const year = Number(swedishDate(nowMs).slice(0, 4));
    const serial = await tx.nextCounter(next.registerId, 'case', year);
    if (serial > 99999) throw new Refusal('number_series_full', 'case series full for the year');
    Object.assign(next, {
      year,
      serial,
      caseNumber: formatCaseNumber(register.casePrefix, year, serial),
      registeredDate: swedishDate(nowMs),
      closedDate: '',
      newestKey: newestKey(nowMs),
      nextDocumentSerial: 1,
    });
    freshEntry(next);
  } else {
    if (next.registerId !== prev.registerId) throw new Refusal('forbidden', 'a case cannot move between registers', ['registerId']);
    if (isFinalStatus(prev.status)) throw new Refusal('final_status', `case is ${prev.status}`);
    if (!canEditCase(actor, prev)) throw new Refusal('forbidden', 'may not edit this case');
    if (next.classCode !== prev.classCode && !mayRegisterInProcess(actor, node))
      throw new Refusal('process_not_allowed', `may not use ${next.classCode}`, ['classCode']);
    entryChange = applyEntryChange(actor, 'cases', prev, next, next.updatedAt);
    if (entryChange.annulment) {
      const blocking = documentsBlockingCaseAnnulment((await tx.listWhere('documents', 'caseId', next.id)).map((r) => r.data as Document));
      if (blocking.length > 0)
        throw new Refusal('case_has_documents', `${blocking.length} document(s) of the case are not annulled`, ['status']);
      next.closedDate = prev.closedDate;
      action = 'status_change';
    } else if (next.status !== prev.status) {
      if (!canTransitionCase(prev.status, next.status, 'manual'))
        throw new Refusal('invalid_status_transition', `${prev.status} -> ${next.status}`, ['status']);
      if (prev.status === 'registered_unchecked' && !canQualityAssure(actor, prev.registerId))
        throw new Refusal('forbidden', 'quality assurance needs the quality assurer role', ['status']);
      next.closedDate = next.status === 'closed' ? swedishDate(nowMs) : '';
      action = 'status_change';
    } else {
      next.closedDate = prev.closedDate;
      action = 'update';
    }
  }
  await officerHandlesCases(tx, next, before);
  const guardedDocuments = prev !== null && prev.responsibleUserId !== next.responsibleUserId && (await hasGuardedDocuments(tx, next.id));
  await checkRestrictions(tx, actor, 'cases', prev, next, null, register, guardedDocuments);
  const stored = await tx.putRecord('cases', next);
  const audit = await appendAudit(
    tx,
    {
      actor,
      at: next.updatedAt,
      action,
      collection: 'cases',
      record: stored,
      caseId: next.id,
      label: next.caseNumber,
      changes: withReason(diffRecord(before, stored.data), prev, next, entryChange),
    },
    newId,
  );
  const accessChanged = prev !== null && changesAccess(prev, next);
  const touched = accessChanged ? await touchCaseDependents(tx, next.id) : [];
  // The parties the case (or, with its access, its documents) names are projected with it.
  const docParties = accessChanged
    ? touched.filter((r) => r.collection === 'documents').flatMap((r) => partyRefsOf('documents', r.data))
    : [];
  touched.push(...(await touchNamedParties(tx, 'cases', prev, next, null, accessChanged, docParties)));
  return { written: [stored, audit, ...touched] };
};

/** Whether any document of the case carries a restriction, a shield or a file restriction of its own. */
async function hasGuardedDocuments(tx: StorageTx, caseId: string): Promise<boolean> {
  const docs = await tx.listWhere('documents', 'caseId', caseId);
  return docs.some((d) => {
    const doc = d.data as Partial<Document>;
    return (doc.restrictionKind ?? 'none') !== 'none' || (doc.shields?.length ?? 0) > 0 || (doc.fileRestrictions?.length ?? 0) > 0;
  });
}
