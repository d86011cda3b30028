import type { Document } from '../model/document';
import type { LegalGroundOption } from '../model/restriction';
import type { DecisionOutcome, InformationRequest, RequestItem, RequestStatus } from '../model/request';
import { isAuthorised, mayReadContent, type AccessSubject, type Guarded } from './access';
import { isValidIsoDate, parseIsoDate, swedishDate } from './dates';
import { nextWorkingDay } from './working-days';

/**
 * Information requests (utlämnande) as pure rules. A client proposes the whole request; the
 * server checks the difference between the stored request and the proposal against these rules
 * and stamps who reviewed, decided and delivered with its own clock and user.
 *
 * Status machine: received → in_review → decided → delivered; withdrawn from received or
 * in_review; a refusal in full ends at decided (nothing to deliver).
 */

/** What an item targets: a case or a document. */
export interface RequestTarget {
  collection: 'cases' | 'documents';
  id: string;
}

/** A new item of a request: not yet reviewed. */
export function newRequestItem(target: RequestTarget, id: string): RequestItem {
  return {
    id,
    targetCollection: target.collection,
    targetId: target.id,
    review: 'pending',
    grounds: [],
    maskedDocumentId: '',
    comment: '',
    reviewedBy: '',
    reviewedAt: '',
  };
}

/** The decision and delivery fields of a request nobody has decided or delivered yet. */
export const UNDECIDED_REQUEST = {
  decision: '',
  decisionDocumentId: '',
  decidedBy: '',
  decidedAt: '',
  deliveredBy: '',
  deliveredAt: '',
  deliveryFormat: '',
  deliverySha256: '',
} as const satisfies Partial<InformationRequest>;

export type RequestProblemCode =
  'invalid_schema' | 'forbidden' | 'invalid_status_transition' | 'missing_mandatory_fields' | 'final_status' | 'invalid_legal_ground';
export interface RequestProblem {
  problem: RequestProblemCode;
  detail: string;
  fields: string[];
}

