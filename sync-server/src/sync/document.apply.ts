import {
  Case,
  Document,
  type AuditAction,
  canEditDocument,
  canQualityAssure,
  canRegisterDocument,
  canTransitionDocument,
  changesAccess,
  documentListKey,
  documentTypeAllows,
  formatDocumentNumber,
  formatFreeDocumentNumber,
  initialDocumentStatuses,
  isFinalStatus,
  missingDocumentFields,
  mayRegisterInProcess,
  newestKey,
  swedishDate,
} from '../../../shared/src';
import { appendAudit, diffRecord } from '../audit/audit';
import type { StorageTx, StoredRecord } from '../storage/storage';
import { admit } from './access-first';
import { applyEntryChange, freshEntry, withReason, type EntryChange } from './corrections';
import type { ApplyRow } from './apply';
import { touchDocumentDependents, touchNamedParties } from './dependents';
import { checkMaskedCopyFields } from './masked-copy.rules';
import { filing, officerHandlesCases, userInRegister } from './references';
import { Refusal, parseStored } from './refusal';
import { checkRestrictions } from './restrictions';

/**
 * Documents. Access: a member of the document's register (the stored document was already
 * checked visible and unwithheld). Schema: `Document`. Rules: a known process the actor may
 * register in, a document type used in it, a case and responsible officer of the register,
 * mandatory fields, the status machine per direction, no edits after a final status (of the
 * document, or of its case for a new one), no move between registers or cases (the direction is
 * capture data, refused in push.service.ts), the correction rules (`corrections.ts`), the masking
 * fields, the restriction rules. The server numbers a new document (in its
 * case, or in the free-standing series), dates registration and derives the list's sort key. A change of who may read the
 * document re-sends its files, history and flows and the parties it names.
 */
