import { z } from 'zod';
import { IsoTimestamp, recordBase, recordBaseDeclarations } from './common';
import { declareFields } from './sensitivity';

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** prevHash of the first entry of a register's chain. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'status_change',
  'file_upload',
  'file_download',
  'login',
  // Approval flows, recorded against the case or document the flow runs on.
  'flow_start',
  'flow_decision',
  'flow_outcome',
  'flow_restart',
  'flow_cancel',
  // Information requests: the decision and the delivery, recorded against the request's case.
  'request_decision',
  'request_delivery',
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

/**
 * How an entry's `hash` is computed (sync-server/src/audit/audit-hash.ts):
 * 1 — over the entry's canonical content, values included (entries written before audit v2);
 * 2 — over the same content with the label and each change's values replaced by their seals'
 *     digests, so a value can later be disposed of (dropped for `DISPOSED_AUDIT_VALUE`, its salt
 *     emptied) while the stored digest keeps the chain verifiable.
 */
export const AUDIT_HASH_SCHEMES = [1, 2] as const;
export const CURRENT_AUDIT_HASH_SCHEME = 2;

/**
 * A value's seal (scheme 2): a random salt and SHA-256 over salt and value. The salt makes the
 * digest useless for confirming a guessed value; it is emptied with the value when the value is
 * disposed of, and then the digest alone stands for it.
 */
export const AuditSeal = z.object({
  salt: z.string().regex(/^([0-9a-f]{32})?$/),
  digest: z.string().regex(/^([0-9a-f]{64})?$/),
});
export type AuditSeal = z.infer<typeof AuditSeal>;

/** What stands where a disposed value was (stored register data, archived with it: hence Swedish). */
export const DISPOSED_AUDIT_VALUE = '[gallrad]';

/** One entry of the actor register. Written only by the server; append-only (values may be disposed of, see AuditSeal). */
export const AuditEntry = z.object({
  ...recordBase,
  actorId: z.string().max(64),
  actorName: z.string().max(200),
  at: IsoTimestamp,
  action: AuditAction,
  /**
   * The collection of the record. Not named `collection`: that is a property of every RxDB
   * document, and RxDB refuses (dev-mode) or fails to build documents with such a field.
   */
  recordCollection: z.string().max(32),
  recordId: z.string().max(64),
  /** The case the entry belongs to, so it can be read per case; '' for free-standing records. */
  caseId: z.string().max(64),
  /** Record label at the time, e.g. the document number. */
  label: z.string().max(200),
  /** Field-level change list: `[{field, from, to}]`, values rendered as strings. */
  changes: z.array(z.object({ field: z.string().max(64), from: z.string().max(4000), to: z.string().max(4000) })).max(200),
  /** Monotonic position in the actor register. */
  position: z.number().int().min(1),
  /** `hash` of the previous entry of the same register (64 zeros for the first): the chain link. */
  prevHash: Sha256Hex,
  /** SHA-256 over the entry's canonical content (all but hash, syncVersion, updatedAt), prevHash included; see `hashScheme`. */
  hash: Sha256Hex,
  hashScheme: z.number().int().min(1).max(2),
  /**
   * Scheme 2: the label's seal first, then each change's in the order of `changes` (one list, so
   * the replica can seal it at rest like `changes`); empty on scheme 1.
   */
  valueSeals: z.array(AuditSeal).max(201),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/**
 * Who did what and when is metadata; the values (and the label, which may be a file name) are
 * content of the record the entry is about, and so are the hashes (a hash confirms a guess).
 * `changes` is projected value by value against the declarations of that record's type.
 */
export const AUDIT_FIELDS = declareFields<AuditEntry>({
  ...recordBaseDeclarations,
  actorId: 'metadata',
  actorName: 'metadata',
  at: 'metadata',
  action: 'metadata',
  recordCollection: 'metadata',
  recordId: 'metadata',
  caseId: 'metadata',
  label: 'content',
  changes: 'content',
  position: 'metadata',
  prevHash: 'content',
  hash: 'content',
  hashScheme: 'metadata',
  // A seal confirms a guessed value to whoever holds it: withheld with the values and the hashes.
  valueSeals: 'content',
});
