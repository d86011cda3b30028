import {
  attendanceProblems,
  canTransitionMeeting,
  meetingPartsEditable,
  orderAgenda,
  type MeetingPartsEditable,
} from '../../../shared/src';
import type { MeetingRecord, MeetingStatus } from '../../../shared/src/model/meeting';
import { requireAdmin, requireOpen, type MeetingEffects, type MeetingWrite } from './meeting-write';
import { itemsOfMeeting, meetingRecordIn, visibleCase } from './meeting-records';
import { transitionEffects } from './meeting-transitions';
import { Refusal } from './refusal';

/** Which part of a meeting each of its fields belongs to, and in which status that part may change. */
const PARTS: Partial<Record<keyof MeetingRecord, (p: MeetingPartsEditable) => boolean>> = {
  title: (p) => p.notice,
  date: (p) => p.notice,
  startTime: (p) => p.notice,
  place: (p) => p.notice,
  remote: (p) => p.notice,
  caseId: (p) => p.notice,
  noticeDocumentId: (p) => p.notice,
  attendance: (p) => p.attendance,
};
/** Adjusters, the minutes and where they are kept are set up to the adjustment, which they are part of. */
const MINUTES_FIELDS: readonly (keyof MeetingRecord)[] = ['adjusterMemberIds', 'minutesKeptAt', 'minutesDocumentId'];

/**
 * A meeting: kept by meeting administrators, of a body of the register, its own case (where the
 * notice and minutes are registered) one the administrator receives. A new meeting is planned;
 * then the status moves only as `canTransitionMeeting` allows, each part changes only while
 * `meetingPartsEditable` of the new status allows it (the minutes' part up to the adjustment),
 * attendance has no `attendanceProblems`, adjusters are members, and each step has its effects
 * (meeting-transitions.ts).
 */
export async function checkMeeting(w: MeetingWrite): Promise<MeetingEffects> {
  requireAdmin(w);
  const { tx, actor, prev, next } = w;
  const body = await meetingRecordIn(tx, next.registerId, 'body', next.bodyId, 'bodyId');
  if (next.caseId !== '' && next.caseId !== prev?.caseId) await visibleCase(tx, actor, next.registerId, next.caseId, 'caseId');
  if (!prev) {
    if (next.status !== 'planned')
      throw new Refusal('invalid_status_transition', `a new meeting is planned, not ${next.status}`, ['status']);
  } else {
    requireOpen(prev.status);
    if (next.status !== prev.status && !canTransitionMeeting(prev.status as MeetingStatus, next.status as MeetingStatus))
      throw new Refusal('invalid_status_transition', `${prev.status} -> ${next.status}`, ['status']);
    const now = meetingPartsEditable(next.status as MeetingStatus);
    const before = meetingPartsEditable(prev.status as MeetingStatus);
    const changed = (f: keyof MeetingRecord) => JSON.stringify(prev[f]) !== JSON.stringify(next[f]);
    const locked = [
      ...Object.entries(PARTS)
        .filter(([f, allowed]) => changed(f as keyof MeetingRecord) && !allowed(now))
        .map(([f]) => f),
      ...MINUTES_FIELDS.filter((f) => changed(f) && !(before.agenda || before.decisions)),
    ];
    if (locked.length) throw new Refusal('meeting_locked', `${locked.join(', ')} cannot change in a meeting ${next.status}`, locked);
  }
  const members = new Set(body.record.members.map((m) => m.id));
  const strangers = next.adjusterMemberIds.filter((id) => !members.has(id));
  if (strangers.length || new Set(next.adjusterMemberIds).size !== next.adjusterMemberIds.length)
    throw new Refusal('unknown_reference', `adjusters must be distinct members of the body`, ['adjusterMemberIds']);
  if (JSON.stringify(prev?.attendance ?? []) !== JSON.stringify(next.attendance)) {
    const problems = attendanceProblems(body.record, next, orderAgenda(await itemsOfMeeting(tx, next.id)));
    if (problems.length) throw new Refusal('invalid_schema', `attendance: ${[...new Set(problems)].join(', ')}`, ['attendance']);
  }
  return prev && prev.status !== next.status ? transitionEffects(w, body.record) : { written: [], notes: [] };
}
