import type { Case, CaseStatus } from '../model/case';
import type { Document, DocumentStatus } from '../model/document';
import type { SystemRole } from '../model/role';
import { addMonths, swedishDate } from './dates';

/**
 * The working set (issue 15): which cases and documents a user's replica holds. Everything
 * else stays on the server and is found by search. The server decides it per user; the client
 * uses the same rule to decide what to purge. Dates are Swedish calendar dates (YYYY-MM-DD).
 */

/** The window setting, in months back from today. */
export const WINDOW_MONTHS = { min: 1, max: 120, default: 12 } as const;

export type WindowMonthsResult = { ok: true; months: number } | { ok: false; error: 'not_a_number' | 'out_of_range' };

/** A setting as typed or stored: a whole number of months (a numeric string is accepted). */
export function parseWindowMonths(value: unknown): WindowMonthsResult {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n)) return { ok: false, error: 'not_a_number' };
  if (n < WINDOW_MONTHS.min || n > WINDOW_MONTHS.max) return { ok: false, error: 'out_of_range' };
  return { ok: true, months: n };
}

/** The first day inside the window: `months` calendar months before today, month ends clamped. */
export function windowStart(today: string, months: number): string {
  return addMonths(today, -months);
}

/** Statuses in which a case is still being worked on. */
export const OPEN_CASE_STATUSES: ReadonlySet<CaseStatus> = new Set(['registered_unchecked', 'registered']);
/**
 * A free-standing document is open work until it is registered; its registration is its closing
 * (it then stays while registered within the window, like the newest part of the list).
 */
export const OPEN_DOCUMENT_STATUSES: ReadonlySet<DocumentStatus> = new Set(['draft', 'registered_unchecked']);

export function isOpenCase(c: Pick<Case, 'status'>): boolean {
  return OPEN_CASE_STATUSES.has(c.status);
}

export interface WindowUser {
  id: string;
}

/** The record fields the rule reads. */
export type WindowCase = Pick<Case, 'id' | 'status' | 'responsibleUserId' | 'createdBy' | 'createdAt' | 'updatedAt' | 'newestKey'>;
export type WindowDocument = Pick<
  Document,
  'id' | 'caseId' | 'status' | 'responsibleUserId' | 'createdBy' | 'createdAt' | 'updatedAt' | 'registeredDate' | 'newestKey'
>;

/** A case, or a document with its case (`null` when free-standing or when the case is unknown). */
export type WindowSubject =
  { kind: 'case'; record: WindowCase } | { kind: 'document'; record: WindowDocument; parentCase: WindowCase | null };

export interface WindowContext {
  /** Today's Swedish date. */
  today: string;
  /** A parsed setting (see `parseWindowMonths`). */
  months: number;
  /** Whether the user may read the record now: what they may not read is never in the window, pinned or not. */
  mayRead: (record: WindowCase | WindowDocument) => boolean;
  /** "Tillgänglig offline": ids the user pinned (cases or documents). */
  pins: ReadonlySet<string>;
  /**
   * Records the user changed on or after the window start. No record field names who changed it
   * last (only `createdBy`), so the server derives this from the actor register; the client
   * passes what it last received.
   */
  touchedIds: ReadonlySet<string>;
  /** Records with local changes not yet accepted by the server (client only; empty on the server). */
  pendingIds: ReadonlySet<string>;
  /** Documents named in the package of a coming meeting the user takes part in. */
  meetingDocumentIds: ReadonlySet<string>;
  /** Cases held because one of their documents is in the window for its own sake (`casesHeldByDocuments`). */
  heldCaseIds: ReadonlySet<string>;
}

/** Why a record is in the window; the first that applies, in this order. */
export type WindowReason =
  'pending' | 'open' | 'responsible' | 'touched' | 'pinned' | 'meeting' | 'registered_in_window' | 'holds_document' | 'follows_case';

const HOUR_MS = 60 * 60 * 1000;

/** The instant (ms) the Swedish calendar day `day` (YYYY-MM-DD) begins: 22:00 or 23:00 UTC the day before. */
export function swedishDayStartMs(day: string): number {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  for (const hours of [-2, -1, 0]) {
    const ms = midnightUtc + hours * HOUR_MS;
    if (swedishDate(ms) >= day) return ms;
  }
  return midnightUtc;
}

/** Each window start's first instant, computed once (a few starts a day). */
const startInstants = new Map<string, number>();

/**
 * Whether a server timestamp falls on `start` or a later Swedish day; false when it is not one (a
 * provisional record). Compared as instants: formatting each timestamp's Swedish date was about a
 * tenth of a whole register's evaluation.
 */
function within(timestamp: string, start: string): boolean {
  let from = startInstants.get(start);
  if (from === undefined) {
    if (startInstants.size > 64) startInstants.clear();
    from = swedishDayStartMs(start);
    startInstants.set(start, from);
  }
  return Date.parse(timestamp) >= from;
}

/** Reasons any record (case or document) has on its own, before its status and case are asked. */
function ownReason(user: WindowUser, r: WindowCase | WindowDocument, ctx: WindowContext, start: string): WindowReason | null {
  if (r.responsibleUserId === user.id && within(r.updatedAt, start)) return 'responsible';
  if (ctx.touchedIds.has(r.id) || (r.createdBy === user.id && within(r.createdAt, start))) return 'touched';
  if (ctx.pins.has(r.id)) return 'pinned';
  return null;
}

