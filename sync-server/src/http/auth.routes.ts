import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoginRequest, PasswordChangeRequest, type PasswordChangeErrorCode } from '../../../shared/src';
import type { AuthService } from '../auth/auth.service';
import type { TrustProxy } from './client-address';
import { originAllowed } from './cors';
import { bearerToken, clientAddress, isJsonBody, readBody, sendJson } from './http-util';

const STATUS_BY_CODE = {
  invalid_credentials: 401,
  rate_limited: 429,
  inactive: 403,
  bad_request: 400,
  forbidden_origin: 403,
  unsupported_media_type: 415,
} as const;

/**
 * POST /api/login. Only JSON from an allowed origin: a page elsewhere cannot spray sign-ins
 * through its visitors' browsers (a cross-site form can send neither that origin nor that type).
 * The throttle's address is the client's behind a trusted reverse proxy (TRUST_PROXY), else the peer's.
 */
export async function handleLogin(
  req: IncomingMessage,
  res: ServerResponse,
  auth: AuthService,
  origins: ReadonlySet<string>,
  trustProxy: TrustProxy,
): Promise<void> {
  if (!originAllowed(req, origins)) {
    req.resume();
    return sendJson(res, STATUS_BY_CODE.forbidden_origin, { error: 'forbidden_origin' });
  }
  if (!isJsonBody(req)) {
    req.resume();
    return sendJson(res, STATUS_BY_CODE.unsupported_media_type, { error: 'unsupported_media_type' });
  }
  let body: unknown;
  try {
    body = JSON.parse((await readBody(req, 10_000)).toString('utf8'));
  } catch {
    return sendJson(res, 400, { error: 'bad_request' });
  }
  const parsed = LoginRequest.safeParse(body);
  if (!parsed.success) return sendJson(res, 400, { error: 'bad_request' });
  const result = await auth.login(parsed.data.username, parsed.data.password, clientAddress(req, trustProxy), parsed.data.device ?? null);
  if (!result.ok) return sendJson(res, STATUS_BY_CODE[result.code], { error: result.code });
  sendJson(res, 200, result.response);
}

const PASSWORD_STATUS: Record<PasswordChangeErrorCode, number> = {
  unauthorized: 401,
  invalid_credentials: 403,
  same_password: 400,
  bad_request: 400,
};

/** POST /api/password: the session's user replaces their password (also with a one-time password). */
export async function handlePasswordChange(
  req: IncomingMessage,
  res: ServerResponse,
  auth: AuthService,
  origins: ReadonlySet<string>,
): Promise<void> {
  const fail = (code: PasswordChangeErrorCode) => sendJson(res, PASSWORD_STATUS[code], { error: code });
  if (!originAllowed(req, origins) || !isJsonBody(req)) {
    req.resume();
    return fail('bad_request');
  }
  let body: unknown;
  try {
    body = JSON.parse((await readBody(req, 10_000)).toString('utf8'));
  } catch {
    return fail('bad_request');
  }
  const parsed = PasswordChangeRequest.safeParse(body);
  if (!parsed.success) return fail('bad_request');
  const result = await auth.changePassword(bearerToken(req), parsed.data.current, parsed.data.next);
  if (result !== 'ok') return fail(result);
  sendJson(res, 200, { ok: true });
}

export async function handleLogout(req: IncomingMessage, res: ServerResponse, auth: AuthService): Promise<void> {
  const token = bearerToken(req);
  if (token) await auth.logout(token);
  sendJson(res, 200, { ok: true });
}

export async function handleMe(req: IncomingMessage, res: ServerResponse, auth: AuthService): Promise<void> {
  const state = await auth.sessionState(bearerToken(req));
  if ('reason' in state) {
    if (state.reason === 'inactive') return sendJson(res, 403, { error: 'inactive' });
    return sendJson(res, 401, { error: state.reason === 'password_change_required' ? state.reason : 'unauthorized' });
  }
  auth.touch(bearerToken(req)!);
  sendJson(res, 200, { user: state.user });
}
