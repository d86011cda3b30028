import { z } from 'zod';
import { Id, IsoTimestamp, Text, recordBase, recordBaseDeclarations } from './common';
import { declareFields } from './sensitivity';

/**
 * Meeting administration (Kommunallagen 2017:725) lives in one collection, `meetings`, since the
 * free RxDB allows 13 open collections and this is the last. Its records are of four kinds, told
 * apart by `kind`; the fields of the other kinds stay empty (`meetingRecordProblems` in
 * rules/meeting-record.ts says which a kind uses, and the server refuses anything else):
 *
 * - `body`: a decision body (fullmäktige, styrelse, nämnd, utskott, beredning) of a register, its
 *   terms of office (mandatperioder) and its members and substitutes.
 * - `meeting`: one meeting (sammanträde) of a body: when, where, status, notice, attendance,
 *   adjusters and minutes.
 * - `item`: one agenda item (ärende på föredragningslistan) of a meeting: a reported case or a
 *   standard item; its proposal, decision, votes, reservations and disqualifications.
 * - `posting`: a notice on the official notice board (anslagstavla): a notice of adjusted minutes,
 *   a meeting announcement or another public notice.
 *
 * Items, meetings and postings are separate records so that two coordinators working offline on the
 * same agenda change different records and merge without conflict.
 */
export const MEETING_RECORD_KINDS = ['body', 'meeting', 'item', 'posting'] as const;
export const MeetingRecordKind = z.enum(MEETING_RECORD_KINDS);
export type MeetingRecordKind = z.infer<typeof MeetingRecordKind>;

/** fullmäktige, styrelse, nämnd, utskott, beredning; '' on records that are not bodies. */
export const BODY_TYPES = ['council', 'executive_board', 'committee', 'sub_committee', 'preparatory'] as const;
export const BodyType = z.enum(['', ...BODY_TYPES]);
export type BodyType = z.infer<typeof BodyType>;

/** ordförande, 1:e vice ordförande, 2:e vice ordförande, ledamot, ersättare. */
export const MEMBER_ROLES = ['chair', 'vice_chair', 'second_vice_chair', 'member', 'substitute'] as const;
export const MemberRole = z.enum(MEMBER_ROLES);
export type MemberRole = z.infer<typeof MemberRole>;

/**
 * planerat → kallelse skickad → genomfört → protokoll justerat → anslaget → avslutat; a meeting
 * not yet held may be cancelled (inställt). '' on records that are not meetings.
 */
export const MEETING_STATUSES = ['planned', 'notice_sent', 'held', 'minutes_adjusted', 'posted', 'closed', 'cancelled'] as const;
export const MeetingStatus = z.enum(MEETING_STATUSES);
export type MeetingStatus = z.infer<typeof MeetingStatus>;

/** Reported cases and the standard items every agenda has; '' on records that are not items. */
export const ITEM_KINDS = [
  'case',
  'opening',
  'adjuster_election',
  'agenda_approval',
  'notifications',
  'delegation_decisions',
  'other',
] as const;
export const ItemKind = z.enum(['', ...ITEM_KINDS]);
export type ItemKind = z.infer<typeof ItemKind>;

/** Tillkännagivande om justerat protokoll, kungörelse om sammanträde, other statutory notices. */
export const POSTING_KINDS = ['minutes_adjusted', 'meeting_announcement', 'public_notice'] as const;
export const PostingKind = z.enum(['', ...POSTING_KINDS]);
export type PostingKind = z.infer<typeof PostingKind>;

export const VOTE_VALUES = ['yes', 'no', 'abstain'] as const;
export const VoteValue = z.enum(VOTE_VALUES);
export type VoteValue = z.infer<typeof VoteValue>;

/** A calendar date (YYYY-MM-DD) or '' when not (yet) set. */
export const OptionalDate = z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, 'expected YYYY-MM-DD or empty');
/** A time of day (HH:MM) or ''. */
export const OptionalTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d)?$/, 'expected HH:MM or empty');

export const MAX_BODY_MEMBERS = 400;
export const MAX_AGENDA_TEXT = 20000;

/** A term of office (mandatperiod) of a body, e.g. 2027-01-01 – 2030-12-31. */
export const BodyTerm = z
  .object({
    id: Id,
    from: OptionalDate,
    to: OptionalDate,
  })
  .strict();
export type BodyTerm = z.infer<typeof BodyTerm>;

