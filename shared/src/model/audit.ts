import { z } from 'zod';
import { IsoTimestamp, recordBase } from './common';

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'status_change',
  'file_upload',
  'file_download',
  'login',
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

/** One entry of the actor register. Written only by the server; append-only. */
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
});
export type AuditEntry = z.infer<typeof AuditEntry>;