function problem(code: RequestProblemCode, detail: string, fields: string[] = []): RequestProblem {
  return { problem: code, detail, fields };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

type StatusOf = Pick<InformationRequest, 'status' | 'decision'>;

const NEXT_STATUS: Record<RequestStatus, readonly RequestStatus[]> = {
  received: ['in_review', 'withdrawn'],
  in_review: ['decided', 'withdrawn'],
  decided: ['delivered'],
  delivered: [],
  withdrawn: [],
};

/** Nothing more happens to a delivered or withdrawn request, nor to one refused in full. */
export function isFinalRequest(r: StatusOf): boolean {
  return r.status === 'delivered' || r.status === 'withdrawn' || (r.status === 'decided' && r.decision === 'refusal');
}

export function canTransitionRequest(from: StatusOf, to: RequestStatus): boolean {
  if (isFinalRequest(from)) return false;
  return NEXT_STATUS[from.status].includes(to);
}

/** Statuses in which the request is still being registered or reviewed: its content may change. */
export function isEditableRequest(r: StatusOf): boolean {
  return r.status === 'received' || r.status === 'in_review';
}

/** What the requester gave and the registrar may correct while the request is open. */
const REGISTRATION_FIELDS = [
  'requesterName',
  'anonymous',
  'requesterContact',
  'receivedDate',
  'description',
  'deliveryMethod',
  'dueDate',
  'responsibleUserId',
] as const;
const DECISION_FIELDS = ['decision', 'decisionDocumentId'] as const;
const DELIVERY_FIELDS = ['deliveryFormat', 'deliverySha256'] as const;
const STAMP_FIELDS = ['decidedBy', 'decidedAt', 'deliveredBy', 'deliveredAt'] as const;
/** Never change after registration. */
const FIXED_FIELDS = ['registerId', 'caseId'] as const;
/** The parts of an item a review decides; reviewedBy/At are stamped when one of them changes. */
const REVIEW_FIELDS = ['review', 'grounds', 'maskedDocumentId', 'comment'] as const;

function changedFields(prev: InformationRequest, next: InformationRequest, fields: readonly (keyof InformationRequest)[]): string[] {
  return fields.filter((f) => !same(prev[f], next[f]));
}

/** Checks one item's review: grounds where the outcome needs them, a masked copy only for masking. */
export function checkItem(item: RequestItem): RequestProblem | null {
  const f = ['items'];
  if (new Set(item.grounds).size !== item.grounds.length) return problem('invalid_schema', `item ${item.id}: a ground is named twice`, f);
  switch (item.review) {
    case 'pending':
    case 'release':
      if (item.grounds.length > 0) return problem('invalid_schema', `item ${item.id}: ${item.review} takes no legal grounds`, f);
      if (item.maskedDocumentId !== '') return problem('invalid_schema', `item ${item.id}: only release_masked has a masked copy`, f);
      return null;
    case 'refuse':
      if (item.grounds.length === 0)
        return problem('missing_mandatory_fields', `item ${item.id}: a refusal needs at least one legal ground`, ['grounds']);
      if (item.maskedDocumentId !== '') return problem('invalid_schema', `item ${item.id}: only release_masked has a masked copy`, f);
      return null;
    case 'release_masked':
      if (item.targetCollection !== 'documents')
        return problem('invalid_schema', `item ${item.id}: only documents can be released masked`, f);
      if (item.grounds.length === 0)
        return problem('missing_mandatory_fields', `item ${item.id}: masking needs at least one legal ground`, ['grounds']);
      return null;
  }
}

/** Distinct items and targets, each review valid. */
export function checkItems(items: readonly RequestItem[]): RequestProblem | null {
  if (new Set(items.map((i) => i.id)).size !== items.length) return problem('invalid_schema', 'item ids must be distinct', ['items']);
  if (new Set(items.map((i) => `${i.targetCollection}/${i.targetId}`)).size !== items.length)
    return problem('invalid_schema', 'a record is requested once per request', ['items']);
  for (const item of items) {
    const p = checkItem(item);
    if (p) return p;
  }
  return null;
}

/** Every legal ground named in a review must be on the register's list. */
export function unknownGrounds(items: readonly RequestItem[], legalGrounds: readonly Pick<LegalGroundOption, 'code'>[]): string[] {
  const known = new Set(legalGrounds.map((g) => g.code));
  return [...new Set(items.flatMap((i) => i.grounds).filter((g) => !known.has(g)))];
}

/** Who asks and what: anonymous requests carry no name; the dates are real and in order. */
export function checkRegistration(r: InformationRequest): RequestProblem | null {
  if (r.anonymous && r.requesterName.trim() !== '')
    return problem('invalid_schema', 'an anonymous request carries no name', ['requesterName']);
  if (!r.anonymous && r.requesterName.trim() === '')
    return problem('missing_mandatory_fields', 'name the requester or mark the request anonymous', ['requesterName']);
  if (r.description.trim() === '') return problem('missing_mandatory_fields', 'say what is asked for', ['description']);
  if (!isValidIsoDate(r.receivedDate)) return problem('invalid_schema', `not a date: ${r.receivedDate}`, ['receivedDate']);
  if (!isValidIsoDate(r.dueDate)) return problem('invalid_schema', `not a date: ${r.dueDate}`, ['dueDate']);
  if (r.dueDate < r.receivedDate) return problem('invalid_schema', 'the due date is before the received date', ['dueDate']);
  return null;
}

/** A request as registered: received, nothing reviewed, decided or delivered yet. */
export function checkNewRequest(r: InformationRequest): RequestProblem | null {
  if (r.status !== 'received') return problem('invalid_status_transition', `a new request cannot be ${r.status}`, ['status']);
  for (const f of [...DECISION_FIELDS, ...DELIVERY_FIELDS])
    if (r[f] !== '') return problem('invalid_status_transition', `${f} is set by the decision or the delivery`, [f]);
  for (const f of STAMP_FIELDS) if (r[f] !== '') return problem('forbidden', `${f} is set by the server`, [f]);
  if (r.items.some((i) => i.review !== 'pending' || i.reviewedBy !== ''))
    return problem('invalid_status_transition', 'items are reviewed once the request is in review', ['items']);
  return checkRegistration(r) ?? checkItems(r.items);
}

/** The decision the reviews add up to: '' while any item is pending (or there are none). */
export function decisionFor(items: readonly Pick<RequestItem, 'review'>[]): DecisionOutcome {
  if (items.length === 0 || items.some((i) => i.review === 'pending')) return '';
  if (items.every((i) => i.review === 'release')) return 'release';
  if (items.every((i) => i.review === 'refuse')) return 'refusal';
  return 'partial_release';
}

/** Partial release and refusal are written decisions with grounds and appeal instructions. */
export function needsDecisionDocument(decision: DecisionOutcome): boolean {
  return decision === 'partial_release' || decision === 'refusal';
}

/** The decision as proposed: it follows from the reviews, masked copies ready, a decision document where needed. */
export function checkDecision(r: InformationRequest): RequestProblem | null {
  if (r.items.length === 0) return problem('missing_mandatory_fields', 'nothing requested to decide on', ['items']);
  if (r.items.some((i) => i.review === 'pending'))
    return problem('missing_mandatory_fields', 'every requested record must be reviewed first', ['items']);
  const expected = decisionFor(r.items);
  if (r.decision !== expected)
    return problem('invalid_schema', `the reviews add up to ${expected}, not ${r.decision || 'no decision'}`, ['decision']);
  const unmasked = r.items.find((i) => i.review === 'release_masked' && i.maskedDocumentId === '');
  if (unmasked) return problem('missing_mandatory_fields', `item ${unmasked.id}: the masked copy is missing`, ['maskedDocumentId']);
  if (needsDecisionDocument(r.decision) && r.decisionDocumentId === '')
    return problem('missing_mandatory_fields', `a ${r.decision} needs a decision document`, ['decisionDocumentId']);
  return null;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Delivery: after a decision that releases something, as one PDF or a ZIP with its hash. */
export function checkDelivery(r: InformationRequest): RequestProblem | null {
  if (r.decision === 'refusal' || r.decision === '')
    return problem('invalid_status_transition', 'nothing to deliver without a release', ['status']);
  if (r.deliveryFormat !== 'pdf' && r.deliveryFormat !== 'zip')
    return problem('missing_mandatory_fields', 'the delivery is one PDF or a ZIP', ['deliveryFormat']);
  if (!SHA256.test(r.deliverySha256))
    return problem('missing_mandatory_fields', 'the SHA-256 of the delivered package is missing', ['deliverySha256']);
  return null;
}

/** The items whose review changed (or that are new), by id. */
export function changedItemIds(prev: InformationRequest | null, next: InformationRequest): string[] {
  const before = new Map((prev?.items ?? []).map((i) => [i.id, i]));
  return next.items
    .filter((i) => {
      const b = before.get(i.id);
      return !b || REVIEW_FIELDS.some((f) => !same(b[f], i[f]));
    })
    .map((i) => i.id);
}

function itemProblem(prev: InformationRequest, next: InformationRequest): RequestProblem | null {
  const before = new Map(prev.items.map((i) => [i.id, i]));
  for (const item of next.items) {
    const b = before.get(item.id);
    if (b && (b.targetCollection !== item.targetCollection || b.targetId !== item.targetId))
      return problem('forbidden', `item ${item.id}: its target cannot change`, ['items']);
  }
  const reviewed = changedItemIds(prev, next).filter((id) => {
    const b = before.get(id);
    const n = next.items.find((i) => i.id === id)!;
    return b
      ? !same(b.review, n.review) || !same(b.grounds, n.grounds) || !same(b.maskedDocumentId, n.maskedDocumentId)
      : n.review !== 'pending';
  });
  if (reviewed.length > 0 && next.status !== 'in_review')
    return problem('invalid_status_transition', 'reviews are made while the request is in review', ['items']);
  return checkItems(next.items);
}

/**
 * What a push may change, per status of the stored request:
 * - received / in_review: the registration, the items and (when the push leaves it in_review)
 *   their reviews; or withdraw it (nothing else changing);
 * - in_review → decided: only status, decision and decision document;
 * - decided → delivered: only status, delivery format and package hash;
 * - final (delivered, withdrawn, refused in full): nothing.
 * Server stamps (reviewedBy/At, decidedBy/At, deliveredBy/At) are the server's; see stampRequest.
 */
export function checkRequestChange(prev: InformationRequest, next: InformationRequest): RequestProblem | null {
  const fixed = changedFields(prev, next, FIXED_FIELDS);
  if (fixed.length) return problem('forbidden', `${fixed.join(', ')} of a request cannot change`, fixed);
  const content = changedFields(prev, next, [...REGISTRATION_FIELDS, 'items', ...DECISION_FIELDS, ...DELIVERY_FIELDS, 'status']);
  if (content.length === 0) return null;
  if (isFinalRequest(prev))
    return problem('final_status', `request is ${prev.status}${prev.decision ? ` (${prev.decision})` : ''}`, ['status']);
  if (next.status !== prev.status && !canTransitionRequest(prev, next.status))
    return problem('invalid_status_transition', `${prev.status} -> ${next.status}`, ['status']);
  switch (next.status) {
    case 'received':
    case 'in_review': {
      const late = changedFields(prev, next, [...DECISION_FIELDS, ...DELIVERY_FIELDS]);
      if (late.length) return problem('invalid_status_transition', `${late.join(', ')} are set by the decision or the delivery`, late);
      return checkRegistration(next) ?? itemProblem(prev, next);
    }
    case 'withdrawn': {
      const other = content.filter((f) => f !== 'status');
      return other.length ? problem('forbidden', `withdrawing changes nothing else (${other.join(', ')})`, other) : null;
    }
    case 'decided': {
      const other = content.filter((f) => f !== 'status' && !(DECISION_FIELDS as readonly string[]).includes(f));
      if (other.length) return problem('forbidden', `the decision changes nothing else (${other.join(', ')})`, other);
      return checkDecision(next);
    }
    case 'delivered': {
      const other = content.filter((f) => f !== 'status' && !(DELIVERY_FIELDS as readonly string[]).includes(f));
      if (other.length) return problem('forbidden', `the delivery changes nothing else (${other.join(', ')})`, other);
      return checkDelivery(next);
    }
  }
}

/** Authorship a client may propose for a stamped field: nothing, itself, or what is stored. */
export function forgedStamps(prev: InformationRequest | null, next: InformationRequest, actorId: string): string[] {
  const before = new Map((prev?.items ?? []).map((i) => [i.id, i]));
  const forged = next.items.some((i) => i.reviewedBy !== '' && i.reviewedBy !== actorId && i.reviewedBy !== before.get(i.id)?.reviewedBy);
  const fields = forged ? ['items'] : [];
  for (const f of ['decidedBy', 'deliveredBy'] as const) {
    if (next[f] !== '' && next[f] !== actorId && next[f] !== (prev?.[f] ?? '')) fields.push(f);
  }
  return fields;
}

/**
 * The request as the server stores it: each item whose review changed is stamped with the actor
 * and the server's time (the others keep their stamps), the decision and the delivery likewise.
 */
export function stampRequest(
  prev: InformationRequest | null,
  next: InformationRequest,
  actorId: string,
  nowIso: string,
): InformationRequest {
  const changed = new Set(changedItemIds(prev, next));
  const before = new Map((prev?.items ?? []).map((i) => [i.id, i]));
  const items = next.items.map((i) => {
    if (changed.has(i.id))
      return i.review === 'pending' && !before.has(i.id)
        ? { ...i, reviewedBy: '', reviewedAt: '' }
        : { ...i, reviewedBy: actorId, reviewedAt: nowIso };
    const b = before.get(i.id)!;
    return { ...i, reviewedBy: b.reviewedBy, reviewedAt: b.reviewedAt };
  });
  const decided = next.status === 'decided' && prev?.status !== 'decided';
  const delivered = next.status === 'delivered' && prev?.status !== 'delivered';
  return {
    ...next,
    items,
    decidedBy: decided ? actorId : (prev?.decidedBy ?? ''),
    decidedAt: decided ? nowIso : (prev?.decidedAt ?? ''),
    deliveredBy: delivered ? actorId : (prev?.deliveredBy ?? ''),
    deliveredAt: delivered ? nowIso : (prev?.deliveredAt ?? ''),
  };
}

/**
 * May the user read all of a case or document, its restricted files included: what releasing it
 * in full, or making a masked copy of it, takes.
 */
export function mayReadInFull(
  user: AccessSubject,
  record: Guarded & Partial<Pick<Document, 'fileRestrictions'>>,
  parentCase?: Guarded | null,
): boolean {
  if (!mayReadContent(user, record, parentCase)) return false;
  if ((record.fileRestrictions?.length ?? 0) === 0) return true;
  return isAuthorised(user, record, parentCase) && user.secondFactorFresh === true;
}

/** The items handed out: released in full or as a masked copy. */
export function releasedItems(r: Pick<InformationRequest, 'items'>): RequestItem[] {
  return r.items.filter((i) => i.review === 'release' || i.review === 'release_masked');
}

// ── Due dates ──────────────────────────────────────────────────────────────────────────────

/**
 * Requests are answered promptly (skyndsamt, TF 2 kap. 15 §); in practice the same or the next
 * day. The default due date is the next working day after receipt; the registrar may change it.
 */
export function defaultDueDate(receivedDate: string): string {
  return nextWorkingDay(receivedDate);
}

// ── Time to delivery and the report ──────────────────────────────────────────────────────────

function daysBetween(from: string, to: string): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}

type Timed = Pick<InformationRequest, 'status' | 'decision' | 'createdAt' | 'decidedAt' | 'deliveredAt' | 'dueDate'>;

/** Calendar days from registration to delivery (Swedish dates), null until delivered. */
export function daysToDelivery(r: Timed): number | null {
  if (r.status !== 'delivered' || r.deliveredAt === '' || r.createdAt === '') return null;
  const from = Date.parse(r.createdAt);
  const to = Date.parse(r.deliveredAt);
  if (Number.isNaN(from) || Number.isNaN(to)) return null;
  return Math.max(0, daysBetween(swedishDate(from), swedishDate(to)));
}

function lateAt(timestamp: string, dueDate: string): boolean {
  const at = Date.parse(timestamp);
  return !Number.isNaN(at) && swedishDate(at) > dueDate;
}

/** Past its due date: still open after it, or answered (delivered, refused in full) later than it. */
export function isOverdue(r: Timed, today: string): boolean {
  if (r.status === 'withdrawn') return false;
  if (r.status === 'delivered') return lateAt(r.deliveredAt, r.dueDate);
  if (isFinalRequest(r)) return lateAt(r.decidedAt, r.dueDate);
  return today > r.dueDate;
}

export interface DeliveryReport {
  /** All requests in the report. */
  count: number;
  delivered: number;
  /** Days from registration to delivery over the delivered requests; null when none. */
  medianDays: number | null;
  meanDays: number | null;
  overdue: number;
}

export function deliveryReport(requests: readonly Timed[], today: string): DeliveryReport {
  const days = requests
    .map(daysToDelivery)
    .filter((d): d is number => d !== null)
    .sort((a, b) => a - b);
  const mid = Math.floor(days.length / 2);
  const median = days.length === 0 ? null : days.length % 2 === 1 ? days[mid]! : (days[mid - 1]! + days[mid]!) / 2;
  const mean = days.length === 0 ? null : Math.round((days.reduce((s, d) => s + d, 0) / days.length) * 10) / 10;
  return {
    count: requests.length,
    delivered: days.length,
    medianDays: median,
    meanDays: mean,
    overdue: requests.filter((r) => isOverdue(r, today)).length,
  };
}