export const applyDocument: ApplyRow = async (tx, actor, merged, before, { nowMs, newId, classes }) => {
  const next = admit(actor, Document, merged);
  const { register, classNode: node } = await filing(tx, classes, next);
  await checkDocumentType(tx, next);
  await userInRegister(tx, next.registerId, next.responsibleUserId, 'responsibleUserId');
  const parentCase = await caseOf(tx, next);
  const missing = missingDocumentFields(next);
  if (missing.length) throw new Refusal('missing_mandatory_fields', `missing ${missing.join(', ')}`, missing);
  const prev = before ? parseStored(Document, { collection: 'documents', id: next.id, data: before }) : null;
  const written: StoredRecord[] = [];
  let action: AuditAction = 'create';
  let entryChange: EntryChange | null = null;
  if (!prev) {
    if (!canRegisterDocument(actor, next, parentCase, node)) {
      throw mayRegisterInProcess(actor, node)
        ? new Refusal('forbidden', 'may not register this document')
        : new Refusal('process_not_allowed', `may not register in ${next.classCode}`, ['classCode']);
    }
    if (parentCase && isFinalStatus(parentCase.status)) throw new Refusal('final_status', `case is ${parentCase.status}`, ['caseId']);
    if (!initialDocumentStatuses(next.direction).includes(next.status))
      throw new Refusal('invalid_status_transition', `a new ${next.direction} document cannot be ${next.status}`, ['status']);
    const year = Number(swedishDate(nowMs).slice(0, 4));
    if (parentCase) {
      const serial = parentCase.nextDocumentSerial;
      next.documentNumber = formatDocumentNumber(parentCase.caseNumber, serial);
      next.serial = serial;
      const updatedCase = { ...parentCase, nextDocumentSerial: serial + 1, updatedAt: next.updatedAt };
      written.push(await tx.putRecord('cases', updatedCase));
    } else {
      const serial = await tx.nextCounter(next.registerId, 'free', year);
      if (serial > 99999) throw new Refusal('number_series_full', 'free-standing series full for the year');
      next.documentNumber = formatFreeDocumentNumber(register.freeDocumentPrefix, year, serial);
      next.serial = serial;
    }
    next.registeredDate = next.status === 'draft' ? '' : swedishDate(nowMs);
    next.newestKey = newestKey(nowMs);
    next.qualityAssuredBy = '';
    freshEntry(next);
  } else {
    if (next.registerId !== prev.registerId || next.caseId !== prev.caseId)
      throw new Refusal('forbidden', 'a document cannot move between registers or cases', ['caseId']);
    if (isFinalStatus(prev.status)) throw new Refusal('final_status', `document is ${prev.status}`);
    if (!canEditDocument(actor, prev, parentCase)) throw new Refusal('forbidden', 'may not edit this document');
    if (next.classCode !== prev.classCode && !mayRegisterInProcess(actor, node))
      throw new Refusal('process_not_allowed', `may not use ${next.classCode}`, ['classCode']);
    action = 'update';
    entryChange = applyEntryChange(actor, 'documents', prev, next, next.updatedAt);
    if (entryChange.annulment) action = 'status_change';
    else if (next.status !== prev.status) {
      if (!canTransitionDocument(prev.direction, prev.status, next.status, 'manual'))
        throw new Refusal('invalid_status_transition', `${prev.status} -> ${next.status}`, ['status']);
      if (prev.status === 'registered_unchecked' && !canQualityAssure(actor, prev.registerId))
        throw new Refusal('forbidden', 'quality assurance needs the quality assurer role', ['status']);
      if (next.status === 'registered') next.qualityAssuredBy = actor.id;
      if (prev.status === 'draft') next.registeredDate = swedishDate(nowMs);
      action = 'status_change';
    }
  }
  // Derived here on every write, from what was just stored: a client's key is only its guess.
  next.listKey = documentListKey(next);
  next.redactionDrafts = await checkMaskedCopyFields(tx, actor, prev, next, parentCase, next.updatedAt);
  await officerHandlesCases(tx, next, before);
  await checkRestrictions(tx, actor, 'documents', prev, next, parentCase, register);
  const stored = await tx.putRecord('documents', next);
  written.push(stored);
  written.push(
    await appendAudit(
      tx,
      {
        actor,
        at: next.updatedAt,
        action,
        collection: 'documents',
        record: stored,
        caseId: next.caseId,
        label: next.documentNumber,
        changes: withReason(diffRecord(before, stored.data), prev, next, entryChange),
      },
      newId,
    ),
  );
  const accessChanged = prev !== null && changesAccess(prev, next);
  if (accessChanged) written.push(...(await touchDocumentDependents(tx, next.id)));
  written.push(...(await touchNamedParties(tx, 'documents', prev, next, parentCase, accessChanged, [])));
  return { written };
};

/** The document type is one of the register's and is used in the document's process. */
async function checkDocumentType(tx: StorageTx, doc: Document): Promise<void> {
  const typeRec = await tx.getRecord('doctypes', doc.documentTypeId);
  if (!typeRec || typeRec.registerId !== doc.registerId)
    throw new Refusal('unknown_reference', `unknown document type ${doc.documentTypeId}`, ['documentTypeId']);
  if (!documentTypeAllows({ classCodes: (typeRec.data.classCodes as string[] | undefined) ?? [] }, doc.classCode)) {
    throw new Refusal('unknown_reference', `document type ${doc.documentTypeId} is not used in ${doc.classCode}`, ['documentTypeId']);
  }
}

/** The document's case, in its register; null for a free-standing document. */
async function caseOf(tx: StorageTx, doc: Document): Promise<Case | null> {
  if (doc.caseId === '') return null;
  const caseRec = await tx.getRecord('cases', doc.caseId);
  if (!caseRec || caseRec.registerId !== doc.registerId) throw new Refusal('unknown_reference', `unknown case ${doc.caseId}`, ['caseId']);
  return parseStored(Case, caseRec);
}
