/**
 * Valid sample records for tests, one builder per collection. Pure data: no I/O. Every builder
 * takes overrides so a test states only what it is about.
 */
import type { CollectionName, RecordOf } from '../collections';
import type { AuditEntry } from '../model/audit';
import type { Case } from '../model/case';
import { NO_CORRECTION } from '../model/correction';
import { documentListKey } from '../rules/list-key';
import { unrestricted } from '../model/restriction';
import type { ClassNode } from '../model/classification';
import type { Document } from '../model/document';
import type { DocumentType } from '../model/document-type';
import type { FileRecord } from '../model/file';
import type { Flow, FlowStep } from '../model/flow';
import type { Group } from '../model/group';
import { emptyMeetingRecord, type MeetingRecord } from '../model/meeting';
import type { Party } from '../model/party';
import type { Register } from '../model/register';
import type { InformationRequest, RequestItem } from '../model/request';
import { newRequestItem, UNDECIDED_REQUEST } from '../rules/request';
import type { User } from '../model/user';
import type { AccessSubject } from '../rules/access';

export const REGISTER_KS = 'reg-ks';
export const REGISTER_BN = 'reg-bn';

export function sampleRegister(o: Partial<Register> = {}): Register {
  return {
    id: REGISTER_KS,
    registerId: REGISTER_KS,
    syncVersion: 1,
    updatedAt: '2026-01-05T08:00:00.000Z',
    authorityName: 'Kommunstyrelsen',
    name: 'Kommunstyrelsens diarium',
    casePrefix: 'KS',
    freeDocumentPrefix: 'KSH',
    classificationCredit: 'KLASSA, SKR',
    legalGrounds: [
      { code: 'OSL 26 kap. 1 §', text: 'Socialtjänst' },
      { code: 'OSL 21 kap. 3 §', text: 'Skyddad identitet' },
    ],
    ...o,
  };
}

export function sampleClassNode(o: Partial<ClassNode> = {}): ClassNode {
  return {
    id: 'class-1-1-3',
    registerId: REGISTER_KS,
    syncVersion: 1,
    updatedAt: '2026-01-05T08:00:00.000Z',
    code: '1.1.3',
    title: 'Hantera politiska ärenden',
    level: 3,
    parentCode: '1.1',
    selectable: true,
    registrationGroupIds: [],
    local: false,
    ...o,
  };
}

export function sampleDocumentType(o: Partial<DocumentType> = {}): DocumentType {
  return {
    id: 'dt-beslut',
    registerId: REGISTER_KS,
    syncVersion: 1,
    updatedAt: '2026-01-05T08:00:00.000Z',
    name: 'Beslut',
    classCodes: ['1.1.3'],
    retention: { action: 'preserve', explanation: 'Beslut bevaras.' },
    demoRule: true,
    ...o,
  };
}

export function sampleCase(o: Partial<Case> = {}): Case {
  return {
    id: 'case-1',
    registerId: REGISTER_KS,
    syncVersion: 3,
    updatedAt: '2026-02-01T09:00:00.000Z',
    caseNumber: 'KS 2026-00042',
    year: 2026,
    serial: 42,
    title: 'Motion om cykelbanor',
    classCode: '1.1.3',
    status: 'registered',
    responsibleUserId: 'u-officer',
    unit: 'Kansliet',
    partyIds: ['party-1'],
    description: '',
    registeredDate: '2026-02-01',
    closedDate: '',
    createdBy: 'u-registrar',
    createdAt: '2026-02-01T09:00:00.000Z',
    newestKey: '8230000000000',
    nextDocumentSerial: 4,
    ...NO_CORRECTION,
    ...unrestricted(),
    ...o,
  };
}

