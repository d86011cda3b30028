import { swedishDate, type Case, type Document, type DocumentType } from '../../../../../shared/src';
import type { Flow } from '../../../../../shared/src/model/flow';
import type { MeetingRecord } from '../../../../../shared/src/model/meeting';
import { buildFlow } from '../../flows';
import { t } from '../../i18n/sv';
import { meetingDocumentType, type MeetingDocumentKind } from '../../meetings/build';
import { buildDocument } from '../../records';
import type { RecordAndFileWriter, RecordWriter } from '../types';
import { fail, update, type Ids, type MeetingResult } from './write';

/**
 * The documents a meeting produces (notice, minutes, the immediately adjusted part, extracts),
 * registered with their PDFs in their cases and named on the meeting or item, and the flow in which
 * the minutes are adjusted.
 */
export interface MeetingDocumentInput {
  kind: MeetingDocumentKind;
  caseRecord: Pick<Case, 'id' | 'registerId' | 'classCode'>;
  title: string;
  pdf: Uint8Array;
  fileName: string;
  doctypes: readonly DocumentType[];
  /** The notice goes out to the members; minutes and extracts are drawn up here. */
  recipient?: string;
  by: string;
  nowMs: number;
}

/** A document with its PDF in a case: the notice and minutes in the meeting's, an extract in the item's. */
async function registerMeetingDocument(
  replica: RecordAndFileWriter,
  input: MeetingDocumentInput,
  ids: Ids,
): Promise<MeetingResult<Document>> {
  const c = input.caseRecord;
  const type = meetingDocumentType(input.doctypes, input.kind, c.registerId, c.classCode);
  if (!type) return fail('meetings.error.noDocumentType', { kind: t(`meetings.documentKind.${input.kind}`) });
  const today = swedishDate(input.nowMs);
  const outgoing = input.recipient !== undefined;
  const doc = buildDocument(
    {
      registerId: c.registerId,
      caseId: c.id,
      direction: outgoing ? 'outgoing' : 'created',
      title: input.title,
      documentTypeId: type.id,
      classCode: c.classCode,
      ...(outgoing ? { dispatchedDate: today, recipient: input.recipient } : { createdDate: today }),
    },
    input.by,
    { nowMs: input.nowMs, id: ids.newId() },
  );
  await replica.db.documents.insert(doc);
  await replica.uploadFile(doc.id, new Blob([input.pdf as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), input.fileName);
  return { ok: true, record: doc };
}

/** Registers the notice in the meeting's case and names it on the meeting (sent later with "Skicka kallelse"). */
export async function registerNotice(
  replica: RecordAndFileWriter,
  meetingId: string,
  input: Omit<MeetingDocumentInput, 'kind'>,
  ids: Ids,
): Promise<MeetingResult<Document>> {
  const doc = await registerMeetingDocument(replica, { ...input, kind: 'notice' }, ids);
  if (!doc.ok) return doc;
  const saved = await update(replica, meetingId, () => ({ noticeDocumentId: doc.record.id }));
  return saved.ok ? doc : saved;
}

/** Registers the minutes in the meeting's case and names them on the meeting. */
export async function registerMinutes(
  replica: RecordAndFileWriter,
  meetingId: string,
  input: Omit<MeetingDocumentInput, 'kind' | 'recipient'>,
  ids: Ids,
): Promise<MeetingResult<Document>> {
  const doc = await registerMeetingDocument(replica, { ...input, kind: 'minutes' }, ids);
  if (!doc.ok) return doc;
  const saved = await update(replica, meetingId, () => ({ minutesDocumentId: doc.record.id }));
  return saved.ok ? doc : saved;
}

/**
 * Registers the part of the minutes with the items adjusted immediately (a document of its own in
 * the meeting's case, signed at once); the meeting names only the ordinary minutes.
 */
export function registerImmediateMinutes(
  replica: RecordAndFileWriter,
  input: Omit<MeetingDocumentInput, 'kind' | 'recipient'>,
  ids: Ids,
): Promise<MeetingResult<Document>> {
  return registerMeetingDocument(replica, { ...input, kind: 'minutes' }, ids);
}

/**
 * Marks the items adjusted at once as adjusted: names their signed minutes part on the meeting.
 * The server checks the signatures (chair, then the adjusters), stamps the day, posts their
 * notice on the board and fixes their decisions.
 */
export function markImmediatelyAdjusted(replica: RecordWriter, meetingId: string, partDocumentId: string): Promise<MeetingResult> {
  return update(replica, meetingId, (m) => {
    if (m.kind !== 'meeting') return fail('meetings.error.notFound');
    if (m.status !== 'held' || m.immediateAdjustedOn !== '') return fail('meetings.error.immediateClosed');
    return { immediateMinutesDocumentId: partDocumentId };
  });
}

/** Registers an item's minutes extract in the item's case and names it on the item. */
export async function registerExtract(
  replica: RecordAndFileWriter,
  itemId: string,
  input: Omit<MeetingDocumentInput, 'kind' | 'recipient'>,
  ids: Ids,
): Promise<MeetingResult<Document>> {
  const doc = await registerMeetingDocument(replica, { ...input, kind: 'extract' }, ids);
  if (!doc.ok) return doc;
  const saved = await update(replica, itemId, () => ({ extractDocumentId: doc.record.id }));
  return saved.ok ? doc : saved;
}

/**
 * The minutes extracts of the items given (case items without one yet), each registered in its
 * item's case; stops at the first that cannot be registered.
 */
export async function registerExtracts(
  replica: RecordAndFileWriter,
  items: readonly MeetingRecord[],
  input: {
    cases: ReadonlyMap<string, Pick<Case, 'id' | 'registerId' | 'classCode'>>;
    doctypes: readonly DocumentType[];
    title: (item: MeetingRecord) => string;
    pdf: (item: MeetingRecord) => Promise<Uint8Array>;
    by: string;
    nowMs: () => number;
  },
  ids: Ids,
): Promise<MeetingResult<Document[]>> {
  const made: Document[] = [];
  for (const item of items.filter((i) => i.itemKind === 'case' && !i.extractDocumentId)) {
    const caseRecord = input.cases.get(item.caseId);
    if (!caseRecord) return fail('meetings.error.caseMissing', { title: item.title });
    const title = input.title(item);
    const result = await registerExtract(
      replica,
      item.id,
      {
        caseRecord,
        title,
        pdf: await input.pdf(item),
        fileName: `${title}.pdf`,
        doctypes: input.doctypes,
        by: input.by,
        nowMs: input.nowMs(),
      },
      ids,
    );
    if (!result.ok) return result;
    made.push(result.record);
  }
  return { ok: true, record: made };
}

/**
 * Starts the adjustment of the minutes: an ordered flow on the minutes document in which the chair
 * and then each adjuster sign (their user accounts; a member without one cannot sign in Diarium).
 */
export async function startAdjustment(
  replica: RecordWriter,
  input: {
    meeting: MeetingRecord;
    minutes: Pick<Document, 'id' | 'registerId' | 'caseId'>;
    signers: { name: string; userId: string }[];
    dueDate: string;
    by: string;
    nowMs: number;
  },
  ids: Ids,
): Promise<MeetingResult<Flow>> {
  if (input.signers.length === 0) return fail('meetings.error.noSigners');
  const without = input.signers.find((s) => !s.userId);
  if (without) return fail('meetings.error.signerWithoutUser', { name: without.name });
  const flow = buildFlow(
    {
      registerId: input.minutes.registerId,
      targetCollection: 'documents',
      targetId: input.minutes.id,
      caseId: input.minutes.caseId,
      mode: 'ordered',
      steps: input.signers.map((s) => ({ approverId: s.userId, role: 'approver', dueDate: input.dueDate, requiresSignature: true })),
    },
    input.by,
    { nowMs: input.nowMs, id: ids.newId(), newStepId: ids.newId },
  );
  await replica.db.flows.insert(flow);
  return { ok: true, record: flow };
}
