import { DISPOSED_AUDIT_VALUE, type AuditEntry } from '../model/audit';
import type { Case } from '../model/case';
import type { Document } from '../model/document';
import { DOCUMENT_FIELDS } from '../model/document';
import { CASE_FIELDS } from '../model/case';
import type { RetentionRule } from '../model/document-type';
import { MEETING_FIELDS, type MeetingRecord, type MeetingStatus } from '../model/meeting';
import type { InformationRequest } from '../model/request';
import { fieldsDeclared } from '../model/sensitivity';
import type { Blocker, DisposalRefusal, HoldKind, HoldTarget } from '../protocol/disposal';
import { disposableFrom, isDisposable } from './retention';

/**
 * Disposal (gallring): what is due on a day, what holds it back, and what is left of a record
 * afterwards. Pure; the server decides with it (sync-server/src/disposal) and the workspace shows it.
 */

export type DisposalDocument = Pick<
  Document,
  'id' | 'registerId' | 'caseId' | 'documentNumber' | 'status' | 'registeredDate' | 'documentTypeId' | 'classCode'
>;
export type DisposalCase = Pick<Case, 'id' | 'registerId' | 'caseNumber' | 'status' | 'closedDate' | 'classCode'>;
export type DisposalRequest = Pick<InformationRequest, 'id' | 'status' | 'decision' | 'items' | 'caseId'>;

/** An explicit exclusion (appeal, litigation, other), kept by the server until released. */
export interface DisposalHold {
  id: string;
  targetCollection: HoldTarget;
  targetId: string;
  kind: HoldKind;
  reason: string;
}

/**
 * A request blocks disposal of what it names until it is delivered or withdrawn: the requester
 * has a right to the records asked for (TF 2 kap.). A refusal in full ends the handling; its
 * appeal is placed as an explicit hold.
 */
export function requestPending(r: Pick<InformationRequest, 'status' | 'decision'>): boolean {
  if (r.status === 'received' || r.status === 'in_review') return true;
  return r.status === 'decided' && r.decision !== 'refusal';
}

/** Documents are disposed from Registrerad only; cases from Avslutat (rules/status.ts). */
const DISPOSABLE_DOCUMENT_STATUS = 'registered';
const DISPOSABLE_CASE_STATUS = 'closed';

/** The day a document falls due, or null when it never does by date (preserve, pending trigger, judgement). */
export function documentDueDate(rule: RetentionRule, doc: DisposalDocument, parentCase: DisposalCase | null): string | null {
  if (doc.status !== DISPOSABLE_DOCUMENT_STATUS) return null;
  const d = disposableFrom(rule, doc, parentCase);
  return d.kind === 'date' ? d.date : null;
}

/** Whether the document is due on `today` by its type's rule. */
export function isDocumentDue(rule: RetentionRule, doc: DisposalDocument, parentCase: DisposalCase | null, today: string): boolean {
  if (doc.status !== DISPOSABLE_DOCUMENT_STATUS) return false;
  return isDisposable(disposableFrom(rule, doc, parentCase), today);
}

/** Holds and pending requests, by the id of what they name. */
export interface BlockerIndex {
  byTarget: Map<string, Blocker[]>;
}

export function indexBlockers(holds: readonly DisposalHold[], requests: readonly DisposalRequest[]): BlockerIndex {
  const byTarget = new Map<string, Blocker[]>();
  const add = (id: string, b: Blocker) => byTarget.set(id, [...(byTarget.get(id) ?? []), b]);
  for (const h of holds) add(h.targetId, { kind: 'hold', holdId: h.id, holdKind: h.kind, reason: h.reason, on: h.targetCollection });
  for (const r of requests) {
    if (!requestPending(r)) continue;
    for (const item of r.items) add(item.targetId, { kind: 'request', requestId: r.id, on: item.targetCollection });
  }
  return { byTarget };
}

