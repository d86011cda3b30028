/**
 * The view models of the notice, the minutes and the extracts: everything the PDFs print,
 * decided here from the records (numbering, names, what is withheld), so the layouts only draw.
 */
import type { BodyMember, MeetingRecord, VoteValue } from '../model/meeting';
import { caseWithheld, documentWithheld, withheldGround } from './restricted';
import { MeetingPdfError, type CaseForPdf, type DocumentForPdf, type MeetingPdfSource } from './sources';
import { longSwedishDate, placeText, RESTRICTED_ITEM, restrictedDocumentText, ROLE_LABELS, STANDARD_ITEM_TITLES } from './swedish';

/** The heading every meeting document starts with. */
export interface MeetingHeading {
  authorityName: string;
  bodyName: string;
  /** YYYY-MM-DD. */
  date: string;
  /** `tisdag 15 december 2026`. */
  dateText: string;
  /** HH:MM or ''. */
  startTime: string;
  /** The place, `… och på distans`, or `På distans`. */
  place: string;
  /** The chair's name ('' when the body has none on the date). */
  chair: string;
  /** When the PDF is made (metadata and the creation date). */
  generatedAt: Date;
}

/** One document attached to an item, as the notice lists it. */
export interface ListedDocument {
  /** The document number (`KS 2026-00042-3`), or '' while provisional. */
  number: string;
  /** Its title, or `Handling omfattas av sekretess (<grund>)` when withheld. */
  title: string;
  /** Its date (received, dispatched or created), YYYY-MM-DD or ''. */
  date: string;
  withheld: boolean;
}

/** One item of the agenda. */
export interface AgendaEntry {
  itemId: string;
  /** `§ 12` when the § is fixed, else the running number (`3`). */
  number: string;
  /** The reported case's number; '' for standard items. */
  caseNumber: string;
  /** The title, or `Sekretessbelagt ärende` when the case is withheld. */
  title: string;
  /** The proposal for decision ('' when withheld). */
  proposal: string;
  /** The attached documents (none when the case is withheld). */
  documents: ListedDocument[];
  /** The reported case is restricted: only its number is shown. */
  withheld: boolean;
}

/** The notice (kallelse) with its agenda (föredragningslista). */
export interface NoticeModel extends MeetingHeading {
  /** The notice text from the meeting's Yjs room (plain text; line breaks kept). */
  noticeText: string;
  items: AgendaEntry[];
  /**
   * Why this notice differs from the one sent: made again after a disposal removed what it
   * quoted of disposed cases and documents (absent on a notice as sent).
   */
  replacedNote?: string;
}

/** A person in the attendance lists. */
export interface AttendanceLine {
  name: string;
  party: string;
  /** `ordförande`, `ledamot`, `ersättare` … */
  role: string;
  /** For a serving substitute: the member they serve for; else ''. */
  servingFor: string;
  /** Arrival or departure during the meeting (`från § 5`, `till och med § 7`); ''. */
  note: string;
}

export interface VoteLine {
  name: string;
  party: string;
  vote: VoteValue;
}

/** A vote on an item (votering). */
export interface VoteSummary {
  lines: VoteLine[];
  yes: number;
  no: number;
  abstain: number;
  /** Which side won. */
  outcome: 'yes' | 'no';
  /** The chair's casting vote decided a tie. */
  casting: boolean;
}

/** One § of the minutes. */
export interface MinutesParagraph {
  itemId: string;
  /** `§ 12` (or the running number while the § is not fixed). */
  number: string;
  caseNumber: string;
  title: string;
  /** The decision ('' when withheld). */
  decision: string;
  withheld: boolean;
  /** Adjusted immediately at the meeting (its own part of the minutes). */
  immediate: boolean;
  vote: VoteSummary | null;
  /** `Namn (Parti)` and the written reservation, if any ('' when withheld). */
  reservations: { name: string; text: string }[];
  /** `Namn (Parti)` of the members disqualified (jäv) on this item. */
  disqualified: string[];
}

/** The posting certificate (anslagsbevis). Dates are YYYY-MM-DD or '' when not yet known. */
export interface PostingCertificate {
  adjustedOn: string;
  postedOn: string;
  takeDownOn: string;
  keptAt: string;
}

/** The minutes (protokoll). */
export interface MinutesModel extends MeetingHeading {
  present: AttendanceLine[];
  servingSubstitutes: AttendanceLine[];
  absent: AttendanceLine[];
  /** Present substitutes who do not serve. */
  othersPresent: AttendanceLine[];
  /** `Namn (Parti)` of the adjusters, in signing order. */
  adjusters: string[];
  paragraphs: MinutesParagraph[];
  posting: PostingCertificate;
}

/** The vote result as rules/meetings computes it; passed in so the minutes use the same rule as the UI. */
export interface VoteOutcome {
  yes: number;
  no: number;
  abstain: number;
  outcome: 'yes' | 'no';
  casting: boolean;
}

