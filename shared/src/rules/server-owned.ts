import type { CollectionName } from '../collections';

/**
 * Fields the server assigns. Whatever a client proposes for them is replaced before validation,
 * so numbers, timestamps and authorship can never be forged.
 */
export const SERVER_OWNED_FIELDS: Record<CollectionName, readonly string[]> = {
  registers: [],
  classes: [],
  doctypes: [],
  users: [],
  groups: [],
  audit: [],
  files: [],
  parties: ['syncVersion', 'updatedAt'],
  flows: ['syncVersion', 'updatedAt', 'caseId', 'documentId', 'startedAt', 'completedAt'],
  // decidedBy/At and deliveredBy/At are stamped by sync/request.apply.ts, which refuses forged ones.
  requests: ['syncVersion', 'updatedAt', 'createdBy', 'createdAt', 'newestKey'],
  cases: [
    'syncVersion',
    'updatedAt',
    'caseNumber',
    'year',
    'serial',
    'registeredDate',
    'createdBy',
    'createdAt',
    'newestKey',
    'nextDocumentSerial',
    // Who sent the record back and when: stamped by sync/case.apply.ts.
    'qaReturnBy',
    'qaReturnAt',
  ],
  // § numbers, notice recipients, the adjustment day and posting dates follow from transitions
  // (sync/meeting.apply.ts); the case number from the reported case.
  meetings: [
    'syncVersion',
    'updatedAt',
    'caseNumber',
    'noticeRecipients',
    'paragraph',
    'adjustedOn',
    'immediateAdjustedOn',
    'reportedBy',
    'reportedAt',
    'lastAppealDay',
    'takeDownOn',
  ],
  documents: [
    'syncVersion',
    'updatedAt',
    'documentNumber',
    'serial',
    'registeredDate',
    'createdBy',
    'createdAt',
    'newestKey',
    // Derived by sync/document.apply.ts from the dates and newestKey on every write.
    'listKey',
    'qualityAssuredBy',
    'qaReturnBy',
    'qaReturnAt',
    // The filed mail's ids: given when the document is created, fixed afterwards (an older
    // client, which has no such fields, must not empty them with its edit).
    'messageId',
    'mailReferences',
  ],
};
