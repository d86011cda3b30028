import {
  isFinalStatus,
  isValidIsoDate,
  swedishDate,
  type Case,
  type ClassNode,
  type Document,
  type DocumentType,
  type Subject,
} from '../../../../shared/src';
import type { Flow } from '../../../../shared/src/model/flow';
import {
  MeetingRecord,
  type Attendance,
  type BodyType,
  type MeetingStatus,
  type MemberVote,
  type Reservation,
} from '../../../../shared/src/model/meeting';
import { meetingRecordProblems } from '../../../../shared/src/rules/meeting-record';
import {
  attendanceProblemDetails,
  canTransitionMeeting,
  meetingPartsEditable,
  orderAgenda,
  quorumAt,
  reorderAgenda,
  voteResult,
  type MeetingPartsEditable,
} from '../../../../shared/src/rules/meetings';
import { buildFlow } from '../flows';
import { t } from '../i18n/sv';
import type { MeetingMessageKey } from '../i18n/sv.meetings';
import {
  STANDARD_ITEMS,
  buildBody,
  buildCaseItem,
  buildMeeting,
  buildStandardItem,
  meetingCaseTitle,
  meetingDocumentType,
  meetingProcess,
  nextCaseOrdinal,
  type MeetingDocumentKind,
} from '../meetings/build';
import { buildCase, buildDocument } from '../records';
import { canRegisterCase } from '../../../../shared/src';
import { patchRecord, viewOf } from '../replica/sealing';
import type { DiariumDatabase } from '../replica/database';
import type { RecordAndFileWriter, RecordWriter } from './types';

/**
 * Meeting administration's writes: bodies, meetings, agenda items, what happens at the meeting,
 * and the documents a meeting produces (notice, minutes, extracts) registered in their cases.
 * Each checks what the shared rules can check before it writes and answers in Swedish; the server
 * (sync/meeting.apply.ts) checks everything again.
 */
export type MeetingResult<T = MeetingRecord> = { ok: true; record: T } | { ok: false; message: string };

const fail = (key: MeetingMessageKey, params?: Record<string, string | number>): { ok: false; message: string } => ({
  ok: false,
  message: t(key, params),
});

interface Ids {
  newId: () => string;
}

type MeetingDoc = NonNullable<Awaited<ReturnType<ReturnType<DiariumDatabase['meetings']['findOne']>['exec']>>>;

/** The record as stored now, as views see it; null when it is not in the replica. */
async function current(replica: RecordWriter, id: string): Promise<{ doc: MeetingDoc; record: MeetingRecord } | null> {
  const doc = await replica.db.meetings.findOne(id).exec();
  return doc ? { doc, record: withoutBookkeeping(viewOf<MeetingRecord>(doc)) } : null;
}

/** A record without RxDB's bookkeeping (`_rev`, `_meta` …), which is no field of a meeting record. */
function withoutBookkeeping(record: MeetingRecord): MeetingRecord {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !key.startsWith('_'))) as MeetingRecord;
}

/** A record the schema and its kind's shape accept; else the Swedish reason. */
function shapeProblem(record: MeetingRecord): { ok: false; message: string } | null {
  const parsed = MeetingRecord.safeParse(record);
  if (!parsed.success) return fail('meetings.error.invalid', { fields: parsed.error.issues.map((i) => i.path.join('.')).join(', ') });
  const problems = meetingRecordProblems(record);
  return problems.length ? fail('meetings.error.invalid', { fields: problems.join(', ') }) : null;
}

type Patch = Partial<MeetingRecord> | { ok: false; message: string };

