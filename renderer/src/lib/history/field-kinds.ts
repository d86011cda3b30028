/**
 * How each record field's value reads to a person (Historik, conflicts, refused changes): the
 * kind of value, from which `formatValue` picks its formatter. A field not named here is text.
 */
export type FieldKind =
  | { kind: 'hidden' }
  | { kind: 'text' }
  | { kind: 'date' }
  | { kind: 'timestamp' }
  | { kind: 'bytes' }
  | { kind: 'boolean' }
  | { kind: 'enum'; prefix: string }
  | { kind: 'user' }
  | { kind: 'users' }
  | { kind: 'groups' }
  | { kind: 'process' }
  | { kind: 'doctype' }
  | { kind: 'record' }
  | { kind: 'records' }
  | { kind: 'shields' }
  | { kind: 'fileRestrictions' }
  /** A structured list (steps, members, votes, masking drafts): its size, never its JSON. */
  | { kind: 'count'; unit: string };

const hidden = { kind: 'hidden' } as const;

const BY_FIELD: Record<string, FieldKind> = {
  // Bookkeeping nobody reads.
  id: hidden,
  registerId: hidden,
  syncVersion: hidden,
  updatedAt: hidden,
  newestKey: hidden,
  listKey: hidden,
  withheld: hidden,
  nextDocumentSerial: hidden,
  serial: hidden,
  year: hidden,
  ordinal: hidden,
  fileKey: hidden,
  targetCollection: hidden,
  kind: hidden,
  _deleted: hidden,
  _meta: hidden,
  _rev: hidden,
  _attachments: hidden,
  // Calendar dates and moments.
  receivedDate: { kind: 'date' },
  dispatchedDate: { kind: 'date' },
  createdDate: { kind: 'date' },
  registeredDate: { kind: 'date' },
  closedDate: { kind: 'date' },
  dueDate: { kind: 'date' },
  date: { kind: 'date' },
  adjustedOn: { kind: 'date' },
  immediateAdjustedOn: { kind: 'date' },
  postedOn: { kind: 'date' },
  lastAppealDay: { kind: 'date' },
  takeDownOn: { kind: 'date' },
  createdAt: { kind: 'timestamp' },
  uploadedAt: { kind: 'timestamp' },
  startedAt: { kind: 'timestamp' },
  completedAt: { kind: 'timestamp' },
  decidedAt: { kind: 'timestamp' },
  deliveredAt: { kind: 'timestamp' },
  reportedAt: { kind: 'timestamp' },
  qaReturnAt: { kind: 'timestamp' },
  size: { kind: 'bytes' },
  // Yes or no.
  anonymous: { kind: 'boolean' },
  remote: { kind: 'boolean' },
  protectedIdentity: { kind: 'boolean' },
  voteRequested: { kind: 'boolean' },
  immediateAdjustment: { kind: 'boolean' },
  // Values from a fixed list, named by the catalog.
  direction: { kind: 'enum', prefix: 'direction' },
  restrictionKind: { kind: 'enum', prefix: 'restriction.kind' },
  inheritedRestriction: { kind: 'enum', prefix: 'restriction.kind' },
  mode: { kind: 'enum', prefix: 'flow.start.mode' },
  deliveryMethod: { kind: 'enum', prefix: 'request.delivery' },
  deliveryFormat: { kind: 'enum', prefix: 'request.delivery' },
  bodyType: { kind: 'enum', prefix: 'meetings.bodyType' },
  itemKind: { kind: 'enum', prefix: 'value.itemKind' },
  postingKind: { kind: 'enum', prefix: 'value.postingKind' },
  mediaType: { kind: 'enum', prefix: 'value.mediaType' },
  // References, shown by name or number.
  responsibleUserId: { kind: 'user' },
  createdBy: { kind: 'user' },
  qualityAssuredBy: { kind: 'user' },
  uploadedBy: { kind: 'user' },
  startedBy: { kind: 'user' },
  decidedBy: { kind: 'user' },
  deliveredBy: { kind: 'user' },
  reportedBy: { kind: 'user' },
  qaReturnBy: { kind: 'user' },
  accessUserIds: { kind: 'users' },
  accessGroupIds: { kind: 'groups' },
  classCode: { kind: 'process' },
  documentTypeId: { kind: 'doctype' },
  caseId: { kind: 'record' },
  documentId: { kind: 'record' },
  targetId: { kind: 'record' },
  maskedCopyOf: { kind: 'record' },
  senderPartyId: { kind: 'record' },
  recipientPartyId: { kind: 'record' },
  decisionDocumentId: { kind: 'record' },
  noticeDocumentId: { kind: 'record' },
  minutesDocumentId: { kind: 'record' },
  immediateMinutesDocumentId: { kind: 'record' },
  extractDocumentId: { kind: 'record' },
  bodyId: { kind: 'record' },
  meetingId: { kind: 'record' },
  partyIds: { kind: 'records' },
  mergedInto: { kind: 'record' },
  documentIds: { kind: 'records' },
  // Structured values.
  shields: { kind: 'shields' },
  fileRestrictions: { kind: 'fileRestrictions' },
  redactionDrafts: { kind: 'count', unit: 'value.count.drafts' },
  steps: { kind: 'count', unit: 'value.count.steps' },
  items: { kind: 'count', unit: 'value.count.items' },
  terms: { kind: 'count', unit: 'value.count.terms' },
  members: { kind: 'count', unit: 'value.count.members' },
  memberIdentities: { kind: 'count', unit: 'value.count.members' },
  noticeRecipients: { kind: 'count', unit: 'value.count.recipients' },
  attendance: { kind: 'count', unit: 'value.count.members' },
  adjusterMemberIds: { kind: 'count', unit: 'value.count.members' },
  disqualifiedMemberIds: { kind: 'count', unit: 'value.count.members' },
  votes: { kind: 'count', unit: 'value.count.votes' },
  reservations: { kind: 'count', unit: 'value.count.reservations' },
};

const STATUS_PREFIX: Record<string, string> = {
  cases: 'status.case',
  documents: 'status.document',
  flows: 'flow.status',
  requests: 'request.status',
  meetings: 'meetings.status',
};

export function fieldKind(collection: string, field: string): FieldKind {
  if (field === 'status') return { kind: 'enum', prefix: STATUS_PREFIX[collection] ?? 'status.document' };
  if (field === 'kind' && collection === 'parties') return { kind: 'enum', prefix: 'value.partyKind' };
  if (field === 'decision' && collection === 'requests') return { kind: 'enum', prefix: 'request.decision' };
  return BY_FIELD[field] ?? { kind: 'text' };
}
