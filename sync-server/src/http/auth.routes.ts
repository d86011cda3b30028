import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoginRequest } from '../../../shared/src';
import type { AuthService } from '../auth/auth.service';
import { bearerToken, clientAddress, readBody, sendJson } from './http-util';

const STATUS_BY_CODE = { invalid_credentials: 401, rate_limited: 429, inactive: 403, bad_request: 400 } as const;

export async function handleLogin(req: IncomingMessage, res: ServerResponse, auth: AuthService): Promise<void> {
  let body: unknown;
  try {
    body = JSON.parse((await readBody(req, 10_000)).toString('utf8'));
  } catch {
    return sendJson(res, 400, { error: 'bad_request' });
  }
  const parsed = LoginRequest.safeParse(body);
  if (!parsed.success) return sendJson(res, 400, { error: 'bad_request' });
  const result = await auth.login(parsed.data.username, parsed.data.password, clientAddress(req));
  if (!result.ok) return sendJson(res, STATUS_BY_CODE[result.code], { error: result.code });
  sendJson(res, 200, result.response);
}

export async function handleLogout(req: IncomingMessage, res: ServerResponse, auth: AuthService): Promise<void> {
  const token = bearerToken(req);
  if (token) await auth.logout(token);
  sendJson(res, 200, { ok: true });
}

export async function handleMe(req: IncomingMessage, res: ServerResponse, auth: AuthService): Promise<void> {
  const state = await auth.sessionState(bearerToken(req));
  if ('reason' in state) return state.reason === 'inactive' ? sendJson(res, 403, { error: 'inactive' }) : sendJson(res, 401, { error: 'unauthorized' });
  auth.touch(bearerToken(req)!);
  sendJson(res, 200, { user: state.user });
}
