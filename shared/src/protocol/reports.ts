import { z } from 'zod';
import { Id, IsoDate } from '../model/common';
import { isValidIsoDate } from '../rules/dates';

/**
 * Reports as PDF/A, made by the server from what the user may read (each record projected as a
 * pull would send it): the register list of cases or of documents registered in a period, and
 * statistics: cases (registered and closed per process and month, time to close), elected
 * officials (members, roles and attendance per decision body), e-signing (approval flows per month
 * and document type, time to sign) and decisions per decision body.
 * `POST /api/reports/<kind>` with a `ReportRequest` → 200 `application/pdf`, or `{error}`.
 */
export const REPORT_KINDS = [
  'case-register',
  'document-register',
  'case-statistics',
  'official-statistics',
  'signing-statistics',
  'decision-statistics',
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** The reports about decision bodies: these take `bodyId`; the others ignore it. */
export const BODY_REPORT_KINDS: readonly ReportKind[] = ['official-statistics', 'decision-statistics'];

export function reportPath(kind: ReportKind): string {
  return `/api/reports/${kind}`;
}

/** A report covers at most this many days (ten years): enough for any statistics, bounded work. */
export const MAX_REPORT_DAYS = 3660;

export const ReportRequest = z
  .object({
    registerId: Id,
    from: IsoDate.refine(isValidIsoDate, 'not a date'),
    to: IsoDate.refine(isValidIsoDate, 'not a date'),
    /** A classification code: the process and everything under it; '' for all. */
    process: z
      .string()
      .max(32)
      .regex(/^(\d+(\.\d+)*)?$/),
    /** A decision body (a `body` meeting record) for the body reports; '' or absent for all. */
    bodyId: z.union([Id, z.literal('')]).optional(),
  })
  .strict();
export type ReportRequest = z.infer<typeof ReportRequest>;

/**
 * Refusals: `bad_request` (the body), `bad_range` (to before from, or longer than
 * MAX_REPORT_DAYS), `not_found` (an unknown kind, a register the user is not in, or a body
 * the user does not receive in that register).
 */
export type ReportFailure = 'bad_request' | 'bad_range' | 'not_found';