/** One assignment of an elected official to a body, from a date to a date. */
export const BodyMember = z
  .object({
    id: Id,
    name: Text(200).min(1),
    /** Political party (parti), as the elected-officials register spells it. */
    party: Text(100),
    role: MemberRole,
    from: OptionalDate,
    /** Last day of the assignment ('' while open-ended). */
    to: OptionalDate,
    /** A substitute's place in the order of service within their party (1 first); 0 for members. */
    substituteOrder: z.number().int().min(0).max(999),
    /** The user account of the official when they have one (the reader, signing); '' otherwise. */
    userId: z.string().max(64),
  })
  .strict();
export type BodyMember = z.infer<typeof BodyMember>;

/** Personal identity numbers of members, kept apart from the list so only administrators receive them. */
export const MemberIdentity = z
  .object({
    memberId: Id,
    identityNumber: z.string().max(13),
  })
  .strict();
export type MemberIdentity = z.infer<typeof MemberIdentity>;

/** A member or substitute at a meeting: present, for whom a substitute serves, arrival and departure. */
export const Attendance = z
  .object({
    memberId: Id,
    present: z.boolean(),
    /** A substitute serving (tjänstgörande ersättare) names the absent member they serve for. */
    servingForMemberId: z.string().max(64),
    /** The first item the member attended when they arrived late; '' from the start. */
    arrivedAtItemId: z.string().max(64),
    /** The first item the member no longer attended when they left early; '' to the end. */
    leftAtItemId: z.string().max(64),
  })
  .strict();
export type Attendance = z.infer<typeof Attendance>;

/** To whom the notice went, and when (server time). */
export const NoticeRecipient = z
  .object({
    memberId: Id,
    sentAt: IsoTimestamp,
  })
  .strict();
export type NoticeRecipient = z.infer<typeof NoticeRecipient>;

export const MemberVote = z
  .object({
    memberId: Id,
    vote: VoteValue,
  })
  .strict();
export type MemberVote = z.infer<typeof MemberVote>;

export const Reservation = z
  .object({
    memberId: Id,
    /** The written reservation, if handed in. */
    text: Text(2000),
  })
  .strict();
export type Reservation = z.infer<typeof Reservation>;

export const MeetingRecord = z.object({
  ...recordBase,
  kind: MeetingRecordKind,
  /** A body's name, a meeting's heading, an item's title, a posting's heading. */
  title: Text(500),
  /** The body of a meeting, item or posting; '' on a body. */
  bodyId: z.string().max(64),
  /** The meeting of an item or a posting; '' otherwise. */
  meetingId: z.string().max(64),
  /** A meeting's own case (notice and minutes are registered there); an item's reported case; else ''. */
  caseId: z.string().max(64),
  /** The item's case number, derived by the server from `caseId`. */
  caseNumber: z.string().max(64),

  // body
  bodyType: BodyType,
  terms: z.array(BodyTerm).max(20),
  members: z.array(BodyMember).max(MAX_BODY_MEMBERS),
  memberIdentities: z.array(MemberIdentity).max(MAX_BODY_MEMBERS),

  // meeting
  status: z.enum(['', ...MEETING_STATUSES]),
  /** The meeting's date; a posting's date of the meeting it is about. */
  date: OptionalDate,
  startTime: OptionalTime,
  place: Text(300),
  remote: z.boolean(),
  noticeRecipients: z.array(NoticeRecipient).max(MAX_BODY_MEMBERS),
  attendance: z.array(Attendance).max(MAX_BODY_MEMBERS),
  /** Who adjusts the minutes with the chair, in signing order (members of the body). */
  adjusterMemberIds: z.array(Id).max(5),
  /** Where the minutes are kept (förvaringsplats), for the posting certificate. */
  minutesKeptAt: Text(300),
  noticeDocumentId: z.string().max(64),
  minutesDocumentId: z.string().max(64),
  /** The day the minutes were adjusted (the last signature); ''. */
  adjustedOn: OptionalDate,
  /**
   * The minutes part of the items adjusted at once at the meeting (omedelbar justering), signed
   * like the minutes; '' while there is none.
   */
  immediateMinutesDocumentId: z.string().max(64),
  /** The day that part was adjusted; ''. */
  immediateAdjustedOn: OptionalDate,

  // item
  itemKind: ItemKind,
  /** Position on the agenda (any number; the agenda sorts by it). */
  ordinal: z.number().min(-1e9).max(1e9),
  /** The § number, fixed by the server when the meeting is held; 0 before. */
  paragraph: z.number().int().min(0).max(99999),
  proposal: Text(MAX_AGENDA_TEXT),
  decision: Text(MAX_AGENDA_TEXT),
  /** Documents of the case attached to the item (listed in the notice). */
  documentIds: z.array(Id).max(200),
  voteRequested: z.boolean(),
  votes: z.array(MemberVote).max(MAX_BODY_MEMBERS),
  reservations: z.array(Reservation).max(MAX_BODY_MEMBERS),
  /** Members disqualified (jäviga) on this item: they neither count for quorum nor vote. */
  disqualifiedMemberIds: z.array(Id).max(MAX_BODY_MEMBERS),
  /** Adjusted immediately at the meeting (omedelbar justering). */
  immediateAdjustment: z.boolean(),
  /** The minutes extract registered in the item's case; ''. */
  extractDocumentId: z.string().max(64),
  /** Who reported the case to the meeting, and when (server-assigned). */
  reportedBy: z.string().max(64),
  reportedAt: IsoTimestamp,

  // posting
  postingKind: PostingKind,
  /** The day the notice went up on the board. */
  postedOn: OptionalDate,
  /** The last day of appeal (three weeks, moved to the next weekday; lag 1930:173). */
  lastAppealDay: OptionalDate,
  /** The first day the notice is no longer on the board. */
  takeDownOn: OptionalDate,
  /** The notice's text as published. */
  text: Text(MAX_AGENDA_TEXT),
  /** Names of the fields the server withheld from the receiving user; a stored record has it empty. */
  withheld: z.array(z.string().max(64)).max(64),
});
export type MeetingRecord = z.infer<typeof MeetingRecord>;