export function sampleDocument(o: Partial<Document> = {}): Document {
  const d: Omit<Document, 'listKey'> & { listKey?: string } = {
    id: 'doc-1',
    registerId: REGISTER_KS,
    syncVersion: 2,
    updatedAt: '2026-02-02T10:00:00.000Z',
    caseId: 'case-1',
    documentNumber: 'KS 2026-00042-3',
    serial: 3,
    direction: 'incoming',
    status: 'registered_unchecked',
    title: 'Synpunkt på cykelbanor',
    documentTypeId: 'dt-synpunkt',
    classCode: '1.1.3',
    receivedDate: '2026-02-02',
    dispatchedDate: '',
    createdDate: '',
    sender: 'Anna Andersson',
    recipient: '',
    senderPartyId: '',
    recipientPartyId: '',
    responsibleUserId: 'u-officer',
    description: '',
    registeredDate: '2026-02-02',
    createdBy: 'u-registrar',
    createdAt: '2026-02-02T10:00:00.000Z',
    newestKey: '8229999999999',
    qualityAssuredBy: '',
    messageId: '',
    mailReferences: [],
    ...NO_CORRECTION,
    ...unrestricted(),
    fileRestrictions: [],
    inheritedRestriction: 'none',
    maskedCopyOf: '',
    redactionDrafts: [],
    ...o,
  };
  // Derived like the server derives it, unless the test gives its own.
  return { ...d, listKey: d.listKey ?? documentListKey(d) };
}

export function sampleFile(o: Partial<FileRecord> = {}): FileRecord {
  return {
    id: 'file-1',
    registerId: REGISTER_KS,
    syncVersion: 1,
    updatedAt: '2026-02-02T10:05:00.000Z',
    documentId: 'doc-1',
    caseId: 'case-1',
    fileKey: 'fk-1',
    fileVersion: 1,
    name: 'synpunkt.pdf',
    mediaType: 'application/pdf',
    size: 12345,
    sha256: 'a'.repeat(64),
    uploadedBy: 'u-registrar',
    uploadedAt: '2026-02-02T10:05:00.000Z',
    ...o,
  };
}

export function sampleParty(o: Partial<Party> = {}): Party {
  return {
    id: 'party-1',
    registerId: REGISTER_KS,
    syncVersion: 1,
    updatedAt: '2026-01-10T08:00:00.000Z',
    kind: 'person',
    name: 'Anna Andersson',
    idNumber: '',
    email: 'anna@example.se',
    phone: '',
    postalAddress: 'Storgatan 1',
    postalCode: '123 45',
    city: 'Småstad',
    protectedIdentity: false,
    withheld: [],
    ...o,
  };
}

/** Someone asking for records: a case officer of KS with a fresh second factor, unless `o` says otherwise. */
export function sampleSubject(id: string, o: Partial<AccessSubject> = {}): AccessSubject {
  return { id, roles: ['case_officer'], registerIds: [REGISTER_KS], groupIds: [], active: true, secondFactorFresh: true, ...o };
}

export function sampleUser(o: Partial<User> = {}): User {
  return {
    id: 'u-officer',
    registerId: REGISTER_KS,
    syncVersion: 1,
    updatedAt: '2026-01-01T00:00:00.000Z',
    username: 'officer',
    displayName: 'Olle Officer',
    roles: ['case_officer'],
    registerIds: [REGISTER_KS],
    groupIds: [],
    active: true,
    ...o,
  };
}

export function sampleGroup(o: Partial<Group> = {}): Group {
  return {
    id: 'grp-kansli',
    registerId: REGISTER_KS,
    syncVersion: 1,
    updatedAt: '2026-01-01T00:00:00.000Z',
    name: 'Kansliet',
    description: '',
    ...o,
  };
}

export function sampleAudit(o: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: 'audit-1',
    registerId: REGISTER_KS,
    syncVersion: 1,
    updatedAt: '2026-02-02T10:00:00.000Z',
    actorId: 'u-registrar',
    actorName: 'Rita Registrator',
    at: '2026-02-02T10:00:00.000Z',
    action: 'create',
    recordCollection: 'documents',
    recordId: 'doc-1',
    caseId: 'case-1',
    label: 'KS 2026-00042-3',
    changes: [{ field: 'title', from: '', to: 'Synpunkt på cykelbanor' }],
    position: 1,
    prevHash: '0'.repeat(64),
    hash: 'ab'.repeat(32),
    hashScheme: 1,
    valueSeals: [],
    ...o,
  };
}