/** What blocks a document: its own holds and requests and those naming its case (a hold on a case holds all of it). */
export function documentBlockers(doc: Pick<Document, 'id' | 'caseId'>, index: BlockerIndex): Blocker[] {
  return [...(index.byTarget.get(doc.id) ?? []), ...(doc.caseId ? (index.byTarget.get(doc.caseId) ?? []) : [])];
}

export interface DueDocument {
  doc: DisposalDocument;
  dueDate: string;
  blockers: Blocker[];
}

export interface DueCase {
  case: DisposalCase;
  /** Its documents not yet disposed. */
  documentIds: string[];
  blockers: Blocker[];
}

export interface DisposalInput {
  documents: readonly DisposalDocument[];
  cases: readonly DisposalCase[];
  /** The retention rule of each document type, by id. */
  rules: ReadonlyMap<string, RetentionRule>;
  holds: readonly DisposalHold[];
  requests: readonly DisposalRequest[];
  today: string;
}

export interface DisposalDue {
  documents: DueDocument[];
  cases: DueCase[];
}

/**
 * What is due on `today`: every registered document whose period has run out (blocked ones with
 * their blockers), and every closed case all of whose documents are due or already disposed — a
 * case goes with its last documents. A case whose documents are all blocked-free but which is
 * itself held, or one of whose due documents is blocked, is listed with what blocks it.
 */
export function disposalDue(input: DisposalInput): DisposalDue {
  const index = indexBlockers(input.holds, input.requests);
  const caseById = new Map(input.cases.map((c) => [c.id, c]));
  const documents: DueDocument[] = [];
  const dueIds = new Set<string>();
  for (const doc of input.documents) {
    const rule = input.rules.get(doc.documentTypeId);
    if (!rule) continue;
    const parent = doc.caseId ? (caseById.get(doc.caseId) ?? null) : null;
    if (doc.caseId && !parent) continue;
    if (!isDocumentDue(rule, doc, parent, input.today)) continue;
    documents.push({ doc, dueDate: documentDueDate(rule, doc, parent)!, blockers: documentBlockers(doc, index) });
    dueIds.add(doc.id);
  }
  const docsOfCase = new Map<string, DisposalDocument[]>();
  for (const doc of input.documents) if (doc.caseId) docsOfCase.set(doc.caseId, [...(docsOfCase.get(doc.caseId) ?? []), doc]);
  const blockedDocs = new Map(documents.filter((d) => d.blockers.length > 0).map((d) => [d.doc.id, d]));
  const cases: DueCase[] = [];
  for (const c of input.cases) {
    if (c.status !== DISPOSABLE_CASE_STATUS) continue;
    const docs = docsOfCase.get(c.id) ?? [];
    // A case without documents has no rule of its own to fall due by.
    if (docs.length === 0) continue;
    const living = docs.filter((d) => d.status !== 'disposed');
    if (!living.every((d) => dueIds.has(d.id))) continue;
    const blockers: Blocker[] = [...(index.byTarget.get(c.id) ?? [])];
    for (const d of living) if (blockedDocs.has(d.id)) blockers.push({ kind: 'document_blocked', documentId: d.id });
    cases.push({ case: c, documentIds: living.map((d) => d.id), blockers });
  }
  return {
    documents: documents.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.doc.documentNumber.localeCompare(b.doc.documentNumber)),
    cases: cases.sort((a, b) => a.case.caseNumber.localeCompare(b.case.caseNumber)),
  };
}

/** The workspace's filters: a process (its sub-processes included), a document type, held items shown or not. */
export interface DisposalFilter {
  classCode?: string;
  documentTypeId?: string;
  includeHeld?: boolean;
}

export function filterDue(due: DisposalDue, f: DisposalFilter): DisposalDue {
  const inProcess = (code: string) => !f.classCode || code === f.classCode || code.startsWith(`${f.classCode}.`);
  const heldOk = (b: Blocker[]) => f.includeHeld !== false || b.length === 0;
  const documents = due.documents.filter(
    (d) => inProcess(d.doc.classCode) && (!f.documentTypeId || d.doc.documentTypeId === f.documentTypeId) && heldOk(d.blockers),
  );
  const cases = due.cases.filter((c) => inProcess(c.case.classCode) && heldOk(c.blockers));
  return { documents, cases };
}