/**
 * Everything about a meeting is public once registered (KL: minutes, votes, attendance), except
 * what an item inherits from a restricted case it reports (its title, proposal, decision and
 * reservations quote the case) and the members' personal identity numbers, which only meeting
 * administrators receive (rules/projection.ts).
 */
export const MEETING_FIELDS = declareFields<MeetingRecord>({
  ...recordBaseDeclarations,
  kind: 'metadata',
  title: 'content',
  bodyId: 'metadata',
  meetingId: 'metadata',
  caseId: 'metadata',
  caseNumber: 'metadata',
  bodyType: 'metadata',
  terms: 'metadata',
  members: 'metadata',
  memberIdentities: 'identity',
  status: 'metadata',
  date: 'metadata',
  startTime: 'metadata',
  place: 'metadata',
  remote: 'metadata',
  noticeRecipients: 'metadata',
  attendance: 'metadata',
  adjusterMemberIds: 'metadata',
  minutesKeptAt: 'metadata',
  noticeDocumentId: 'metadata',
  minutesDocumentId: 'metadata',
  adjustedOn: 'metadata',
  immediateMinutesDocumentId: 'metadata',
  immediateAdjustedOn: 'metadata',
  itemKind: 'metadata',
  ordinal: 'metadata',
  paragraph: 'metadata',
  proposal: 'content',
  decision: 'content',
  documentIds: 'metadata',
  voteRequested: 'metadata',
  votes: 'metadata',
  reservations: 'content',
  disqualifiedMemberIds: 'metadata',
  immediateAdjustment: 'metadata',
  extractDocumentId: 'metadata',
  reportedBy: 'metadata',
  reportedAt: 'metadata',
  postingKind: 'metadata',
  postedOn: 'metadata',
  lastAppealDay: 'metadata',
  takeDownOn: 'metadata',
  text: 'content',
  withheld: 'derived',
});

/** A record of the given kind with every other kind's field empty: the one place defaults live. */
export function emptyMeetingRecord(kind: MeetingRecordKind, base: { id: string; registerId: string }): MeetingRecord {
  return {
    id: base.id,
    registerId: base.registerId,
    syncVersion: 0,
    updatedAt: '',
    kind,
    title: '',
    bodyId: '',
    meetingId: '',
    caseId: '',
    caseNumber: '',
    bodyType: '',
    terms: [],
    members: [],
    memberIdentities: [],
    status: kind === 'meeting' ? 'planned' : '',
    date: '',
    startTime: '',
    place: '',
    remote: false,
    noticeRecipients: [],
    attendance: [],
    adjusterMemberIds: [],
    minutesKeptAt: '',
    noticeDocumentId: '',
    minutesDocumentId: '',
    adjustedOn: '',
    immediateMinutesDocumentId: '',
    immediateAdjustedOn: '',
    itemKind: '',
    ordinal: 0,
    paragraph: 0,
    proposal: '',
    decision: '',
    documentIds: [],
    voteRequested: false,
    votes: [],
    reservations: [],
    disqualifiedMemberIds: [],
    immediateAdjustment: false,
    extractDocumentId: '',
    reportedBy: '',
    reportedAt: '',
    postingKind: '',
    postedOn: '',
    lastAppealDay: '',
    takeDownOn: '',
    text: '',
    withheld: [],
  };
}
