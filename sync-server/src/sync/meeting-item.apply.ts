import {
  canEditCase,
  mayReadContent,
  meetingPartsEditable,
  orderAgenda,
  quorumAt,
  voteResult,
  type MeetingPartsEditable,
} from '../../../shared/src';
import { emptyMeetingRecord, type MeetingRecord, type MeetingStatus } from '../../../shared/src/model/meeting';
import { appendAudit } from '../audit/audit';
import type { Applied } from './apply';
import { meetingLabel, requireAdmin, requireOpen, type MeetingEffects, type MeetingWrite } from './meeting-write';
import { itemsOfMeeting, meetingRecordIn, visibleCase, visibleDocument } from './meeting-records';
import { Refusal } from './refusal';

type ItemField = keyof MeetingRecord;

/** Which part of the meeting each item field belongs to: the agenda before, the decisions during the meeting. */
const PART_OF: Partial<Record<ItemField, keyof MeetingPartsEditable>> = {
  title: 'agenda',
  ordinal: 'agenda',
  proposal: 'agenda',
  documentIds: 'agenda',
  decision: 'decisions',
  voteRequested: 'decisions',
  votes: 'decisions',
  reservations: 'decisions',
  disqualifiedMemberIds: 'decisions',
  immediateAdjustment: 'decisions',
};
/** What someone reporting a case (not a meeting administrator) fills in. */
const REPORTER_FIELDS = new Set<ItemField>(['title', 'ordinal', 'proposal', 'documentIds']);
const DECISION_FIELDS: readonly ItemField[] = ['decision', 'votes', 'reservations', 'disqualifiedMemberIds'];
/** The minutes extract is registered once the meeting is held. */
const EXTRACT_STATUSES: readonly string[] = ['held', 'minutes_adjusted', 'posted'];

/** The fields a write changes, bookkeeping aside (a new item: those it fills). */
const changedFields = (a: MeetingRecord, b: MeetingRecord): ItemField[] =>
  (Object.keys(b) as ItemField[]).filter((f) => f !== 'updatedAt' && f !== 'syncVersion' && JSON.stringify(a[f]) !== JSON.stringify(b[f]));

/**
 * An agenda item. Items are added while the agenda is editable: standard items by meeting
 * administrators, reported cases ("Anmäl till sammanträde") also by whoever may edit the case and
 * read its content; the case must be of the register and received by the reporter (unseen
 * answers as unknown), and the server stamps its number, the reporter and the time. The reporter
 * may change their item's proposal while the agenda is editable; everything else is the
 * administrators', each part only while `meetingPartsEditable` allows it. Votes are by members
 * serving at the item, not disqualified, one each; a decision or votes need a quorum.
 */
export async function applyItem(w: MeetingWrite): Promise<MeetingEffects> {
  const { tx, actor, prev, next } = w;
  const meeting = (await meetingRecordIn(tx, next.registerId, 'meeting', next.meetingId, 'meetingId')).record;
  if (meeting.bodyId !== next.bodyId) throw new Refusal('unknown_reference', `the meeting is not of body ${next.bodyId}`, ['bodyId']);
  requireOpen(meeting.status);
  const parts = meetingPartsEditable(meeting.status as MeetingStatus);
  const changed = changedFields(prev ?? emptyMeetingRecord('item', next), next);

  if (!prev) {
    if (!parts.agenda) throw new Refusal('meeting_locked', `the agenda of a meeting ${meeting.status} is fixed`, ['meetingId']);
    if (next.itemKind === 'case') {
      const reported = await visibleCase(tx, actor, next.registerId, next.caseId, 'caseId');
      if (!w.admin && !(canEditCase(actor, reported) && mayReadContent(actor, reported)))
        throw new Refusal('forbidden', 'reporting a case needs the right to edit it and read its content', ['caseId']);
      next.caseNumber = reported.caseNumber;
      next.reportedBy = actor.id;
      next.reportedAt = w.nowIso;
    } else requireAdmin(w);
  } else if (!w.admin && (prev.reportedBy !== actor.id || changed.some((f) => f !== 'proposal'))) {
    throw new Refusal('forbidden', 'only meeting administrators change items; a reporter only the proposal of their own', changed);
  }
  if (!w.admin) {
    const beyond = changed.filter((f) => !REPORTER_FIELDS.has(f) && PART_OF[f] !== undefined);
    if (beyond.length) throw new Refusal('forbidden', `only meeting administrators set ${beyond.join(', ')}`, beyond);
  }
  const locked = changed.filter((f) =>
    PART_OF[f] ? !parts[PART_OF[f]] : f === 'extractDocumentId' && !EXTRACT_STATUSES.includes(meeting.status),
  );
  if (locked.length) throw new Refusal('meeting_locked', `${locked.join(', ')} cannot change in a meeting ${meeting.status}`, locked);

  const caseOnly = next.itemKind === 'case' ? next.caseId : null;
  const before = new Set(prev?.documentIds ?? []);
  for (const id of next.documentIds) if (!before.has(id)) await visibleDocument(tx, actor, next.registerId, id, caseOnly, 'documentIds');
  if (next.extractDocumentId !== '' && next.extractDocumentId !== prev?.extractDocumentId)
    await visibleDocument(tx, actor, next.registerId, next.extractDocumentId, caseOnly, 'extractDocumentId');
  if (DECISION_FIELDS.some((f) => changed.includes(f))) await checkDecision(w, meeting);
  return { written: [], notes: [] };
}

