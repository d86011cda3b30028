import { Document, latestPostingDay, membersOn, orderAgenda, paragraphNumbers, priorMaxParagraph } from '../../../shared/src';
import { Flow } from '../../../shared/src/model/flow';
import type { MeetingRecord } from '../../../shared/src/model/meeting';
import { appendAudit } from '../audit/audit';
import type { StoredRecord } from '../storage/storage';
import { meetingLabel, type MeetingEffects, type MeetingWrite } from './meeting-write';
import { minutesPosting } from './meeting-posting';
import { itemsOfMeeting, recordsOfBody } from './meeting-records';
import { Refusal, parseStored } from './refusal';

const NONE: MeetingEffects = { written: [], notes: [] };

/**
 * What each step of a meeting's status brings, checked and written in the push's transaction:
 * the notice goes to every member and substitute on the meeting day; holding the meeting fixes
 * the § numbers; adjusting needs the minutes signed by the chair and the adjusters; posting puts
 * the notice of adjustment on the board.
 */
export async function transitionEffects(w: MeetingWrite, body: MeetingRecord): Promise<MeetingEffects> {
  switch (w.next.status) {
    case 'notice_sent':
      return sendNotice(w, body);
    case 'held':
      return fixParagraphs(w);
    case 'minutes_adjusted':
      return adjust(w, body);
    case 'posted':
      return post(w, body);
    default:
      return NONE;
  }
}

/** A document registered in the meeting's own case, else `code` on `field`. */
async function documentInMeetingCase(
  w: MeetingWrite,
  documentId: string,
  field: string,
  code: 'notice_missing' | 'minutes_not_adjusted',
): Promise<Document> {
  const { tx, next } = w;
  const stored = documentId === '' || next.caseId === '' ? null : await tx.getRecord('documents', documentId);
  const doc = stored && !stored.deleted && stored.registerId === next.registerId ? parseStored(Document, stored) : null;
  if (!doc || doc.caseId !== next.caseId || doc.documentNumber === '')
    throw new Refusal(code, `${field} must name a document registered in the meeting's case`, [field]);
  return doc;
}

/** The notice is registered in the meeting's case; it goes to everyone assigned on the meeting day. */
async function sendNotice(w: MeetingWrite, body: MeetingRecord): Promise<MeetingEffects> {
  await documentInMeetingCase(w, w.next.noticeDocumentId, 'noticeDocumentId', 'notice_missing');
  w.next.noticeRecipients = membersOn(body, w.next.date).map((m) => ({ memberId: m.id, sentAt: w.nowIso }));
  return NONE;
}

/**
 * § numbers follow the agenda order and continue the body's calendar year (after the highest
 * number of the body's other meetings that year up to this day); each item's entry is filed in
 * its case.
 */
async function fixParagraphs(w: MeetingWrite): Promise<MeetingEffects> {
  const { tx, next } = w;
  const items = orderAgenda(await itemsOfMeeting(tx, next.id));
  const ofBody = await recordsOfBody(tx, next.bodyId);
  const prior = priorMaxParagraph(
    ofBody.filter((r) => r.kind === 'item'),
    ofBody.filter((r) => r.kind === 'meeting'),
    next,
  );
  const numbers = paragraphNumbers(prior, items);
  const written: StoredRecord[] = [];
  for (const item of items) {
    const paragraph = numbers.get(item.id) ?? 0;
    if (paragraph === item.paragraph) continue;
    const stored = await tx.putRecord('meetings', { ...item, paragraph, updatedAt: w.nowIso });
    written.push(stored);
    written.push(
      await appendAudit(
        tx,
        {
          actor: w.actor,
          at: w.nowIso,
          action: 'update',
          collection: 'meetings',
          record: stored,
          caseId: item.caseId,
          label: meetingLabel(item),
          changes: [{ field: 'paragraph', from: String(item.paragraph), to: String(paragraph) }],
        },
        w.deps.newId,
      ),
    );
  }
  return { written, notes: [] };
}

/**
 * Who presides: the chair, or when the chair is recorded absent the vice chair, then the second
 * vice chair (KL 6 kap. 21 §), among those assigned on the meeting day.
 */
function presiding(body: MeetingRecord, meeting: MeetingRecord) {
  const assigned = membersOn(body, meeting.date);
  const absent = new Set(meeting.attendance.filter((a) => !a.present).map((a) => a.memberId));
  for (const role of ['chair', 'vice_chair', 'second_vice_chair'] as const) {
    const m = assigned.find((x) => x.role === role && !absent.has(x.id));
    if (m) return m;
  }
  return undefined;
}

/** The users who signed a flow's signature steps, in step order. */
function signers(flow: Flow): string[] {
  return flow.steps.filter((s) => s.requiresSignature && s.status === 'approved' && s.signatureFileId !== '').map((s) => s.decidedBy);
}

