import { canAdministerMeetings, swedishDate, type AuditAction } from '../../../shared/src';
import { MeetingRecord, emptyMeetingRecord, type MeetingRecordKind } from '../../../shared/src/model/meeting';
import { meetingRecordProblems } from '../../../shared/src/rules/meeting-record';
import { appendAudit, diffRecord } from '../audit/audit';
import { admit } from './access-first';
import type { ApplyRow } from './apply';
import { checkBody } from './meeting-body';
import { applyItem, withdrawItem } from './meeting-item.apply';
import { checkMeeting } from './meeting-meeting';
import { checkPosting } from './meeting-posting';
import { meetingLabel, type MeetingEffects, type MeetingWrite } from './meeting-write';
import { Refusal, parseStored } from './refusal';

const KINDS: Record<MeetingRecordKind, (w: MeetingWrite) => Promise<MeetingEffects>> = {
  body: checkBody,
  meeting: checkMeeting,
  item: applyItem,
  posting: checkPosting,
};

/** What ties a record to its place; a different value would be a different record. */
const FIXED: Record<MeetingRecordKind, readonly (keyof MeetingRecord)[]> = {
  body: ['kind', 'registerId'],
  meeting: ['kind', 'registerId', 'bodyId'],
  item: ['kind', 'registerId', 'bodyId', 'meetingId', 'caseId', 'itemKind'],
  posting: ['kind', 'registerId', 'bodyId', 'meetingId', 'postingKind'],
};

/** Server-owned values a new record starts without (push.service keeps the stored ones on updates). */
const STAMPED_ON_CREATE = [
  'caseNumber',
  'noticeRecipients',
  'paragraph',
  'adjustedOn',
  'reportedBy',
  'reportedAt',
  'lastAppealDay',
  'takeDownOn',
] as const;

/**
 * Meeting records (bodies, meetings, agenda items, postings; model/meeting.ts). Access: a member
 * of the register. Schema: `MeetingRecord`, then the fields the kind may fill
 * (`meetingRecordProblems`). Rules per kind, each in its module: bodies, meetings and postings
 * are kept by meeting administrators; an item reporting a case may also be created by whoever
 * may edit and read that case (meeting-item.apply.ts). What ties a record to its body, meeting
 * and case never changes. Every accepted write is an actor-register entry; an item's entry is
 * filed in its case, so a restricted case's restriction covers it.
 */
export const applyMeeting: ApplyRow = async (tx, actor, merged, before, deps) => {
  const next = admit(actor, MeetingRecord, merged);
  const prev = before ? parseStored(MeetingRecord, { collection: 'meetings', id: next.id, data: before }) : null;
  const nowIso = new Date(deps.nowMs).toISOString();
  const w: MeetingWrite = {
    tx,
    actor,
    prev,
    next,
    deps,
    nowIso,
    today: swedishDate(deps.nowMs),
    admin: canAdministerMeetings(actor, next.registerId),
  };
  if (deps.deleting) return withdrawItem(w);

  if (prev) {
    const moved = FIXED[prev.kind].filter((f) => JSON.stringify(prev[f]) !== JSON.stringify(next[f]));
    if (moved.length) throw new Refusal('forbidden', `${moved.join(', ')} cannot change after creation`, moved);
  }
  const problems = meetingRecordProblems(next);
  if (problems.length)
    throw new Refusal('invalid_schema', `fields a ${next.kind} may not fill or must fill: ${problems.join(', ')}`, problems);
  if (!prev) {
    const empty = emptyMeetingRecord(next.kind, next);
    for (const f of STAMPED_ON_CREATE) (next as Record<string, unknown>)[f] = empty[f];
  }
  const effects = await KINDS[next.kind](w);
  if (prev && sameRecord(prev, next) && effects.written.length === 0)
    return { written: [], conflict: (await tx.getRecord('meetings', prev.id)) ?? undefined };

  const stored = await tx.putRecord('meetings', next);
  const action: AuditAction = !prev ? 'create' : prev.kind === 'meeting' && prev.status !== next.status ? 'status_change' : 'update';
  const audit = await appendAudit(
    tx,
    {
      actor,
      at: nowIso,
      action,
      collection: 'meetings',
      record: stored,
      caseId: next.kind === 'item' ? next.caseId : '',
      label: meetingLabel(next),
      changes: [...auditedChanges(before, stored.data), ...effects.notes].slice(0, 200),
    },
    deps.newId,
  );
  return { written: [stored, audit, ...effects.written] };
};

/** Equal apart from the bookkeeping every write changes. */
function sameRecord(a: MeetingRecord, b: MeetingRecord): boolean {
  const strip = (r: MeetingRecord) => JSON.stringify({ ...r, updatedAt: '', syncVersion: 0 });
  return strip(a) === strip(b);
}

/** The field changes, with members' identity numbers left out (only administrators may read them). */
function auditedChanges(before: Record<string, unknown> | null, after: Record<string, unknown>) {
  return diffRecord(before, after).map((c) => (c.field === 'memberIdentities' ? { field: c.field, from: '', to: '' } : c));
}
