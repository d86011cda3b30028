import QRCode from 'qrcode';
import { z } from 'zod';
import {
  EnrolmentCodeIssued,
  SECOND_FACTOR_API,
  SecondFactorEnrolStart,
  SecondFactorError as SecondFactorErrorBody,
  SecondFactorStatus,
  SecondFactorVerified,
  type SecondFactorErrorCode,
} from '../../../shared/src/protocol/second-factor';
import { svSecondFactor } from './i18n/sv.second-factor';

/** What the calls need of the signed-in session. */
export interface SecondFactorSession {
  serverUrl: string;
  token: string;
}

/** A refused or failed call; `code` picks the Swedish message (`secondFactor.error.<code>`). */
export class SecondFactorError extends Error {
  constructor(readonly code: SecondFactorErrorCode | 'network' | 'unknown') {
    super(code);
  }
}

async function call<T>(
  session: SecondFactorSession,
  method: 'GET' | 'POST',
  path: string,
  schema: z.ZodType<T>,
  body: unknown,
  fetchImpl: typeof fetch,
): Promise<T> {
  let res: Response;
  try {
    res = await fetchImpl(`${session.serverUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${session.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new SecondFactorError('network');
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const refused = SecondFactorErrorBody.safeParse(json);
    throw new SecondFactorError(refused.success ? refused.data.error : 'unknown');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new SecondFactorError('unknown');
  return parsed.data;
}

/** Whether the user has a second factor and this session passed it recently. */
export function secondFactorStatus(session: SecondFactorSession, fetchImpl: typeof fetch = fetch): Promise<SecondFactorStatus> {
  return call(session, 'GET', SECOND_FACTOR_API.status, SecondFactorStatus, undefined, fetchImpl);
}

/**
 * Starts enrolment with the one-time code an administrator issued: a new secret and its otpauth
 * URI (restarting an unconfirmed enrolment needs a new code).
 */
export function startEnrolment(
  session: SecondFactorSession,
  enrolmentCode: string,
  fetchImpl: typeof fetch = fetch,
): Promise<SecondFactorEnrolStart> {
  return call(session, 'POST', SECOND_FACTOR_API.enrolStart, SecondFactorEnrolStart, { enrolmentCode: enrolmentCode.trim() }, fetchImpl);
}

/** Replaces the enrolled factor with a new app; this session must have passed the current one recently. */
export function replaceEnrolment(session: SecondFactorSession, fetchImpl: typeof fetch = fetch): Promise<SecondFactorEnrolStart> {
  return call(session, 'POST', SECOND_FACTOR_API.enrolStart, SecondFactorEnrolStart, { replace: true }, fetchImpl);
}

/** Administrators: a one-time enrolment code for another user, to hand over (shown once). */
export function issueEnrolmentCode(
  session: SecondFactorSession,
  userId: string,
  fetchImpl: typeof fetch = fetch,
): Promise<EnrolmentCodeIssued> {
  return call(session, 'POST', SECOND_FACTOR_API.issueEnrolmentCode, EnrolmentCodeIssued, { userId }, fetchImpl);
}

/** Administrators: removes another user's second factor (recorded in the actor register). */
export async function resetSecondFactor(session: SecondFactorSession, userId: string, fetchImpl: typeof fetch = fetch): Promise<void> {
  await call(session, 'POST', SECOND_FACTOR_API.reset, z.object({ ok: z.literal(true) }), { userId }, fetchImpl);
}

/** Activates the enrolment with the first code from the app; the session counts as verified. */
export function confirmEnrolment(
  session: SecondFactorSession,
  code: string,
  fetchImpl: typeof fetch = fetch,
): Promise<SecondFactorVerified> {
  return call(session, 'POST', SECOND_FACTOR_API.enrolConfirm, SecondFactorVerified, { code: normaliseCode(code) }, fetchImpl);
}

/** Sends a code from the app; the session is then allowed restricted content for a while. */
export function verifySecondFactor(
  session: SecondFactorSession,
  code: string,
  fetchImpl: typeof fetch = fetch,
): Promise<SecondFactorVerified> {
  return call(session, 'POST', SECOND_FACTOR_API.verify, SecondFactorVerified, { code: normaliseCode(code) }, fetchImpl);
}

/** Codes are shown as "123 456"; people paste them with spaces or dashes. */
export function normaliseCode(input: string): string {
  return input.replace(/[\s-]/g, '').slice(0, 32);
}

/** The enrolment QR code as a PNG data URL (the app's CSP allows data: images). */
export function enrolmentQrDataUrl(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
}

/** A code as typed is six digits once spaces and dashes are removed (checked before asking the server). */
export function isCodeShaped(input: string): boolean {
  return /^\d{6}$/.test(normaliseCode(input));
}

/** The Swedish message for a failed call. */
export function secondFactorMessage(err: unknown): string {
  const code = err instanceof SecondFactorError ? err.code : 'unknown';
  return svSecondFactor[`secondFactor.error.${code}`];
}