/** Due documents grouped by process and document type, in code order. */
export function groupDue(documents: readonly DueDocument[]): { classCode: string; documentTypeId: string; documents: DueDocument[] }[] {
  const groups = new Map<string, { classCode: string; documentTypeId: string; documents: DueDocument[] }>();
  for (const d of documents) {
    const key = `${d.doc.classCode}\u0000${d.doc.documentTypeId}`;
    const g = groups.get(key) ?? { classCode: d.doc.classCode, documentTypeId: d.doc.documentTypeId, documents: [] };
    g.documents.push(d);
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => a.classCode.localeCompare(b.classCode) || a.documentTypeId.localeCompare(b.documentTypeId));
}

/**
 * Whether an execution of these documents and cases may go ahead today: each document due and
 * unblocked; each case due given the documents disposed with it (or before) and unblocked.
 * Returns the first refusal with the item it concerns, or null.
 */
export function executionRefusal(
  due: DisposalDue,
  documentIds: readonly string[],
  caseIds: readonly string[],
): { code: Extract<DisposalRefusal, 'item_held' | 'item_not_due' | 'nothing_to_dispose'>; id: string } | null {
  if (documentIds.length === 0 && caseIds.length === 0) return { code: 'nothing_to_dispose', id: '' };
  const dueDocs = new Map(due.documents.map((d) => [d.doc.id, d]));
  for (const id of documentIds) {
    const d = dueDocs.get(id);
    if (!d) return { code: 'item_not_due', id };
    if (d.blockers.length) return { code: 'item_held', id };
  }
  const chosen = new Set(documentIds);
  const dueCases = new Map(due.cases.map((c) => [c.case.id, c]));
  for (const id of caseIds) {
    const c = dueCases.get(id);
    if (!c || !c.documentIds.every((d) => chosen.has(d))) return { code: 'item_not_due', id };
    if (c.blockers.length) return { code: 'item_held', id };
  }
  return null;
}

/**
 * What is kept of a disposed record: a skeleton entry. The register's entries are preserved by
 * the schedule itself (diariet bevaras) and numbers are never reused, so the number, dates,
 * direction, process, document type, officer and restriction stay; everything that says what the
 * record was about (every field declared content, shieldable, identity or working) is emptied.
 * The title must not be empty (schema), so it names the decision instead.
 */
export const DISPOSED_DOCUMENT_EMPTIED = fieldsDeclared(DOCUMENT_FIELDS, 'content', 'shieldable', 'identity', 'working');
export const DISPOSED_CASE_EMPTIED = fieldsDeclared(CASE_FIELDS, 'content', 'shieldable', 'identity', 'working');

/** The title a skeleton entry carries (stored register data, archived with it: hence Swedish). */
export function disposedTitle(decisionReference: string): string {
  return `Gallrad enligt ${decisionReference}`.slice(0, 500);
}

function emptied<T extends Record<string, unknown>>(record: T, fields: readonly string[], decisionReference: string): T {
  const out: Record<string, unknown> = { ...record };
  for (const f of fields) {
    const v = out[f];
    out[f] = Array.isArray(v) ? [] : typeof v === 'number' ? 0 : typeof v === 'boolean' ? false : '';
  }
  out.title = disposedTitle(decisionReference);
  out.status = 'disposed';
  return out as T;
}

export function disposedDocument(doc: Document, decisionReference: string): Document {
  // The files' restrictions name files that are destroyed with it.
  return { ...emptied(doc, DISPOSED_DOCUMENT_EMPTIED, decisionReference), fileRestrictions: [] };
}

export function disposedCase(c: Case, decisionReference: string): Case {
  return emptied(c, DISPOSED_CASE_EMPTIED, decisionReference);
}