function expectKind(record: MeetingRecord, kind: MeetingRecord['kind'], what: string): void {
  if (record.kind !== kind) throw new MeetingPdfError('wrong-kind', `${what} must be a ${kind} record, got ${record.kind}`);
}

/** Items in agenda order: by ordinal, then id (as rules/meetings orders them). */
function ordered(items: readonly MeetingRecord[], meetingId: string): MeetingRecord[] {
  for (const item of items) {
    expectKind(item, 'item', `item ${item.id}`);
    if (item.meetingId !== meetingId) throw new MeetingPdfError('wrong-kind', `item ${item.id} belongs to another meeting`);
  }
  return [...items].sort((a, b) => a.ordinal - b.ordinal || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function activeOn(m: BodyMember, date: string): boolean {
  return (!m.from || !date || m.from <= date) && (!m.to || !date || m.to >= date);
}

function heading(source: MeetingPdfSource): MeetingHeading {
  expectKind(source.body, 'body', 'body');
  expectKind(source.meeting, 'meeting', 'meeting');
  const { meeting, body } = source;
  const chair = body.members.find((m) => m.role === 'chair' && activeOn(m, meeting.date));
  return {
    authorityName: source.authorityName,
    bodyName: body.title,
    date: meeting.date,
    dateText: longSwedishDate(meeting.date),
    startTime: meeting.startTime,
    place: placeText(meeting.place, meeting.remote),
    chair: chair?.name ?? '',
    generatedAt: source.generatedAt,
  };
}

class Lookup {
  private readonly cases: Map<string, CaseForPdf>;
  private readonly documents: Map<string, DocumentForPdf>;
  constructor(source: MeetingPdfSource) {
    this.cases = new Map(source.cases.map((c) => [c.id, c]));
    this.documents = new Map(source.documents.map((d) => [d.id, d]));
  }
  caseOf(item: MeetingRecord): CaseForPdf | null {
    if (!item.caseId) return null;
    const c = this.cases.get(item.caseId);
    if (!c) throw new MeetingPdfError('unknown-case', `the case ${item.caseId} of item ${item.id} is not in the records given`);
    return c;
  }
  document(id: string): DocumentForPdf {
    const d = this.documents.get(id);
    if (!d) throw new MeetingPdfError('unknown-document', `the document ${id} is not in the records given`);
    return d;
  }
  /** A document's own case; one not given is an error, so a restricted case cannot go unnoticed. */
  caseOfDocument(d: DocumentForPdf): CaseForPdf | null {
    if (!d.caseId) return null;
    const c = this.cases.get(d.caseId);
    if (!c) throw new MeetingPdfError('unknown-case', `the case ${d.caseId} of document ${d.id} is not in the records given`);
    return c;
  }
}

function itemNumber(item: MeetingRecord, position: number): string {
  return item.paragraph > 0 ? `§ ${item.paragraph}` : String(position + 1);
}

function itemTitle(item: MeetingRecord, c: CaseForPdf | null): string {
  if (item.title) return item.title;
  if (c) return c.title;
  return item.itemKind ? STANDARD_ITEM_TITLES[item.itemKind] : '';
}

function documentDate(d: DocumentForPdf): string {
  const byDirection = d.direction === 'incoming' ? d.receivedDate : d.direction === 'outgoing' ? d.dispatchedDate : d.createdDate;
  return byDirection || d.registeredDate;
}

function listed(d: DocumentForPdf, parentCase: CaseForPdf | null): ListedDocument {
  const withheld = documentWithheld(d, parentCase);
  return {
    number: d.documentNumber,
    title: withheld ? restrictedDocumentText(withheldGround(d, parentCase)) : d.title,
    date: documentDate(d),
    withheld,
  };
}

/** The notice's model. `noticeText` is the meeting room's text (plain). */
export function noticeModel(source: MeetingPdfSource, noticeText: string): NoticeModel {
  const lookup = new Lookup(source);
  const items = ordered(source.items, source.meeting.id).map((item, i): AgendaEntry => {
    const c = lookup.caseOf(item);
    const number = itemNumber(item, i);
    if (c && caseWithheld(c))
      return { itemId: item.id, number, caseNumber: c.caseNumber, title: RESTRICTED_ITEM, proposal: '', documents: [], withheld: true };
    return {
      itemId: item.id,
      number,
      caseNumber: c?.caseNumber ?? item.caseNumber,
      title: itemTitle(item, c),
      proposal: item.proposal,
      documents: item.documentIds.map((id) => {
        const d = lookup.document(id);
        return listed(d, lookup.caseOfDocument(d));
      }),
      withheld: false,
    };
  });
  return { ...heading(source), noticeText, items };
}

function nameOf(m: BodyMember | undefined, fallbackId: string): string {
  if (!m) return fallbackId;
  return m.party ? `${m.name} (${m.party})` : m.name;
}

/** Tally and outcome when the caller passes no result of its own: majority; a tie goes the chair's way. */
function simpleOutcome(lines: VoteLine[], chairVote: VoteValue | undefined): VoteOutcome {
  const count = (v: VoteValue) => lines.filter((l) => l.vote === v).length;
  const yes = count('yes');
  const no = count('no');
  if (yes !== no) return { yes, no, abstain: count('abstain'), outcome: yes > no ? 'yes' : 'no', casting: false };
  const casting = chairVote === 'yes' || chairVote === 'no';
  return { yes, no, abstain: count('abstain'), outcome: chairVote === 'no' ? 'no' : 'yes', casting };
}

export interface MinutesOptions {
  /**
   * The posting (anslag) of the adjusted minutes when it exists: its dates fill the posting
   * certificate. An immediately adjusted part has its own posting; make its model with that one.
   */
  posting?: MeetingRecord | null;
  /**
   * Vote results per item id, from rules/meetings' voteResult (who holds the casting vote, who
   * serves); items not in it are tallied here by simple majority with the chair's casting vote.
   */
  voteResults?: ReadonlyMap<string, VoteOutcome>;
}

/** The minutes' model: attendance, adjusters, every § (both parts), posting certificate. */
export function minutesModel(source: MeetingPdfSource, options: MinutesOptions = {}): MinutesModel {
  const head = heading(source);
  const lookup = new Lookup(source);
  const { meeting, body } = source;
  const members = new Map(body.members.map((m) => [m.id, m]));
  const items = ordered(source.items, meeting.id);
  const numbers = new Map(items.map((item, i) => [item.id, itemNumber(item, i)]));
  const attendanceOf = new Map(meeting.attendance.map((a) => [a.memberId, a]));

  const line = (m: BodyMember): AttendanceLine => {
    const a = attendanceOf.get(m.id);
    const notes: string[] = [];
    if (a?.arrivedAtItemId) notes.push(`från ${numbers.get(a.arrivedAtItemId) ?? ''}`.trim());
    if (a?.leftAtItemId) notes.push(`lämnade före ${numbers.get(a.leftAtItemId) ?? ''}`.trim());
    const servingFor = a?.servingForMemberId ? nameOf(members.get(a.servingForMemberId), a.servingForMemberId) : '';
    return { name: m.name, party: m.party, role: ROLE_LABELS[m.role], servingFor, note: notes.join(', ') };
  };
  const active = body.members.filter((m) => activeOn(m, meeting.date) || attendanceOf.has(m.id));
  const ordinary = active.filter((m) => m.role !== 'substitute');
  const substitutes = active.filter((m) => m.role === 'substitute' && attendanceOf.get(m.id)?.present);
  const chair = body.members.find((m) => m.role === 'chair' && activeOn(m, meeting.date));

  const paragraphs = items.map((item): MinutesParagraph => {
    const c = lookup.caseOf(item);
    const withheld = c != null && caseWithheld(c);
    const voteLines = item.votes.map((v): VoteLine => {
      const m = members.get(v.memberId);
      return { name: m?.name ?? v.memberId, party: m?.party ?? '', vote: v.vote };
    });
    const chairVote = chair ? item.votes.find((v) => v.memberId === chair.id)?.vote : undefined;
    const result = options.voteResults?.get(item.id) ?? simpleOutcome(voteLines, chairVote);
    return {
      itemId: item.id,
      number: numbers.get(item.id)!,
      caseNumber: c?.caseNumber ?? item.caseNumber,
      title: withheld ? RESTRICTED_ITEM : itemTitle(item, c),
      decision: withheld ? '' : item.decision,
      withheld,
      immediate: item.immediateAdjustment,
      vote: item.votes.length > 0 ? { lines: voteLines, ...result } : null,
      reservations: item.reservations.map((r) => ({ name: nameOf(members.get(r.memberId), r.memberId), text: withheld ? '' : r.text })),
      disqualified: item.disqualifiedMemberIds.map((id) => nameOf(members.get(id), id)),
    };
  });

  const posting = options.posting ?? null;
  if (posting) expectKind(posting, 'posting', 'posting');
  return {
    ...head,
    present: ordinary.filter((m) => attendanceOf.get(m.id)?.present).map(line),
    servingSubstitutes: substitutes.filter((m) => attendanceOf.get(m.id)!.servingForMemberId).map(line),
    absent: ordinary.filter((m) => !attendanceOf.get(m.id)?.present).map(line),
    othersPresent: substitutes.filter((m) => !attendanceOf.get(m.id)!.servingForMemberId).map(line),
    adjusters: meeting.adjusterMemberIds.map((id) => nameOf(members.get(id), id)),
    paragraphs,
    posting: {
      adjustedOn: meeting.adjustedOn,
      postedOn: posting?.postedOn ?? '',
      takeDownOn: posting?.takeDownOn ?? '',
      keptAt: meeting.minutesKeptAt,
    },
  };
}
