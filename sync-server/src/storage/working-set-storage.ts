import type { PackageBody, PackageItem, PackageMeeting, WindowCase, WindowDocument } from '../../../shared/src';

/** A pin ("Tillgänglig offline") or an on-demand open of a case or document. */
export interface WindowPin {
  collection: 'cases' | 'documents';
  id: string;
  kind: 'pin' | 'opened';
  /** When it was pinned or last opened (ms). */
  at: number;
}

/** How far a user's window was evaluated: the global change sequence, the start and settings version used, the log's head. */
export interface WindowState {
  evaluatedSeq: number;
  start: string;
  version: number;
  head: number;
  /** The user's registers, sorted and comma-joined: a new register needs a full evaluation. */
  registers: string;
}

/** One change of a user's window: a unit (case id, or free-standing document id) added or removed. */
export interface WindowEvent {
  wseq: number;
  unit: string;
  added: boolean;
}

/** A place in the first download's walk: after this (`newestKey`, id). */
export interface WalkPosition {
  key: string;
  id: string;
}

/** A unit of the first download's walk: its id and its place (`newestKey`, or the head record's sequence number). */
export interface TierUnit {
  unit: string;
  key: string;
}

/** The fields of a case the window rule reads, and whether it is deleted. */
export type WindowCaseRow = WindowCase & { deleted: boolean };
export type WindowDocumentRow = WindowDocument & { deleted: boolean };

export interface MeetingPackages {
  meetings: PackageMeeting[];
  bodies: PackageBody[];
  items: PackageItem[];
}

/** An actor-register entry by the user: what they touched, and when. */
export interface TouchRow {
  recordCollection: string;
  recordId: string;
  caseId: string;
  at: string;
}

/**
 * The per-user working-set tables (migration 012). Writes are serialised with the record
 * transactions; reads see committed state.
 */
