import { z } from 'zod';
import { IsoTimestamp } from '../model/common';

/** HTTP paths of the second factor; all take the session as a bearer token. */
export const SECOND_FACTOR_API = {
  status: '/api/second-factor',
  enrolStart: '/api/second-factor/enrol/start',
  enrolConfirm: '/api/second-factor/enrol/confirm',
  verify: '/api/second-factor/verify',
  /** Administrators: POST {userId} → {code, expiresAt}, a one-time enrolment code for that user. */
  issueEnrolmentCode: '/api/admin/second-factor/enrolment-code',
  /** Administrators: POST {userId}, removes the user's second factor (recorded in the actor register). */
  reset: '/api/admin/second-factor/reset',
} as const;

/** An enrolment code is valid this long after it is issued. */
export const ENROLMENT_CODE_TTL_MS = 24 * 60 * 60 * 1000;

/** A verified second factor stays fresh while the session is never idle this long. */
export const SECOND_FACTOR_IDLE_MS = 15 * 60 * 1000;

export const SECOND_FACTOR_ERROR_CODES = [
  'invalid_code',
  'replayed_code',
  'rate_limited',
  'not_enrolled',
  'already_enrolled',
  'unauthorized',
  'inactive',
  'bad_request',
  'invalid_enrolment_code',
  'fresh_factor_required',
  'forbidden',
  'not_found',
] as const;
export const SecondFactorErrorCode = z.enum(SECOND_FACTOR_ERROR_CODES);
export type SecondFactorErrorCode = z.infer<typeof SecondFactorErrorCode>;

export const SecondFactorError = z.object({ error: SecondFactorErrorCode });
export type SecondFactorError = z.infer<typeof SecondFactorError>;

/**
 * Body of enrol/start. A first enrolment never rests on the password alone: it needs the one-time
 * code an administrator issued for this user.
 */
export const SecondFactorEnrolStartRequest = z.union([
  z.object({ enrolmentCode: z.string().max(64) }).strict(),
  /** Replacing an enrolled factor (new phone): needs this session to have passed the current one recently. */
  z.object({ replace: z.literal(true) }).strict(),
]);
export type SecondFactorEnrolStartRequest = z.infer<typeof SecondFactorEnrolStartRequest>;

/** Body of the administrator's issueEnrolmentCode and reset. */
export const SecondFactorAdminRequest = z.object({ userId: z.string().min(1).max(64) }).strict();
export type SecondFactorAdminRequest = z.infer<typeof SecondFactorAdminRequest>;

/** A new enrolment code: shown to the administrator once, never stored in clear. */
export const EnrolmentCodeIssued = z.object({ code: z.string().max(64), expiresAt: IsoTimestamp });
export type EnrolmentCodeIssued = z.infer<typeof EnrolmentCodeIssued>;

/** Body of enrol/confirm and verify. Loose on purpose: a mistyped code is `invalid_code`, not a bad request. */
export const SecondFactorCodeRequest = z.object({ code: z.string().max(32) }).strict();
export type SecondFactorCodeRequest = z.infer<typeof SecondFactorCodeRequest>;

export const SecondFactorStatus = z.object({
  /** The method's id, e.g. 'totp' (BankID later). */
  method: z.string().max(32),
  /** A confirmed second factor exists. */
  enrolled: z.boolean(),
  /** Enrolment was started but not confirmed with a code. */
  pending: z.boolean(),
  /** This session passed the second factor and has not been idle for SECOND_FACTOR_IDLE_MS since. */
  fresh: z.boolean(),
});
export type SecondFactorStatus = z.infer<typeof SecondFactorStatus>;

/** What the user needs to set up an authenticator app: shown once, as a QR code and as text. */
export const SecondFactorEnrolStart = z.object({
  method: z.literal('totp'),
  /** Base32 secret, for typing into the app when the QR code cannot be scanned. */
  secret: z
    .string()
    .regex(/^[A-Z2-7]+$/)
    .max(128),
  /** otpauth://totp/… URI, the QR code's content. */
  uri: z.string().startsWith('otpauth://totp/').max(512),
});
export type SecondFactorEnrolStart = z.infer<typeof SecondFactorEnrolStart>;

/** Answer to a confirmed enrolment or an accepted code: the session is now verified. */
export const SecondFactorVerified = z.object({
  fresh: z.literal(true),
  verifiedAt: IsoTimestamp,
});
export type SecondFactorVerified = z.infer<typeof SecondFactorVerified>;
