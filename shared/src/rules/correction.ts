import type { Case } from '../model/case';
import { LEGACY_CHANGE_REASON } from '../model/correction';
import type { Document } from '../model/document';
import { canAnnul, canQualityAssure, type Subject } from './policy';
import { canTransitionCase, canTransitionDocument } from './status';

/**
 * Correcting, annulling and sending back registered cases and documents (domain.md, "Correction
 * and annulment"; issue 16). Pure: the server refuses with these answers, the client asks the
 * same questions before it offers an action.
 */
export type CorrectableCollection = 'cases' | 'documents';

/**
 * Capture data, fixed when the record is registered and never changed afterwards: the number,
 * the registration date and (documents) the direction.
 */
export const CAPTURE_FIELDS: Readonly<Record<CorrectableCollection, readonly string[]>> = {
  cases: ['caseNumber', 'serial', 'registeredDate'],
  documents: ['documentNumber', 'serial', 'registeredDate', 'direction'],
};

/**
 * The register entry's description of the record: what a correction changes. Status, access,
 * restrictions, masking drafts and the responsible officer change by their own rules.
 */
export const CORRECTABLE_FIELDS: Readonly<Record<CorrectableCollection, readonly string[]>> = {
  cases: ['title', 'classCode', 'unit', 'partyIds', 'description'],
  documents: [
    'title',
    'documentTypeId',
    'classCode',
    'receivedDate',
    'dispatchedDate',
    'createdDate',
    'sender',
    'recipient',
    'senderPartyId',
    'recipientPartyId',
    'description',
  ],
};

type Rec = Record<string, unknown>;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Capture fields a proposed edit changes (only fields it carries count). */
export function lockedChanges(collection: CorrectableCollection, before: Rec, proposed: Rec): string[] {
  return CAPTURE_FIELDS[collection].filter((f) => f in proposed && !same(before[f], proposed[f]));
}

/** Correctable fields that differ between two states of a record. */
export function correctedFields(collection: CorrectableCollection, before: Rec, after: Rec): string[] {
  return CORRECTABLE_FIELDS[collection].filter((f) => !same(before[f], after[f]));
}

type Entry = Pick<Case, 'registerId' | 'changeReason' | 'qaReturnComment'> & { status: Case['status'] | Document['status'] } & Rec;
type DocumentEntry = Entry & Pick<Document, 'direction'>;

/**
 * Once quality assured (Registrerad/Registrerat, or a closed case) a change of the entry is a
 * correction and needs a reason. Before that the registrar is still registering: quality
 * assurance checks the entry, and sends it back with a comment when it is wrong.
 */
const CORRECTION_STATUSES: readonly string[] = ['registered', 'closed'];

export function isCorrection(collection: CorrectableCollection, before: Entry, after: Entry): boolean {
  return CORRECTION_STATUSES.includes(before.status) && correctedFields(collection, before, after).length > 0;
}

export function isAnnulment(before: Pick<Entry, 'status'>, after: Pick<Entry, 'status'>): boolean {
  return after.status === 'annulled' && before.status !== 'annulled';
}

export type ChangeProblem = {
  code: 'reason_required' | 'forbidden' | 'invalid_status_transition';
  detail: string;
  fields: string[];
};

/**
 * A reason given with this change. The legacy reason counts only while the stored record still
 * carries it: that is an edit made offline before reasons existed, sent after the update.
 */
export function givesReason(before: Pick<Entry, 'changeReason'>, after: Pick<Entry, 'changeReason'>): boolean {
  const reason = after.changeReason.trim();
  if (reason === '') return false;
  return reason !== LEGACY_CHANGE_REASON || before.changeReason === LEGACY_CHANGE_REASON;
}

/** A correction of a registered record: refused without a reason. */
export function checkCorrection(collection: CorrectableCollection, before: Entry, after: Entry): ChangeProblem | null {
  if (!isCorrection(collection, before, after) || givesReason(before, after)) return null;
  return { code: 'reason_required', detail: 'a correction of a registered record needs a reason', fields: ['changeReason'] };
}

/**
 * An annulment: by whoever may annul in the register, from a status the activity starts from,
 * with a reason of its own (never the legacy one), and changing nothing else of the entry.
 */
export function checkAnnulment(user: Subject, collection: CorrectableCollection, before: Entry, after: Entry): ChangeProblem | null {
  if (!canAnnul(user, before.registerId)) return { code: 'forbidden', detail: 'may not annul', fields: ['status'] };
  const allowed =
    collection === 'documents'
      ? canTransitionDocument((before as DocumentEntry).direction, before.status as Document['status'], 'annulled', 'annul')
      : canTransitionCase(before.status as Case['status'], 'annulled', 'annul');
  if (!allowed) return { code: 'invalid_status_transition', detail: `cannot annul from ${before.status}`, fields: ['status'] };
  const reason = after.changeReason.trim();
  if (reason === '' || reason === LEGACY_CHANGE_REASON)
    return { code: 'reason_required', detail: 'an annulment needs a reason', fields: ['changeReason'] };
  const changed = correctedFields(collection, before, after);
  if (changed.length > 0) return { code: 'forbidden', detail: 'an annulment changes nothing else', fields: changed };
  return null;
}

/**
 * A case registered in error is annulled after its documents: each of them is annulled (or moved
 * to the right case) first, so an annulled case never holds a living document. The numbers (or
 * ids, before numbering) of the documents that stand in the way.
 */
export function documentsBlockingCaseAnnulment(documents: readonly Pick<Document, 'id' | 'status' | 'documentNumber'>[]): string[] {
  return documents.filter((d) => d.status !== 'annulled').map((d) => d.documentNumber || d.id);
}

/** What a change does to quality assurance's send-back. */
export type QaReturnChange = 'none' | 'send' | 'clear';

export function qaReturnChange(before: Pick<Entry, 'qaReturnComment'>, after: Pick<Entry, 'qaReturnComment'>): QaReturnChange {
  if (before.qaReturnComment === after.qaReturnComment) return 'none';
  return after.qaReturnComment.trim() === '' ? 'clear' : 'send';
}

/**
 * Sending back (or rewording the comment) is quality assurance's, while the record awaits it;
 * whoever may edit the record clears it (the registrar has dealt with it). Approval clears it too.
 */
export function checkQaReturn(user: Subject, before: Entry, after: Entry): ChangeProblem | null {
  if (qaReturnChange(before, after) !== 'send') return null;
  if (!canQualityAssure(user, before.registerId))
    return { code: 'forbidden', detail: 'sending back needs the quality assurer role', fields: ['qaReturnComment'] };
  if (before.status !== 'registered_unchecked' || after.status !== before.status)
    return { code: 'invalid_status_transition', detail: `cannot send back a record that is ${before.status}`, fields: ['status'] };
  return null;
}

/** Records in the registrar's queue "Återsända": sent back and still awaiting quality assurance. */
export function isSentBack(record: Pick<Entry, 'status'> & { qaReturnAt: string }): boolean {
  return record.qaReturnAt !== '' && record.status === 'registered_unchecked';
}