/**
 * Minutes (or their part adjusted at once) are adjusted when they are a document in the meeting's
 * case with an approved flow whose signature steps were signed by the presiding chair and then
 * each adjuster, in the order set (one signer, or an ordered flow).
 */
async function requireSignedMinutes(
  w: MeetingWrite,
  body: MeetingRecord,
  field: 'minutesDocumentId' | 'immediateMinutesDocumentId',
): Promise<void> {
  const { tx, next } = w;
  const doc = await documentInMeetingCase(w, next[field], field, 'minutes_not_adjusted');
  const users = new Map(body.members.map((m) => [m.id, m.userId]));
  const expected = [presiding(body, next)?.userId ?? '', ...next.adjusterMemberIds.map((id) => users.get(id) ?? '')];
  if (expected.includes(''))
    throw new Refusal('minutes_not_adjusted', 'the chair and every adjuster need a user account to sign', ['adjusterMemberIds']);
  const flows = (await tx.listWhere('flows', 'documentId', doc.id)).filter((r) => !r.deleted).map((r) => parseStored(Flow, r));
  const signed = flows.some(
    (f) =>
      f.status === 'approved' &&
      f.targetId === doc.id &&
      (expected.length === 1 || f.mode === 'ordered') &&
      JSON.stringify(signers(f)) === JSON.stringify(expected),
  );
  if (!signed)
    throw new Refusal('minutes_not_adjusted', 'no approved flow on the minutes signed by the chair and the adjusters in order', [field]);
}

/** The minutes are adjusted once signed (`requireSignedMinutes`); the adjustment day is the server's day. */
async function adjust(w: MeetingWrite, body: MeetingRecord): Promise<MeetingEffects> {
  await requireSignedMinutes(w, body, 'minutesDocumentId');
  w.next.adjustedOn = w.today;
  return NONE;
}

/**
 * Immediate adjustment (omedelbar justering): while the meeting is held, the items marked for it,
 * each with its decision, get their own minutes part, signed like the minutes; once it is, the
 * server stamps the day and posts the notice of their adjustment at once, so their appeal period
 * runs from today while the rest of the minutes follow the ordinary adjustment.
 */
export async function adjustImmediately(w: MeetingWrite, body: MeetingRecord): Promise<MeetingEffects> {
  const { next } = w;
  const items = orderAgenda(await itemsOfMeeting(w.tx, next.id)).filter((i) => i.immediateAdjustment);
  if (items.length === 0)
    throw new Refusal('minutes_not_adjusted', 'no item is marked for immediate adjustment', ['immediateMinutesDocumentId']);
  if (items.some((i) => i.decision.trim() === ''))
    throw new Refusal('minutes_not_adjusted', 'every item adjusted at once needs its decision first', ['immediateMinutesDocumentId']);
  if (next.minutesKeptAt.trim() === '')
    throw new Refusal('missing_mandatory_fields', 'the notice says where the minutes are kept', ['minutesKeptAt']);
  await requireSignedMinutes(w, body, 'immediateMinutesDocumentId');
  next.immediateAdjustedOn = w.today;
  const posting = minutesPosting(
    body,
    next,
    w.deps.newId(),
    w.today,
    items.map((i) => i.paragraph),
  );
  return { written: await writePosting(w, posting), notes: [] };
}

/**
 * Posting puts the notice of adjustment on the board today. A notice later than the second day
 * after the adjustment (KL 8 kap. 12 §) is still posted, since the appeal period runs from the
 * posting day and a later notice beats none; the delay is written in the actor register.
 */
async function post(w: MeetingWrite, body: MeetingRecord): Promise<MeetingEffects> {
  const { next } = w;
  if (next.minutesKeptAt.trim() === '')
    throw new Refusal('missing_mandatory_fields', 'the notice says where the minutes are kept', ['minutesKeptAt']);
  const posting = minutesPosting(body, next, w.deps.newId(), w.today);
  const written = await writePosting(w, posting);
  const latest = latestPostingDay(next.adjustedOn);
  const notes = w.today > latest ? [{ field: 'latePosting', from: latest, to: w.today }] : [];
  return { written, notes };
}

/** A posting the server puts up, with its actor-register entry. */
async function writePosting(w: MeetingWrite, posting: MeetingRecord): Promise<StoredRecord[]> {
  const stored = await w.tx.putRecord('meetings', { ...posting, updatedAt: w.nowIso });
  const audit = await appendAudit(
    w.tx,
    {
      actor: w.actor,
      at: w.nowIso,
      action: 'create',
      collection: 'meetings',
      record: stored,
      caseId: '',
      label: posting.title,
      changes: [
        { field: 'postedOn', from: '', to: posting.postedOn },
        { field: 'lastAppealDay', from: '', to: posting.lastAppealDay },
        { field: 'takeDownOn', from: '', to: posting.takeDownOn },
      ],
    },
    w.deps.newId,
  );
  return [stored, audit];
}
