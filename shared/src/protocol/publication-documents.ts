import { z } from 'zod';
import type { GateResult, PublicDocument, PublicFile, publishRefusal } from '../rules/public-output';

/**
 * Web publication of single documents (governing documents and the like) and the per-register
 * setting of the public list; the server module is sync-server/src/publication.
 */
export const PUBLICATION_API = {
  /** GET: what publishing would put out (the gate's decision on the entry and each file) and whether it is published now. */
  documentPrefix: '/api/publication/documents/',
  /** POST /api/publication/documents/<id>/publish, …/withdraw (no body). */
  publishSuffix: '/publish',
  withdrawSuffix: '/withdraw',
  /** GET: the documents published now in the registers the user reads. */
  documents: '/api/publication/documents',
  /** GET: every register with whether it is on the public list (config.edit). */
  registers: '/api/publication/registers',
  /** PUT {listed}: /api/publication/registers/<id> (config.edit). */
  registerPrefix: '/api/publication/registers/',
} as const;

/** Why a publication route refuses: one exact code each. */
export const PUBLICATION_REFUSALS = [
  'forbidden',
  'not_found',
  'bad_request',
  /** Only a registered document (checked or not) is published: not a draft, an annulled, disposed or archived one. */
  'not_registered',
  /** The document's register is kept off the public list. */
  'register_unlisted',
  /** The publication gate blocks the entry or one of its files (the preview gives the reasons). */
  'publication_blocked',
  /** Publishing puts files on the web: a document without one has nothing to publish. */
  'no_files',
  'already_published',
  'not_published',
] as const;
export type PublicationRefusal = (typeof PUBLICATION_REFUSALS)[number];

/** Why a document cannot be published now, as the document view and the publish route decide it (publishRefusal). */
export type PublishBlock = NonNullable<ReturnType<typeof publishRefusal>>;

/** Who published a document and when. */
export interface PublicationState {
  publishedByName: string;
  publishedAt: string;
}

/** A document as publishing would put it out, decided by the gate; `refusal`: why it cannot be published now (null: it can). */
export interface DocumentPublicationView {
  documentId: string;
  documentNumber: string;
  entry: GateResult<PublicDocument>;
  files: { id: string; name: string; decision: GateResult<PublicFile> }[];
  refusal: PublishBlock | null;
  publication: PublicationState | null;
}

/** A document published now, as the publisher's list shows it. */
export interface PublishedDocument extends PublicationState {
  documentId: string;
  documentNumber: string;
  /** The title as published; '' when the gate stops the document now (then nothing of it is shown on the web). */
  title: string;
  /** Whether the public list shows it and serves its files now (the gate passes the entry). */
  shown: boolean;
}

export const SetRegisterListedRequest = z.object({ listed: z.boolean() }).strict();
export type SetRegisterListedRequest = z.infer<typeof SetRegisterListedRequest>;

/** A register and whether its documents appear on /postlista. */
export interface RegisterListing {
  registerId: string;
  name: string;
  listed: boolean;
}