export function sampleFlowStep(o: Partial<FlowStep> = {}): FlowStep {
  return {
    id: 'step-1',
    approverId: 'u-approver',
    role: 'approver',
    dueDate: '2026-02-10',
    requiresSignature: false,
    status: 'active',
    decidedAt: '',
    decidedBy: '',
    comment: '',
    signatureFileId: '',
    ...o,
  };
}

export function sampleFlow(o: Partial<Flow> = {}): Flow {
  return {
    id: 'flow-1',
    registerId: REGISTER_KS,
    syncVersion: 1,
    updatedAt: '2026-02-03T08:00:00.000Z',
    targetCollection: 'documents',
    targetId: 'doc-1',
    caseId: 'case-1',
    documentId: 'doc-1',
    mode: 'ordered',
    status: 'active',
    steps: [
      sampleFlowStep(),
      sampleFlowStep({ id: 'step-2', approverId: 'u-decider', role: 'decision_maker', status: 'waiting', requiresSignature: true }),
    ],
    startedBy: 'u-officer',
    startedAt: '2026-02-03T08:00:00.000Z',
    completedAt: '',
    ...o,
  };
}

export function sampleRequestItem(o: Partial<RequestItem> = {}): RequestItem {
  return { ...newRequestItem({ collection: 'documents', id: 'doc-1' }, 'item-1'), ...o };
}

export function sampleRequest(o: Partial<InformationRequest> = {}): InformationRequest {
  return {
    id: 'request-1',
    registerId: REGISTER_KS,
    syncVersion: 1,
    updatedAt: '2026-02-04T09:00:00.000Z',
    caseId: 'case-request-1',
    requesterName: 'Journalist Jonsson',
    anonymous: false,
    requesterContact: 'jonsson@example.se',
    receivedDate: '2026-02-04',
    description: 'Alla handlingar i ärendet om cykelbanor',
    deliveryMethod: 'email',
    dueDate: '2026-02-05',
    items: [sampleRequestItem()],
    status: 'received',
    responsibleUserId: 'u-officer',
    ...UNDECIDED_REQUEST,
    createdBy: 'u-registrar',
    createdAt: '2026-02-04T09:00:00.000Z',
    newestKey: '9999999999999',
    ...o,
  };
}

/** A sample agenda item reporting a case to a meeting. */
export function sampleMeetingItem(o: Partial<MeetingRecord> = {}): MeetingRecord {
  return {
    ...emptyMeetingRecord('item', { id: 'm-item-1', registerId: 'reg-ks' }),
    syncVersion: 1,
    updatedAt: '2026-02-04T09:00:00.000Z',
    title: 'Detaljplan för kv. Björken',
    bodyId: 'm-body-ks',
    meetingId: 'm-meeting-1',
    caseId: 'case-1',
    caseNumber: 'KS 2026-00001',
    itemKind: 'case',
    ordinal: 1,
    proposal: 'Kommunstyrelsen föreslås besluta att anta detaljplanen.',
    reportedBy: 'u-officer',
    reportedAt: '2026-02-04T09:00:00.000Z',
    ...o,
  };
}

/** One valid record per collection. */
export const SAMPLES: { [C in CollectionName]: () => RecordOf<C> } = {
  registers: () => sampleRegister(),
  classes: () => sampleClassNode(),
  doctypes: () => sampleDocumentType(),
  cases: () => sampleCase(),
  documents: () => sampleDocument(),
  files: () => sampleFile(),
  parties: () => sampleParty(),
  users: () => sampleUser(),
  groups: () => sampleGroup(),
  audit: () => sampleAudit(),
  flows: () => sampleFlow(),
  requests: () => sampleRequest(),
  meetings: () => sampleMeetingItem(),
};
