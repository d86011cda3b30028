import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LegalGroundsUpdate, hasPermission, isMember } from '../../../shared/src';
import type { AdminService } from '../admin/admin.service';
import type { AuthService } from '../auth/auth.service';
import { bearerToken, readBody, sendJson } from './http-util';

/** POST /api/admin/legal-grounds: only administrators (config.edit) of that register. */
export async function handleLegalGrounds(req: IncomingMessage, res: ServerResponse, auth: AuthService, admin: AdminService): Promise<void> {
  const token = bearerToken(req);
  const user = await auth.authenticate(token);
  if (!user || !token) {
    req.resume();
    return sendJson(res, 401, { error: 'unauthorized' });
  }
  auth.touch(token);
  let body: unknown;
  try {
    body = JSON.parse((await readBody(req, 200_000)).toString('utf8'));
  } catch {
    return sendJson(res, 400, { error: 'bad_request' });
  }
  const parsed = LegalGroundsUpdate.safeParse(body);
  if (!parsed.success) return sendJson(res, 400, { error: 'bad_request' });
  if (!hasPermission(user, 'config.edit') || !isMember(user, parsed.data.registerId)) return sendJson(res, 403, { error: 'forbidden' });
  const register = await admin.setLegalGrounds(user, parsed.data.registerId, parsed.data.legalGrounds, randomUUID).catch(() => null);
  if (!register) return sendJson(res, 404, { error: 'not_found' });
  sendJson(res, 200, { legalGrounds: register.legalGrounds });
}
