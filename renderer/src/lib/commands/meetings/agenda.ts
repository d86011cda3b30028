import type { Case } from '../../../../../shared/src';
import type { MeetingRecord } from '../../../../../shared/src/model/meeting';
import { meetingPartsEditable, orderAgenda, reorderAgenda } from '../../../../../shared/src/rules/meetings';
import { buildCaseItem, nextCaseOrdinal } from '../../meetings/build';
import { patchRecord, viewOf } from '../../replica/sealing';
import type { RecordWriter } from '../types';
import { current, editable, fail, meetingOf, shapeProblem, updateItem, type Ids, type MeetingResult } from './write';

/** A meeting's agenda: reporting a case to it, ordering its items, their proposals, withdrawing one. */

/** A meeting's items in agenda order. */
export async function agendaOf(replica: RecordWriter, meetingId: string): Promise<MeetingRecord[]> {
  const docs = await replica.db.meetings.find({ selector: { meetingId } }).exec();
  return orderAgenda(docs.map((d) => viewOf<MeetingRecord>(d)).filter((r) => r.kind === 'item'));
}

export interface ReportCaseCommandInput {
  meeting: MeetingRecord;
  caseRecord: Pick<Case, 'id' | 'registerId' | 'title'>;
  proposal: string;
  documentIds: string[];
}

/** "Anmäl till sammanträde": the case becomes an item of a coming meeting, with a proposal for decision. */
export async function reportCase(replica: RecordWriter, input: ReportCaseCommandInput, ids: Ids): Promise<MeetingResult> {
  const { meeting, caseRecord } = input;
  if (meeting.status === '' || !meetingPartsEditable(meeting.status).agenda) return fail('meetings.error.meetingNotComing');
  if (caseRecord.registerId !== meeting.registerId) return fail('meetings.error.otherRegister');
  if (!input.proposal.trim()) return fail('meetings.error.proposal');
  const items = (await replica.db.meetings.find({ selector: { meetingId: meeting.id } }).exec()).map((d) => viewOf<MeetingRecord>(d));
  if (items.some((i) => i.caseId === caseRecord.id)) return fail('meetings.error.alreadyReported');
  const item = buildCaseItem(
    {
      meeting,
      caseId: caseRecord.id,
      title: caseRecord.title,
      proposal: input.proposal,
      documentIds: input.documentIds,
      ordinal: nextCaseOrdinal(items),
    },
    ids.newId(),
  );
  const problem = shapeProblem(item);
  if (problem) return problem;
  await replica.db.meetings.insert(item);
  return { ok: true, record: item };
}

/**
 * Moves an item one place up or down the agenda (keyboard Alt+↑/↓), or before another item (mouse
 * drag; null: last). Usually only the moved item's ordinal changes (`reorderAgenda`).
 */
export async function moveItem(
  replica: RecordWriter,
  itemId: string,
  to: { direction: 'up' | 'down' } | { beforeItemId: string | null },
): Promise<MeetingResult> {
  const found = await current(replica, itemId);
  if (!found || found.record.kind !== 'item') return fail('meetings.error.notFound');
  const locked = editable(await meetingOf(replica, found.record), 'agenda');
  if (locked) return locked;
  const agenda = await agendaOf(replica, found.record.meetingId);
  const own = agenda.findIndex((i) => i.id === itemId);
  const others = agenda.filter((i) => i.id !== itemId);
  const index =
    'direction' in to
      ? own + (to.direction === 'up' ? -1 : 1)
      : to.beforeItemId === null
        ? others.length
        : others.findIndex((i) => i.id === to.beforeItemId);
  if (index < 0) return { ok: true, record: found.record };
  for (const [id, ordinal] of reorderAgenda(agenda, itemId, index)) {
    const doc = await replica.db.meetings.findOne(id).exec();
    if (doc) await patchRecord(doc, { ordinal });
  }
  return { ok: true, record: (await current(replica, itemId))!.record };
}

/** Keeps an item's proposal as its room has it (the notice, the minutes and the reader print it). */
export function saveProposal(replica: RecordWriter, itemId: string, proposal: string): Promise<MeetingResult> {
  return updateItem(replica, itemId, 'agenda', (item) => (item.proposal === proposal ? {} : { proposal }));
}

/** Withdraws an item from the agenda before the meeting (the server accepts this one deletion). */
export async function removeItem(replica: RecordWriter, itemId: string): Promise<MeetingResult> {
  const found = await current(replica, itemId);
  if (!found || found.record.kind !== 'item') return fail('meetings.error.notFound');
  const locked = editable(await meetingOf(replica, found.record), 'agenda');
  if (locked) return locked;
  await found.doc.remove();
  return { ok: true, record: found.record };
}
