import { emptyMeetingRecord, type MeetingRecord, type MeetingRecordKind } from '../model/meeting';

/** The fields each kind of meeting record uses beyond the base fields, `kind` and `title`. */
const KIND_FIELDS: Record<MeetingRecordKind, readonly (keyof MeetingRecord)[]> = {
  body: ['bodyType', 'terms', 'members', 'memberIdentities'],
  meeting: [
    'bodyId',
    'caseId',
    'status',
    'date',
    'startTime',
    'place',
    'remote',
    'noticeRecipients',
    'attendance',
    'adjusterMemberIds',
    'minutesKeptAt',
    'noticeDocumentId',
    'minutesDocumentId',
    'adjustedOn',
    'immediateMinutesDocumentId',
    'immediateAdjustedOn',
  ],
  item: [
    'bodyId',
    'meetingId',
    'caseId',
    'caseNumber',
    'itemKind',
    'ordinal',
    'paragraph',
    'proposal',
    'decision',
    'documentIds',
    'voteRequested',
    'votes',
    'reservations',
    'disqualifiedMemberIds',
    'immediateAdjustment',
    'extractDocumentId',
    'reportedBy',
    'reportedAt',
  ],
  posting: ['bodyId', 'meetingId', 'postingKind', 'date', 'postedOn', 'lastAppealDay', 'takeDownOn', 'text'],
};

const ALWAYS = new Set<string>(['id', 'registerId', 'syncVersion', 'updatedAt', 'kind', 'title', 'withheld']);

/** Does the kind use the field? */
export function kindUsesField(kind: MeetingRecordKind, field: string): boolean {
  return ALWAYS.has(field) || (KIND_FIELDS[kind] as readonly string[]).includes(field);
}

/**
 * The fields a record fills that its kind does not use (each must hold its empty value), plus the
 * fields its kind requires and it leaves empty. `[]` means the record's shape fits its kind.
 */
export function meetingRecordProblems(record: MeetingRecord): string[] {
  const empty = emptyMeetingRecord(record.kind, record) as unknown as Record<string, unknown>;
  const problems: string[] = [];
  for (const [field, value] of Object.entries(record)) {
    if (kindUsesField(record.kind, field)) continue;
    if (JSON.stringify(value) !== JSON.stringify(empty[field])) problems.push(field);
  }
  const required: Record<MeetingRecordKind, (keyof MeetingRecord)[]> = {
    body: ['title', 'bodyType'],
    meeting: ['bodyId', 'status', 'date'],
    item: ['meetingId', 'bodyId', 'itemKind'],
    posting: ['postingKind', 'title'],
  };
  for (const field of required[record.kind]) if (record[field] === '') problems.push(field);
  if (record.kind === 'item' && record.itemKind === 'case' && record.caseId === '') problems.push('caseId');
  return problems;
}