export interface WorkingSetStorage {
  settings(userId: string): Promise<{ months: number; version: number } | null>;
  /** Stores the setting (first time: the row) and bumps the version; returns the new version. */
  putMonths(userId: string, months: number, defaultMonths: number): Promise<number>;
  pins(userId: string): Promise<WindowPin[]>;
  /** Adds or renews a pin or an open (an open never turns a pin into an open); bumps the version. */
  putPin(userId: string, pin: WindowPin, defaultMonths: number): Promise<void>;
  /**
   * Removes on-demand opens made before `before` (ms), of every user. No version bump: an expired
   * open already holds nothing in the window. Returns how many went.
   */
  pruneOpened(before: number): Promise<number>;
  /** Removes a pin or open; bumps the version. False when there was none. */
  deletePin(userId: string, id: string, defaultMonths: number): Promise<boolean>;
  state(userId: string): Promise<WindowState | null>;
  /** Which of these units are in the user's window. */
  membersOf(userId: string, units: readonly string[]): Promise<Set<string>>;
  members(userId: string): Promise<string[]>;
  /**
   * Records one evaluation atomically: the units added and removed go into the members and, in
   * that order, the log; the state moves to `next` (its head is computed here). Returns it.
   */
  applyEvaluation(
    userId: string,
    added: readonly string[],
    removed: readonly string[],
    next: Omit<WindowState, 'head'>,
  ): Promise<WindowState>;
  /** Log events in (after, upTo], at most `limit`, in order. */
  windowEvents(userId: string, after: number, upTo: number, limit: number): Promise<WindowEvent[]>;
  /** The user's actor-register entries at or after `fromIso` (an ISO prefix), in these registers. */
  touchedSince(userId: string, fromIso: string, registerIds: readonly string[]): Promise<TouchRow[]>;
  /** The user's actor-register entries stored after `afterSeq`, in these registers (new touches). */
  touchesAfterSeq(userId: string, afterSeq: number, registerIds: readonly string[]): Promise<TouchRow[]>;
  /**
   * How many cases, documents or files stored after `afterSeq` in these registers belong to the
   * user's window units after `afterUnit`, the first `limit` of them in unit order (`next`: the last
   * one counted, null once the members are done): what a windowed pull may still send. Read from
   * the members through the indexes of each record's unit, so a count costs the window, not the register.
   */
  countInWindowPage(
    userId: string,
    collection: 'cases' | 'documents' | 'files',
    afterSeq: number,
    registerIds: readonly string[],
    afterUnit: string,
    limit: number,
  ): Promise<{ n: number; next: string | null }>;
  /**
   * The first download's walk (rules/first-download.ts), over the user's window units whose head
   * record (the case, or the free-standing document) is not deleted and was stored at or before
   * `headSeq`, at most `limit` after the position given, in order:
   * - own open work: open cases and free-standing documents the user is responsible for, by (newestKey, id);
   * - the list: every unit but own open work (or with it: `withOwn`), by (newestKey, id).
   * `upTo` (a place in the order, `withinBound`) ends the walk there, at it included (the first
   * screen's bounds); null walks to the end.
   */
  ownOpenUnits(userId: string, headSeq: number, after: WalkPosition, limit: number, upTo?: WalkPosition | null): Promise<TierUnit[]>;
  listUnits(
    userId: string,
    headSeq: number,
    after: WalkPosition,
    limit: number,
    opts?: { upTo?: WalkPosition | null; withOwn?: boolean },
  ): Promise<TierUnit[]>;
  /**
   * The place of the last of the user's `n` newest list rows (window units as the walk takes them;
   * all of them when fewer), null when none: the bound of the first screen's list part.
   */
  newestListBound(userId: string, headSeq: number, n: number): Promise<WalkPosition | null>;
  /**
   * The walks above before the user's window is first evaluated (a fresh user's first screen and
   * own open work): the units of these registers instead of the window's members, at most `limit`
   * after the position (the list's with own open work); which are in the window the rule says
   * (`WindowEvaluator.screenMembers`).
   */
  ownOpenCandidates(
    userId: string,
    registerIds: readonly string[],
    headSeq: number,
    after: WalkPosition,
    limit: number,
    upTo?: WalkPosition | null,
  ): Promise<TierUnit[]>;
  listCandidates(userId: string, registerIds: readonly string[], headSeq: number, after: WalkPosition, limit: number): Promise<TierUnit[]>;
  /**
   * Makes these units members without a log entry or a state: a fresh user's first screen sent
   * them before the first evaluation, which then takes them as members (and logs those it removes).
   */
  seedMembers(userId: string, units: readonly string[]): Promise<void>;
  /** Units the user's log removed at or before `upTo` that are not members now. */
  removedUnits(userId: string, upTo: number): Promise<string[]>;
  /**
   * What the meeting-package rule reads (rules/working-set-meetings.ts): the live meetings of these
   * registers dated `from` or later (migration 021), their bodies and their agenda items.
   */
  meetingPackages(registerIds: readonly string[], from: string): Promise<MeetingPackages>;
  /** Window units whose head record was stored after `max(headSeq, afterSeq)`, by that sequence number (`key`). */
  changedUnits(userId: string, headSeq: number, afterSeq: number, limit: number): Promise<TierUnit[]>;
  /** The highest sequence number handed out so far. */
  headSeq(): Promise<number>;
  /** The cases (documents) of these registers changed after `afterSeq`, with the fields the rule reads. */
  windowCases(registerIds: readonly string[], afterSeq: number): Promise<WindowCaseRow[]>;
  windowDocuments(registerIds: readonly string[], afterSeq: number): Promise<WindowDocumentRow[]>;
  /**
   * Every case (document) of these registers in key order, `limit` after `afterId`: a full
   * evaluation reads them a page at a time and lets other work run between pages.
   */
  windowCasesPage(registerIds: readonly string[], afterId: string, limit: number): Promise<WindowCaseRow[]>;
  windowDocumentsPage(registerIds: readonly string[], afterId: string, limit: number): Promise<WindowDocumentRow[]>;
  /** The cases with these ids and the documents of these units (a case's, or the free-standing document itself). */
  casesById(ids: readonly string[]): Promise<WindowCaseRow[]>;
  documentsOfUnits(units: readonly string[]): Promise<WindowDocumentRow[]>;
}
