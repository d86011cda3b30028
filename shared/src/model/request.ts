import { z } from 'zod';
import { Id, IsoDate, IsoTimestamp, Text, recordBase, recordBaseDeclarations } from './common';
import { declareFields } from './sensitivity';
import { LegalGround } from './restriction';

/**
 * An information request (begäran om att ta del av allmän handling, utlämnande). Anyone may ask,
 * anonymously too (TF 2 kap. 18 §); the authority answers promptly (skyndsamt, TF 2 kap. 15 §).
 * The request is handled in a case of its own (`caseId`), where the decision document is registered.
 */
export const DELIVERY_METHODS = ['paper', 'email', 'pickup'] as const;
export const DeliveryMethod = z.enum(DELIVERY_METHODS);
export type DeliveryMethod = z.infer<typeof DeliveryMethod>;

/**
 * received → in_review → decided → delivered. A refusal in full ends at decided (nothing to deliver);
 * `withdrawn` ends a request the requester took back.
 */
export const REQUEST_STATUSES = ['received', 'in_review', 'decided', 'delivered', 'withdrawn'] as const;
export const RequestStatus = z.enum(REQUEST_STATUSES);
export type RequestStatus = z.infer<typeof RequestStatus>;

/** Per requested record: release in full, release a masked copy, or refuse. */
export const REVIEW_OUTCOMES = ['pending', 'release', 'release_masked', 'refuse'] as const;
export const ReviewOutcome = z.enum(REVIEW_OUTCOMES);
export type ReviewOutcome = z.infer<typeof ReviewOutcome>;

/** The decision on the whole request; '' until decided. */
export const DECISION_OUTCOMES = ['', 'release', 'partial_release', 'refusal'] as const;
export const DecisionOutcome = z.enum(DECISION_OUTCOMES);
export type DecisionOutcome = z.infer<typeof DecisionOutcome>;

export const DELIVERY_FORMATS = ['', 'pdf', 'zip'] as const;
export const DeliveryFormat = z.enum(DELIVERY_FORMATS);
export type DeliveryFormat = z.infer<typeof DeliveryFormat>;

export const MAX_REQUEST_ITEMS = 500;

/** One requested case or document and what the review decided for it. */
export const RequestItem = z
  .object({
    id: Id,
    targetCollection: z.enum(['cases', 'documents']),
    targetId: Id,
    review: ReviewOutcome,
    /** Legal grounds of the maskings (release_masked) or of the refusal (refuse). */
    grounds: z.array(LegalGround.min(1)).max(20),
    /** The registered masked copy handed out (release_masked); '' otherwise. */
    maskedDocumentId: z.string().max(64),
    comment: Text(1000),
    /** Server-assigned when the review outcome is set. */
    reviewedBy: z.string().max(64),
    reviewedAt: IsoTimestamp,
  })
  .strict();
export type RequestItem = z.infer<typeof RequestItem>;

export const InformationRequest = z.object({
  ...recordBase,
  /** The case the request is handled in (decision documents are registered there). */
  caseId: Id,
  /** '' when the requester is anonymous. */
  requesterName: Text(300),
  anonymous: z.boolean(),
  /** E-mail or postal address for delivery; may be '' (pick-up, anonymous). */
  requesterContact: Text(300),
  receivedDate: IsoDate,
  /** What is asked for, in the requester's words. */
  description: Text(4000),
  deliveryMethod: DeliveryMethod,
  dueDate: IsoDate,
  items: z.array(RequestItem).max(MAX_REQUEST_ITEMS),
  status: RequestStatus,
  responsibleUserId: z.string().max(64),
  decision: DecisionOutcome,
  /** The registered decision document (partial release or refusal); '' otherwise. */
  decisionDocumentId: z.string().max(64),
  /** Server-assigned. */
  decidedBy: z.string().max(64),
  decidedAt: IsoTimestamp,
  deliveredBy: z.string().max(64),
  deliveredAt: IsoTimestamp,
  deliveryFormat: DeliveryFormat,
  /** SHA-256 of the delivered package, '' before delivery. */
  deliverySha256: z.union([z.string().regex(/^[0-9a-f]{64}$/), z.literal('')]),
  createdBy: z.string().max(64),
  createdAt: IsoTimestamp,
  newestKey: z.string().max(20),
});
export type InformationRequest = z.infer<typeof InformationRequest>;

/** A request in a restricted case reaches only those who may read that case (rules/projection.ts). */
export const REQUEST_FIELDS = declareFields<InformationRequest>({
  ...recordBaseDeclarations,
  caseId: 'metadata',
  requesterName: 'content',
  anonymous: 'content',
  requesterContact: 'content',
  receivedDate: 'metadata',
  description: 'content',
  deliveryMethod: 'content',
  dueDate: 'metadata',
  items: 'content',
  status: 'metadata',
  responsibleUserId: 'metadata',
  decision: 'content',
  decisionDocumentId: 'metadata',
  decidedBy: 'metadata',
  decidedAt: 'metadata',
  deliveredBy: 'metadata',
  deliveredAt: 'metadata',
  deliveryFormat: 'metadata',
  deliverySha256: 'content',
  createdBy: 'metadata',
  createdAt: 'metadata',
  newestKey: 'metadata',
});
