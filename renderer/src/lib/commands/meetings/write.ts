import { MeetingRecord } from '../../../../../shared/src/model/meeting';
import { meetingRecordProblems } from '../../../../../shared/src/rules/meeting-record';
import { meetingPartsEditable, type MeetingPartsEditable } from '../../../../../shared/src/rules/meetings';
import { t } from '../../i18n/sv';
import type { MeetingMessageKey } from '../../i18n/sv.meetings';
import { patchRecord, viewOf } from '../../replica/sealing';
import type { DiariumDatabase } from '../../replica/database';
import type { RecordWriter } from '../types';

/**
 * What every meeting command writes with: the result a view shows, the Swedish refusal, the record
 * as stored now, and the checked update. One place, so every command checks the shape the same way
 * the server (sync/meeting.apply.ts) will before it writes.
 */
export type MeetingResult<T = MeetingRecord> = { ok: true; record: T } | { ok: false; message: string };

export const fail = (key: MeetingMessageKey, params?: Record<string, string | number>): { ok: false; message: string } => ({
  ok: false,
  message: t(key, params),
});

export interface Ids {
  newId: () => string;
}

type MeetingDoc = NonNullable<Awaited<ReturnType<ReturnType<DiariumDatabase['meetings']['findOne']>['exec']>>>;

/** The record as stored now, as views see it; null when it is not in the replica. */
export async function current(replica: RecordWriter, id: string): Promise<{ doc: MeetingDoc; record: MeetingRecord } | null> {
  const doc = await replica.db.meetings.findOne(id).exec();
  return doc ? { doc, record: withoutBookkeeping(viewOf<MeetingRecord>(doc)) } : null;
}

/** A record without RxDB's bookkeeping (`_rev`, `_meta` …), which is no field of a meeting record. */
export function withoutBookkeeping(record: MeetingRecord): MeetingRecord {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !key.startsWith('_'))) as MeetingRecord;
}

/** A record the schema and its kind's shape accept; else the Swedish reason. */
export function shapeProblem(record: MeetingRecord): { ok: false; message: string } | null {
  const parsed = MeetingRecord.safeParse(record);
  if (!parsed.success) return fail('meetings.error.invalid', { fields: parsed.error.issues.map((i) => i.path.join('.')).join(', ') });
  const problems = meetingRecordProblems(record);
  return problems.length ? fail('meetings.error.invalid', { fields: problems.join(', ') }) : null;
}

export type Patch = Partial<MeetingRecord> | { ok: false; message: string };

/** Applies a change to a meeting record as stored now and saves it when it still fits its shape. */
export async function update(
  replica: RecordWriter,
  id: string,
  change: (record: MeetingRecord) => Patch | Promise<Patch>,
): Promise<MeetingResult> {
  const found = await current(replica, id);
  if (!found) return fail('meetings.error.notFound');
  const patch = await change(found.record);
  if ('ok' in patch) return patch;
  const next = { ...found.record, ...patch };
  const problem = shapeProblem(next);
  if (problem) return problem;
  await patchRecord(found.doc, patch as Record<string, unknown>);
  return { ok: true, record: next };
}

/** The meeting an item belongs to, as stored now. */
export async function meetingOf(replica: RecordWriter, item: MeetingRecord): Promise<MeetingRecord | null> {
  return (await current(replica, item.meetingId))?.record ?? null;
}

/** The meeting's status allows changing this part of it, else the Swedish reason. */
export function editable(meeting: MeetingRecord | null, part: keyof MeetingPartsEditable): { ok: false; message: string } | null {
  if (!meeting || meeting.status === '') return fail('meetings.error.notFound');
  return meetingPartsEditable(meeting.status)[part]
    ? null
    : fail(`meetings.error.locked.${part}`, { status: t(`meetings.status.${meeting.status}`) });
}

/** A change to an item allowed while the meeting's `part` may change. */
export function updateItem(
  replica: RecordWriter,
  itemId: string,
  part: keyof MeetingPartsEditable,
  change: (item: MeetingRecord, meeting: MeetingRecord) => Patch | Promise<Patch>,
): Promise<MeetingResult> {
  return update(replica, itemId, async (item) => {
    const meeting = await meetingOf(replica, item);
    return editable(meeting, part) ?? change(item, meeting!);
  });
}