function caseReason(user: WindowUser, c: WindowCase, ctx: WindowContext, start: string): WindowReason | null {
  if (!ctx.mayRead(c)) return null;
  if (ctx.pendingIds.has(c.id)) return 'pending';
  if (isOpenCase(c)) return 'open';
  return ownReason(user, c, ctx, start) ?? (ctx.heldCaseIds.has(c.id) ? 'holds_document' : null);
}

/** A document's reasons that hold its case too (the replica never holds a document without its case). */
function documentOwnReason(user: WindowUser, d: WindowDocument, ctx: WindowContext, start: string): WindowReason | null {
  if (ctx.pendingIds.has(d.id)) return 'pending';
  if (d.caseId === '' && OPEN_DOCUMENT_STATUSES.has(d.status)) return 'open';
  const own = ownReason(user, d, ctx, start);
  if (own) return own;
  if (ctx.meetingDocumentIds.has(d.id)) return 'meeting';
  if (d.caseId === '' && d.status === 'registered' && d.registeredDate !== '' && d.registeredDate >= start) return 'registered_in_window';
  return null;
}

/** Why the record is in the user's window, or `null` when it is not. */
export function windowReason(user: WindowUser, subject: WindowSubject, ctx: WindowContext): WindowReason | null {
  const start = windowStart(ctx.today, ctx.months);
  if (subject.kind === 'case') return caseReason(user, subject.record, ctx, start);
  const d = subject.record;
  if (!ctx.mayRead(d)) return null;
  const own = documentOwnReason(user, d, ctx, start);
  if (own) return own;
  return subject.parentCase && caseReason(user, subject.parentCase, ctx, start) ? 'follows_case' : null;
}

export function inWindow(user: WindowUser, subject: WindowSubject, ctx: WindowContext): boolean {
  return windowReason(user, subject, ctx) !== null;
}

/** The cases whose documents are in the window for their own sake, for `WindowContext.heldCaseIds`. */
export function casesHeldByDocuments(
  user: WindowUser,
  documents: Iterable<WindowDocument>,
  ctx: Omit<WindowContext, 'heldCaseIds'>,
): Set<string> {
  const start = windowStart(ctx.today, ctx.months);
  const full: WindowContext = { ...ctx, heldCaseIds: new Set() };
  const held = new Set<string>();
  for (const d of documents) {
    if (d.caseId !== '' && ctx.mayRead(d) && documentOwnReason(user, d, full, start)) held.add(d.caseId);
  }
  return held;
}

/**
 * The client's purge decision for one record after the window was evaluated again: it leaves the
 * disk only when it was in the window and no longer is (pending changes are a reason, so a record
 * holding them never leaves).
 */
export function leavesWindow(before: WindowReason | null, after: WindowReason | null): boolean {
  return before !== null && after === null;
}

/**
 * How a new setting or a new day moves the window's start: `grows` needs records from the server
 * that were outside (a backfill), `shrinks` lets records leave (a purge check), `same` neither.
 */
export function windowChange(
  before: Pick<WindowContext, 'today' | 'months'>,
  after: Pick<WindowContext, 'today' | 'months'>,
): 'grows' | 'shrinks' | 'same' {
  const a = windowStart(before.today, before.months);
  const b = windowStart(after.today, after.months);
  return b < a ? 'grows' : b > a ? 'shrinks' : 'same';
}

/** First-download tiers: 0 the user's own open work, 1 the newest rows of the list, 2 the rest of the window. */
export type DownloadTier = 0 | 1 | 2;

export interface DownloadOrderContext {
  /**
   * The `newestKey` of the last of the list's newest rows (the 100th): keys at or before it are
   * among them (`newestKey` is inverted time, so it sorts ascending newest first).
   */
  newestCutoff: string;
}

type ListRowOf = { kind: 'case'; row: WindowCase } | { kind: 'document'; row: WindowDocument };

/** The list row a record belongs to: a document in a case is listed under its case. */
function listed(subject: WindowSubject): ListRowOf {
  if (subject.kind === 'case') return { kind: 'case', row: subject.record };
  return subject.parentCase ? { kind: 'case', row: subject.parentCase } : { kind: 'document', row: subject.record };
}

export function downloadTier(user: WindowUser, subject: WindowSubject, order: DownloadOrderContext): DownloadTier {
  const listedAs = listed(subject);
  const open = listedAs.kind === 'case' ? isOpenCase(listedAs.row) : OPEN_DOCUMENT_STATUSES.has(listedAs.row.status);
  if (open && listedAs.row.responsibleUserId === user.id) return 0;
  return listedAs.row.newestKey <= order.newestCutoff ? 1 : 2;
}

/** Orders a first download: by tier, then newest first (by the list row's key, a case before its documents), then by id. */
export function firstDownloadOrder(user: WindowUser, order: DownloadOrderContext): (a: WindowSubject, b: WindowSubject) => number {
  const cmp = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0);
  return (a, b) =>
    cmp(downloadTier(user, a, order), downloadTier(user, b, order)) ||
    cmp(listed(a).row.newestKey, listed(b).row.newestKey) ||
    cmp(a.kind === 'case' ? 0 : 1, b.kind === 'case' ? 0 : 1) ||
    cmp(a.record.id, b.record.id);
}

/**
 * Whether the replica fetches the files of every record it holds ahead of need, so they open
 * offline. Not for someone who is only an elected official: their device (often a tablet of their
 * own) holds the packages of their coming meetings, and opens anything else on demand.
 */
export function prefetchesRegisterFiles(user: { roles: readonly SystemRole[] }): boolean {
  return user.roles.some((r) => r !== 'elected_official');
}