/**
 * The fields whose values an actor-register entry about a disposed record may keep: those the
 * skeleton keeps (number, dates, process, type, officer, restriction, status …). The title and
 * every emptied field go; so does any field the record does not declare (notes, a flow step's
 * comment, a reason: not known to be harmless). A file of a disposed document keeps nothing.
 */
function keptFields(declared: Record<string, unknown>, emptied: readonly string[]): ReadonlySet<string> {
  const gone = new Set([...emptied, 'title', 'fileRestrictions']);
  return new Set(Object.keys(declared).filter((f) => !gone.has(f)));
}
export const DISPOSED_DOCUMENT_AUDIT_KEPT = keptFields(DOCUMENT_FIELDS, DISPOSED_DOCUMENT_EMPTIED);
export const DISPOSED_CASE_AUDIT_KEPT = keptFields(CASE_FIELDS, DISPOSED_CASE_EMPTIED);
export const DISPOSED_FILE_AUDIT_KEPT: ReadonlySet<string> = new Set();

/** What of an actor-register entry goes when its record is disposed of: the label, and each change's values. */
export interface DisposedAuditValues {
  label: boolean;
  changes: boolean[];
}

/**
 * Which values of an entry about a disposed record are disposed of with it (the entry itself
 * stays: who did what and when is the register's own history). The label stays when it is the
 * record's number, which the skeleton keeps; a title or file name in it goes. Values disposed of
 * before are not chosen again. Null when nothing is to go.
 */
export function disposedAuditValues(
  entry: Pick<AuditEntry, 'label' | 'changes'>,
  kept: { fields: ReadonlySet<string>; number: string },
): DisposedAuditValues | null {
  const label = entry.label !== '' && entry.label !== kept.number && entry.label !== DISPOSED_AUDIT_VALUE;
  const changes = entry.changes.map(
    (c) =>
      !kept.fields.has(c.field) && (c.from !== '' || c.to !== '') && !(c.from === DISPOSED_AUDIT_VALUE && c.to === DISPOSED_AUDIT_VALUE),
  );
  return label || changes.some(Boolean) ? { label, changes } : null;
}

/** What an agenda item quotes of the case it reports (the replica keeps the same fields sealed). */
export const ITEM_QUOTED_FIELDS = ['title', 'proposal', 'decision', 'reservations'] as const;
export const DISPOSED_ITEM_AUDIT_KEPT = keptFields(MEETING_FIELDS, ITEM_QUOTED_FIELDS);

/** From adjustment on, the minutes are a finished record of the body (KL 5 kap. 69 §), posted within days. */
export const ADJUSTED_MINUTES_STATUSES: readonly MeetingStatus[] = ['minutes_adjusted', 'posted', 'closed'];
const MINUTES_STATUSES: ReadonlySet<string> = new Set(ADJUSTED_MINUTES_STATUSES);

/**
 * Whether an agenda item is a paragraph of adjusted minutes: of a meeting whose minutes are
 * adjusted (and then posted), or adjusted immediately at the meeting. Minutes are the body's own
 * record, preserved under their own rule: disposing of a case they report leaves them as they are.
 */
export function itemInMinutes(
  item: Pick<MeetingRecord, 'immediateAdjustment'>,
  meeting: Pick<MeetingRecord, 'status' | 'immediateAdjustedOn'> | null,
): boolean {
  if (!meeting) return false;
  return MINUTES_STATUSES.has(meeting.status) || (item.immediateAdjustment && meeting.immediateAdjustedOn !== '');
}

/**
 * An agenda item outside adjusted minutes is a working copy of the case it reports: when the case
 * is disposed of, so is what the item quotes of it. It keeps its place (meeting, §, case number,
 * votes, who reserved themselves) and names the decision as its title, like the case.
 */
export function disposedItem(item: MeetingRecord, decisionReference: string): MeetingRecord {
  return {
    ...item,
    title: disposedTitle(decisionReference),
    proposal: '',
    decision: '',
    reservations: item.reservations.map((r) => ({ ...r, text: '' })),
  };
}