/**
 * Disqualified and reserving members are members of the body; each vote is by a member serving
 * at the item, not disqualified, one each (`voteResult`); a decision or votes need a quorum
 * (`quorumAt`: more than half the seats served, disqualified members not counted).
 */
async function checkDecision(w: MeetingWrite, meeting: MeetingRecord): Promise<void> {
  const { tx, next } = w;
  const body = (await meetingRecordIn(tx, next.registerId, 'body', next.bodyId, 'bodyId')).record;
  const members = new Set(body.members.map((m) => m.id));
  if (next.disqualifiedMemberIds.some((id) => !members.has(id)))
    throw new Refusal('unknown_reference', 'a disqualified member is not of the body', ['disqualifiedMemberIds']);
  if (next.reservations.some((r) => !members.has(r.memberId)))
    throw new Refusal('unknown_reference', 'a reservation by someone not of the body', ['reservations']);
  const items = orderAgenda((await itemsOfMeeting(tx, meeting.id)).map((i) => (i.id === next.id ? next : i)));
  if (!items.some((i) => i.id === next.id)) items.push(next);
  const result = voteResult(body, meeting, items, next.id, next.votes);
  const voteProblems = result.problems.filter((p) => p !== 'no_quorum');
  if (voteProblems.length) throw new Refusal('invalid_vote', `votes: ${[...new Set(voteProblems)].join(', ')}`, ['votes']);
  if ((next.decision.trim() !== '' || next.votes.length > 0) && !quorumAt(body, meeting, items, next.id).present)
    throw new Refusal(
      'no_quorum',
      'fewer than half of the seats are served at this item',
      next.votes.length ? ['decision', 'votes'] : ['decision'],
    );
}

/**
 * Withdrawing an item from the agenda deletes its record (the only deletion push accepts): by a
 * meeting administrator, while the agenda is editable, so no § number was ever given to it.
 */
export async function withdrawItem(w: MeetingWrite): Promise<Applied> {
  const { tx, prev } = w;
  if (!prev || prev.kind !== 'item') throw new Refusal('forbidden', 'only agenda items are withdrawn; other records are kept');
  requireAdmin(w);
  const meeting = (await meetingRecordIn(tx, prev.registerId, 'meeting', prev.meetingId, 'meetingId')).record;
  if (!meetingPartsEditable(meeting.status as MeetingStatus).agenda)
    throw new Refusal('meeting_locked', `the agenda of a meeting ${meeting.status} is fixed`, ['meetingId']);
  const stored = await tx.putRecord('meetings', { ...prev, updatedAt: w.nowIso }, true);
  const audit = await appendAudit(
    tx,
    {
      actor: w.actor,
      at: w.nowIso,
      action: 'update',
      collection: 'meetings',
      record: stored,
      caseId: prev.caseId,
      label: meetingLabel(prev),
      changes: [{ field: 'withdrawn', from: '', to: 'true' }],
    },
    w.deps.newId,
  );
  return { written: [stored, audit] };
}
