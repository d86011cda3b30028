import type { Document } from '../../../../shared/src';
import type { DeliveryFormat, InformationRequest, RequestItem, ReviewOutcome } from '../../../../shared/src/model/request';
import {
  checkDecision,
  checkDelivery,
  checkItem,
  decisionFor,
  isEditableRequest,
  type RequestProblem,
} from '../../../../shared/src/rules/request';
import type { RequestMessageKey } from '../i18n/sv.requests';

/**
 * The optimistic changes of a request as the user reviews, decides and delivers it. Each returns
 * the next state the server will accept (it re-checks everything with the same shared rules), or
 * the Swedish message key saying why not.
 */
export type RequestChange = { ok: true; request: InformationRequest } | { ok: false; message: RequestMessageKey };

function fail(message: RequestMessageKey): RequestChange {
  return { ok: false, message };
}

function problemMessage(p: RequestProblem): RequestMessageKey {
  if (p.fields.includes('grounds')) return 'request.error.groundRequired';
  if (p.fields.includes('maskedDocumentId')) return 'request.error.maskedCopyMissing';
  if (p.fields.includes('decisionDocumentId')) return 'request.error.decisionDocumentMissing';
  if (p.fields.includes('items') && p.problem === 'missing_mandatory_fields') return 'request.error.reviewAll';
  return `request.error.${p.problem}`;
}

export interface ReviewInput {
  review: ReviewOutcome;
  grounds: readonly string[];
  /** The masked copy picked up for release_masked; ignored for other outcomes. */
  maskedDocumentId: string;
  comment: string;
}

/** One item reviewed; the first review moves the request into review. */
export function withReview(request: InformationRequest, itemId: string, input: ReviewInput): RequestChange {
  if (!isEditableRequest(request)) return fail('request.error.final_status');
  const index = request.items.findIndex((i) => i.id === itemId);
  if (index < 0) return fail('request.error.invalid_schema');
  const masked = input.review === 'release_masked';
  const item: RequestItem = {
    ...request.items[index]!,
    review: input.review,
    grounds: input.review === 'release' || input.review === 'pending' ? [] : [...new Set(input.grounds)],
    maskedDocumentId: masked ? input.maskedDocumentId : '',
    comment: input.comment.trim(),
  };
  const p = checkItem(item);
  if (p) return fail(problemMessage(p));
  const items = request.items.map((i, n) => (n === index ? item : i));
  return { ok: true, request: { ...request, items, status: 'in_review' } };
}

/** Adds requested records (while the request is open); already requested ones are skipped. */
export function withItems(request: InformationRequest, items: readonly RequestItem[]): RequestChange {
  if (!isEditableRequest(request)) return fail('request.error.final_status');
  const have = new Set(request.items.map((i) => `${i.targetCollection}/${i.targetId}`));
  const added = items.filter((i) => !have.has(`${i.targetCollection}/${i.targetId}`));
  return { ok: true, request: { ...request, items: [...request.items, ...added] } };
}

export function withoutItem(request: InformationRequest, itemId: string): RequestChange {
  if (!isEditableRequest(request)) return fail('request.error.final_status');
  return { ok: true, request: { ...request, items: request.items.filter((i) => i.id !== itemId) } };
}

/** The decision the reviews give, with the registered decision document where one is needed. */
export function withDecision(request: InformationRequest, decisionDocumentId: string): RequestChange {
  if (request.status !== 'in_review') return fail('request.error.invalid_status_transition');
  const next: InformationRequest = { ...request, status: 'decided', decision: decisionFor(request.items), decisionDocumentId };
  const p = checkDecision(next);
  return p ? fail(problemMessage(p)) : { ok: true, request: next };
}

export function withDelivery(request: InformationRequest, format: Exclude<DeliveryFormat, ''>, sha256: string): RequestChange {
  if (request.status !== 'decided') return fail('request.error.invalid_status_transition');
  const next: InformationRequest = { ...request, status: 'delivered', deliveryFormat: format, deliverySha256: sha256 };
  const p = checkDelivery(next);
  return p ? fail(problemMessage(p)) : { ok: true, request: next };
}

export function withdrawn(request: InformationRequest): RequestChange {
  if (!isEditableRequest(request)) return fail('request.error.final_status');
  return { ok: true, request: { ...request, status: 'withdrawn' } };
}

/**
 * The masked copy registered for a document: the newest document whose `maskedCopyOf` is it.
 * Newest first because a second round of masking replaces the first.
 */
export function maskedCopyFor(documents: readonly Pick<Document, 'id' | 'maskedCopyOf' | 'newestKey'>[], originalId: string): string {
  const copies = documents.filter((d) => d.maskedCopyOf === originalId).sort((a, b) => a.newestKey.localeCompare(b.newestKey));
  return copies[0]?.id ?? '';
}

/** Items released masked whose copy is now registered but not yet picked up. */
export function withMaskedCopies(
  request: InformationRequest,
  documents: readonly Pick<Document, 'id' | 'maskedCopyOf' | 'newestKey'>[],
): InformationRequest | null {
  if (request.status !== 'in_review') return null;
  let changed = false;
  const items = request.items.map((i) => {
    if (i.review !== 'release_masked') return i;
    const copy = maskedCopyFor(documents, i.targetId);
    if (!copy || copy === i.maskedDocumentId) return i;
    changed = true;
    return { ...i, maskedDocumentId: copy };
  });
  return changed ? { ...request, items } : null;
}

/** The fields an edit of a stored request changes: what goes to `patchRecord`. */
export function requestPatch(next: InformationRequest): Partial<InformationRequest> {
  const {
    id: _id,
    registerId: _r,
    caseId: _c,
    syncVersion: _s,
    updatedAt: _u,
    createdBy: _cb,
    createdAt: _ca,
    newestKey: _n,
    ...rest
  } = next;
  return rest;
}
