import {
  documentListKey,
  NO_CORRECTION,
  initialDocumentStatuses,
  newestKey,
  type Case,
  type Direction,
  type Document,
  unrestricted,
} from '../../../shared/src';

/**
 * Builders for records created on this client. Server-owned fields get neutral placeholders
 * (empty number, serial 0); the server replaces them when it accepts the push.
 */
export interface Clock {
  nowMs: number;
  id: string;
}

export type NewCaseInput = Pick<Case, 'registerId' | 'title' | 'classCode' | 'responsibleUserId'> &
  Partial<Pick<Case, 'unit' | 'description' | 'partyIds'>>;

export function buildCase(input: NewCaseInput, createdBy: string, clock: Clock): Case {
  return {
    id: clock.id,
    registerId: input.registerId,
    syncVersion: 0,
    updatedAt: '',
    caseNumber: '',
    year: new Date(clock.nowMs).getUTCFullYear(),
    serial: 0,
    title: input.title,
    classCode: input.classCode,
    status: 'registered_unchecked',
    responsibleUserId: input.responsibleUserId,
    unit: input.unit ?? '',
    partyIds: input.partyIds ?? [],
    description: input.description ?? '',
    registeredDate: '',
    closedDate: '',
    createdBy,
    createdAt: new Date(clock.nowMs).toISOString(),
    newestKey: newestKey(clock.nowMs),
    nextDocumentSerial: 1,
    ...NO_CORRECTION,
    ...unrestricted(),
  };
}

export type NewDocumentInput = Pick<Document, 'registerId' | 'caseId' | 'direction' | 'title' | 'documentTypeId' | 'classCode'> &
  Partial<
    Pick<
      Document,
      | 'receivedDate'
      | 'dispatchedDate'
      | 'createdDate'
      | 'sender'
      | 'recipient'
      | 'senderPartyId'
      | 'recipientPartyId'
      | 'responsibleUserId'
      | 'description'
      | 'messageId'
      | 'mailReferences'
    >
  > & {
    draft?: boolean;
  };

export function buildDocument(input: NewDocumentInput, createdBy: string, clock: Clock): Document {
  const direction: Direction = input.direction;
  const status = input.draft && direction === 'created' ? 'draft' : initialDocumentStatuses(direction).at(-1)!;
  const doc: Omit<Document, 'listKey'> = {
    id: clock.id,
    registerId: input.registerId,
    syncVersion: 0,
    updatedAt: '',
    caseId: input.caseId,
    documentNumber: '',
    serial: 0,
    direction,
    status,
    title: input.title,
    documentTypeId: input.documentTypeId,
    classCode: input.classCode,
    receivedDate: input.receivedDate ?? '',
    dispatchedDate: input.dispatchedDate ?? '',
    createdDate: input.createdDate ?? '',
    sender: input.sender ?? '',
    recipient: input.recipient ?? '',
    senderPartyId: input.senderPartyId ?? '',
    recipientPartyId: input.recipientPartyId ?? '',
    responsibleUserId: input.responsibleUserId ?? createdBy,
    description: input.description ?? '',
    registeredDate: '',
    createdBy,
    createdAt: new Date(clock.nowMs).toISOString(),
    newestKey: newestKey(clock.nowMs),
    qualityAssuredBy: '',
    messageId: input.messageId ?? '',
    mailReferences: input.mailReferences ?? [],
    ...NO_CORRECTION,
    ...unrestricted(),
    fileRestrictions: [],
    inheritedRestriction: 'none',
    maskedCopyOf: '',
    redactionDrafts: [],
  };
  // Provisional until the server registers it (registration date, newestKey): the list places it meanwhile.
  return { ...doc, listKey: documentListKey(doc) };
}