/** Applies a change to a meeting record as stored now and saves it when it still fits its shape. */
async function update(
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

// ── Bodies ──────────────────────────────────────────────────────────────────────────────────

export interface CreateBodyInput {
  registerId: string;
  title: string;
  bodyType: BodyType;
  termFrom: string;
  termTo: string;
}

export async function createBody(replica: RecordWriter, input: CreateBodyInput, ids: Ids): Promise<MeetingResult> {
  if (!input.title.trim()) return fail('meetings.error.bodyTitle');
  if (input.bodyType === '') return fail('meetings.error.bodyType');
  if (!isValidIsoDate(input.termFrom) || !isValidIsoDate(input.termTo) || input.termTo < input.termFrom) return fail('meetings.error.term');
  const body = buildBody(
    {
      registerId: input.registerId,
      title: input.title,
      bodyType: input.bodyType,
      terms: [{ id: ids.newId(), from: input.termFrom, to: input.termTo }],
    },
    ids.newId(),
  );
  const problem = shapeProblem(body);
  if (problem) return problem;
  await replica.db.meetings.insert(body);
  return { ok: true, record: body };
}

/**
 * Writes the bodies a confirmed member import changed (`planMemberImport`'s `bodies`): each body is
 * one record, so each is one push; all are checked before the first is written.
 */
export async function updateBodyMembers(replica: RecordWriter, bodies: readonly MeetingRecord[]): Promise<MeetingResult<MeetingRecord[]>> {
  const found: NonNullable<Awaited<ReturnType<typeof current>>>[] = [];
  for (const body of bodies.map(withoutBookkeeping)) {
    const problem = shapeProblem(body);
    if (problem) return problem;
    const stored = await current(replica, body.id);
    if (!stored || stored.record.kind !== 'body') return fail('meetings.error.notFound');
    found.push(stored);
  }
  for (const [i, body] of bodies.entries())
    await patchRecord(found[i]!.doc, { members: body.members, memberIdentities: body.memberIdentities, terms: body.terms });
  return { ok: true, record: [...bodies] };
}

// ── Meetings ────────────────────────────────────────────────────────────────────────────────

export interface CreateMeetingInput {
  body: MeetingRecord;
  date: string;
  startTime: string;
  place: string;
  remote: boolean;
}

export interface MeetingCaseContext {
  classes: readonly ClassNode[];
  by: Subject & { id: string };
  nowMs: number;
}

/**
 * The case a meeting's notice and minutes go into: the case the body's meetings of that year
 * already use, else the body's case for the year by its title, else a new one (registered here,
 * numbered when it reaches the server). A closed, annulled or archived case is not reused.
 */
async function meetingCase(
  replica: RecordWriter,
  body: Pick<MeetingRecord, 'id' | 'registerId' | 'title'>,
  year: string,
  ctx: MeetingCaseContext,
  ids: Ids,
): Promise<{ ok: true; record: Case } | { ok: false; message: string }> {
  const title = meetingCaseTitle(body.title, year);
  const sameYear = (await replica.db.meetings.find({ selector: { bodyId: body.id, kind: 'meeting' } }).exec())
    .map((d) => viewOf<MeetingRecord>(d))
    .filter((m) => m.date.startsWith(`${year}-`) && m.caseId)
    .sort((a, b) => b.date.localeCompare(a.date));
  const candidates = [
    ...(await Promise.all(sameYear.map((m) => replica.db.cases.findOne(m.caseId).exec()))),
    await replica.db.cases.findOne({ selector: { registerId: body.registerId, title } }).exec(),
  ];
  const open = candidates
    .map((d) => (d ? viewOf<Case>(d) : null))
    .find((c) => c !== null && c.status !== 'closed' && !isFinalStatus(c.status) && c.withheld.length === 0);
  if (open) return { ok: true, record: open };
  const process = meetingProcess(ctx.classes, body.registerId);
  if (!process) return fail('meetings.error.noProcess');
  const kase = buildCase({ registerId: body.registerId, title, classCode: process.code, responsibleUserId: ctx.by.id }, ctx.by.id, {
    nowMs: ctx.nowMs,
    id: ids.newId(),
  });
  if (!canRegisterCase(ctx.by, kase, process))
    return fail('meetings.error.caseNotAllowed', { process: `${process.code} ${process.title}` });
  await replica.db.cases.insert(kase);
  return { ok: true, record: kase };
}

/** Standard item titles, in Swedish: they are printed in the notice and the minutes. */
const STANDARD_TITLE: Record<(typeof STANDARD_ITEMS)[number]['kind'], MeetingMessageKey> = {
  opening: 'meetings.item.opening',
  adjuster_election: 'meetings.item.adjuster_election',
  agenda_approval: 'meetings.item.agenda_approval',
  notifications: 'meetings.item.notifications',
  delegation_decisions: 'meetings.item.delegation_decisions',
};

/**
 * Creates a meeting of a body in its case for the year, with the standard items of every agenda.
 * Works offline: the case, the meeting and its items are sent when the connection is back.
 */
export async function createMeeting(
  replica: RecordWriter,
  input: CreateMeetingInput,
  ctx: MeetingCaseContext,
  ids: Ids,
): Promise<MeetingResult> {
  if (!isValidIsoDate(input.date)) return fail('meetings.error.date');
  if (!/^(([01]\d|2[0-3]):[0-5]\d)$/.test(input.startTime)) return fail('meetings.error.time');
  if (!input.remote && !input.place.trim()) return fail('meetings.error.place');
  const kase = await meetingCase(replica, input.body, input.date.slice(0, 4), ctx, ids);
  if (!kase.ok) return kase;
  const meeting = buildMeeting({ ...input, body: input.body, caseId: kase.record.id }, ids.newId());
  const problem = shapeProblem(meeting);
  if (problem) return problem;
  await replica.db.meetings.insert(meeting);
  await addStandardItems(replica, meeting, ids);
  return { ok: true, record: meeting };
}

/** Adds the standard items a meeting's agenda lacks (those it has are left as they are). */
export async function addStandardItems(
  replica: RecordWriter,
  meeting: Pick<MeetingRecord, 'id' | 'registerId' | 'bodyId'>,
  ids: Ids,
): Promise<MeetingRecord[]> {
  const have = new Set(
    (await replica.db.meetings.find({ selector: { meetingId: meeting.id } }).exec()).map((d) => viewOf<MeetingRecord>(d).itemKind),
  );
  const items = STANDARD_ITEMS.filter((s) => !have.has(s.kind)).map((s) =>
    buildStandardItem(meeting, s.kind, t(STANDARD_TITLE[s.kind]), s.ordinal, ids.newId()),
  );
  if (items.length) await replica.db.meetings.bulkInsert(items);
  return items;
}

/** Moves a meeting on in its life (the server adds what a step fixes: recipients, § numbers, dates). */
export function setMeetingStatus(replica: RecordWriter, meetingId: string, to: MeetingStatus): Promise<MeetingResult> {
  return update(replica, meetingId, (m) => {
    if (m.kind !== 'meeting' || m.status === '') return fail('meetings.error.notFound');
    if (!canTransitionMeeting(m.status, to))
      return fail('meetings.error.transition', { from: t(`meetings.status.${m.status}`), to: t(`meetings.status.${to}`) });
    if (to === 'notice_sent' && !m.noticeDocumentId) return fail('meetings.error.noticeMissing');
    if (to === 'minutes_adjusted' && !m.minutesDocumentId) return fail('meetings.error.minutesMissing');
    return { status: to };
  });
}

/** The meeting an item belongs to, as stored now. */
async function meetingOf(replica: RecordWriter, item: MeetingRecord): Promise<MeetingRecord | null> {
  return (await current(replica, item.meetingId))?.record ?? null;
}

/** The meeting's status allows changing this part of it, else the Swedish reason. */
function editable(meeting: MeetingRecord | null, part: keyof MeetingPartsEditable): { ok: false; message: string } | null {
  if (!meeting || meeting.status === '') return fail('meetings.error.notFound');
  return meetingPartsEditable(meeting.status)[part]
    ? null
    : fail(`meetings.error.locked.${part}`, { status: t(`meetings.status.${meeting.status}`) });
}

/** A change to an item allowed while the meeting's `part` may change. */
function updateItem(
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

/** The adjusters in signing order, and where the minutes are kept (for the posting certificate). */
export function setAdjusters(
  replica: RecordWriter,
  meetingId: string,
  adjusterMemberIds: string[],
  minutesKeptAt: string,
): Promise<MeetingResult> {
  if (new Set(adjusterMemberIds).size !== adjusterMemberIds.length) return Promise.resolve(fail('meetings.error.adjusterTwice'));
  // Adjusters are elected at the meeting (or named in the notice beforehand).
  return update(replica, meetingId, (m) => {
    const parts = m.status === '' ? null : meetingPartsEditable(m.status);
    if (!parts || !(parts.agenda || parts.decisions))
      return fail('meetings.error.locked.decisions', { status: t(`meetings.status.${m.status || 'planned'}`) });
    return { adjusterMemberIds, minutesKeptAt: minutesKeptAt.trim() };
  });
}

/**
 * Who attends, who serves for whom, arrivals and departures: `change` gets the attendance as
 * stored now (quick successive clicks build on each other). Refused with the first problem the
 * shared rule finds (a substitute serving for a present member, two serving for one seat …).
 */
export function setAttendance(
  replica: RecordWriter,
  meetingId: string,
  body: Pick<MeetingRecord, 'members'>,
  change: (current: Attendance[]) => Attendance[],
): Promise<MeetingResult> {
  return update(replica, meetingId, async (m) => {
    const locked = editable(m, 'attendance');
    if (locked) return locked;
    const attendance = change(m.attendance);
    const items = await agendaOf(replica, m.id);
    const problem = attendanceProblemDetails(body, { ...m, attendance }, items)[0];
    if (!problem) return { attendance };
    const name = body.members.find((x) => x.id === problem.memberId)?.name ?? problem.memberId;
    return fail(`meetings.error.attendance.${problem.code}`, { name });
  });
}

/** A meeting's items in agenda order. */
export async function agendaOf(replica: RecordWriter, meetingId: string): Promise<MeetingRecord[]> {
  const docs = await replica.db.meetings.find({ selector: { meetingId } }).exec();
  return orderAgenda(docs.map((d) => viewOf<MeetingRecord>(d)).filter((r) => r.kind === 'item'));
}

// ── Agenda ──────────────────────────────────────────────────────────────────────────────────

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

/** Moves an item between two neighbours on the agenda (either may be missing at an end). */
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

/** The item's decision; refused without a quorum at the item (KL: no decision without one). */
export function setItemDecision(
  replica: RecordWriter,
  itemId: string,
  body: Pick<MeetingRecord, 'members'>,
  decision: string,
): Promise<MeetingResult> {
  return updateItem(replica, itemId, 'decisions', async (item, meeting) => {
    const text = decision.trim();
    if (text) {
      const quorum = quorumAt(body, meeting, await agendaOf(replica, meeting.id), item.id);
      if (!quorum.present) return fail('meetings.error.noQuorum', { serving: quorum.serving, seats: quorum.seats, needed: quorum.needed });
    }
    return { decision: text };
  });
}

/** The votes on an item (each member taking part: yes, no or abstain); refused with the rule's first problem. */
export function setVotes(
  replica: RecordWriter,
  itemId: string,
  body: Pick<MeetingRecord, 'members'>,
  voteRequested: boolean,
  votes: MemberVote[],
): Promise<MeetingResult> {
  return updateItem(replica, itemId, 'decisions', async (item, meeting) => {
    if (!voteRequested) return { voteRequested, votes: [] };
    const items = await agendaOf(replica, meeting.id);
    const result = voteResult(body, meeting, items, item.id, votes);
    const problem = result.problems[0];
    if (problem === 'no_quorum') {
      const q = quorumAt(body, meeting, items, item.id);
      return fail('meetings.error.noQuorum', { serving: q.serving, seats: q.seats, needed: q.needed });
    }
    if (problem) return fail(`meetings.error.vote.${problem}`);
    return { voteRequested, votes };
  });
}

/** Omedelbar justering: the item's decision is adjusted at the meeting, in a minutes part of its own. */
export function setImmediateAdjustment(replica: RecordWriter, itemId: string, immediateAdjustment: boolean): Promise<MeetingResult> {
  return updateItem(replica, itemId, 'decisions', () => ({ immediateAdjustment }));
}

export function setDisqualified(replica: RecordWriter, itemId: string, disqualifiedMemberIds: string[]): Promise<MeetingResult> {
  return updateItem(replica, itemId, 'decisions', () => ({ disqualifiedMemberIds }));
}

export function setReservations(replica: RecordWriter, itemId: string, reservations: Reservation[]): Promise<MeetingResult> {
  return updateItem(replica, itemId, 'decisions', () => ({ reservations }));
}

// ── Documents a meeting produces ────────────────────────────────────────────────────────────

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
