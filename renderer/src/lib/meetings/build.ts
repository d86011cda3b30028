import { documentTypeAllows, type ClassNode, type DocumentType } from '../../../../shared/src';
import { emptyMeetingRecord, type BodyTerm, type BodyType, type ItemKind, type MeetingRecord } from '../../../../shared/src/model/meeting';
import { ordinalBetween } from '../../../../shared/src/rules/meetings';

/**
 * Building new meeting records (model/meeting.ts) on this client. Server-owned values (case
 * number, § numbers, who reported and when) stay empty; the server fills them on push.
 */

export interface NewBodyInput {
  registerId: string;
  title: string;
  bodyType: BodyType;
  terms: BodyTerm[];
}

export function buildBody(input: NewBodyInput, id: string): MeetingRecord {
  return {
    ...emptyMeetingRecord('body', { id, registerId: input.registerId }),
    title: input.title.trim(),
    bodyType: input.bodyType,
    terms: input.terms,
  };
}

export interface NewMeetingInput {
  body: Pick<MeetingRecord, 'id' | 'registerId' | 'title'>;
  /** The meeting's own case (notice and minutes are registered there). */
  caseId: string;
  date: string;
  startTime: string;
  place: string;
  remote: boolean;
}

export function buildMeeting(input: NewMeetingInput, id: string): MeetingRecord {
  return {
    ...emptyMeetingRecord('meeting', { id, registerId: input.body.registerId }),
    title: meetingTitle(input.body.title, input.date),
    bodyId: input.body.id,
    caseId: input.caseId,
    date: input.date,
    startTime: input.startTime,
    place: input.remote ? '' : input.place.trim(),
    remote: input.remote,
  };
}

/** "Kommunstyrelsen 2026-12-14": what the meetings list and the notice call a meeting. */
export function meetingTitle(bodyTitle: string, date: string): string {
  return `${bodyTitle} ${date}`;
}

/**
 * The standard items every agenda opens with, in this order (kommunal praxis): opening, election of
 * adjusters, approval of the agenda; notifications and delegation decisions close it. Reported cases
 * go between them (`nextCaseOrdinal`).
 */
export const STANDARD_ITEMS: readonly { kind: Exclude<ItemKind, '' | 'case' | 'other'>; ordinal: number }[] = [
  { kind: 'opening', ordinal: 10 },
  { kind: 'adjuster_election', ordinal: 20 },
  { kind: 'agenda_approval', ordinal: 30 },
  { kind: 'notifications', ordinal: 9000 },
  { kind: 'delegation_decisions', ordinal: 9010 },
];

export function buildStandardItem(
  meeting: Pick<MeetingRecord, 'id' | 'registerId' | 'bodyId'>,
  kind: (typeof STANDARD_ITEMS)[number]['kind'],
  title: string,
  ordinal: number,
  id: string,
): MeetingRecord {
  return {
    ...emptyMeetingRecord('item', { id, registerId: meeting.registerId }),
    title,
    bodyId: meeting.bodyId,
    meetingId: meeting.id,
    itemKind: kind,
    ordinal,
  };
}

export interface ReportCaseInput {
  meeting: Pick<MeetingRecord, 'id' | 'registerId' | 'bodyId'>;
  caseId: string;
  /** The case's title (ärendemening) as the item's title. */
  title: string;
  proposal: string;
  documentIds: string[];
  ordinal: number;
}

export function buildCaseItem(input: ReportCaseInput, id: string): MeetingRecord {
  return {
    ...emptyMeetingRecord('item', { id, registerId: input.meeting.registerId }),
    title: input.title,
    bodyId: input.meeting.bodyId,
    meetingId: input.meeting.id,
    caseId: input.caseId,
    itemKind: 'case',
    ordinal: input.ordinal,
    proposal: input.proposal.trim(),
    documentIds: input.documentIds,
  };
}

/** Items that close the agenda: reported cases go before them. */
const CLOSING: readonly ItemKind[] = ['notifications', 'delegation_decisions'];

/** The ordinal for a newly reported case: after the last item before the closing items. */
export function nextCaseOrdinal(items: readonly Pick<MeetingRecord, 'itemKind' | 'ordinal'>[]): number {
  const closing = items.filter((i) => CLOSING.includes(i.itemKind)).map((i) => i.ordinal);
  const next = closing.length ? Math.min(...closing) : undefined;
  const before = items.filter((i) => next === undefined || i.ordinal < next).map((i) => i.ordinal);
  return ordinalBetween(before.length ? Math.max(...before) : undefined, next);
}

/**
 * A meeting's notice and minutes are registered in one case per body and calendar year, which
 * is what a committee secretary keeps ("Sammanträden Kommunstyrelsen 2026"): found by its title
 * in the register, or registered in the process for meeting administration.
 */
export function meetingCaseTitle(bodyTitle: string, year: string): string {
  return `Sammanträden ${bodyTitle} ${year}`;
}

const MEETING_PROCESS_TITLE = /sammanträdesadministration/i;
/** KLASSA 1.1.1 "Styra verksamheten", where the demo plan keeps meeting administration below. */
const MEETING_PROCESS_GROUP = '1.1';

/** The process meeting cases are registered in, or undefined when the plan has none. */
export function meetingProcess(classes: readonly ClassNode[], registerId: string): ClassNode | undefined {
  const open = classes.filter((c) => c.registerId === registerId && c.selectable);
  return open.find((c) => MEETING_PROCESS_TITLE.test(c.title)) ?? open.find((c) => c.code.startsWith(`${MEETING_PROCESS_GROUP}.`));
}

/** The document types of what a meeting produces, by the names the demo register uses, then by likeness. */
const DOCTYPE_NAMES = {
  notice: [/^kallelse med föredragningslista$/i, /kallelse/i],
  minutes: [/^protokoll$/i, /^protokoll(?! mbl)/i],
  extract: [/^protokollsutdrag$/i, /utdrag/i],
} as const;

export type MeetingDocumentKind = keyof typeof DOCTYPE_NAMES;

export function meetingDocumentType(
  doctypes: readonly DocumentType[],
  kind: MeetingDocumentKind,
  registerId: string,
  classCode: string,
): DocumentType | undefined {
  const allowed = doctypes.filter((t) => t.registerId === registerId && documentTypeAllows(t, classCode));
  for (const pattern of DOCTYPE_NAMES[kind]) {
    const found = allowed.find((t) => pattern.test(t.name));
    if (found) return found;
  }
  return undefined;
}
