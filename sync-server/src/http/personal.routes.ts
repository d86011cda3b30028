import type { IncomingMessage, ServerResponse } from 'node:http';
import { OpsRequest, PERSONAL_API, type OpsResponse } from '../../../shared/src/protocol/personal';
import type { AuthService } from '../auth/auth.service';
import type { PersonalStorage } from '../storage/personal-storage';
import { personalLists } from '../personal/lists';
import type { PersonalOps } from '../personal/ops';
import type { TargetProjector } from '../personal/targets';
import { readJsonBody, sendJson, sessionSubject } from './http-util';

export interface PersonalDeps {
  auth: AuthService;
  personal: PersonalStorage;
  targets: TargetProjector;
  ops: PersonalOps;
  secondFactorFresh: (token: string) => Promise<boolean>;
}

/** 200 ops with a 1000-character note each, and room for the rest of each op. */
const MAX_BODY = 512 * 1024;

/** Routes under /api/personal (session first; the user is the session's); false when the path is none of them. */
export async function routePersonal(req: IncomingMessage, res: ServerResponse, pathname: string, deps: PersonalDeps): Promise<boolean> {
  const list = pathname === PERSONAL_API.root && req.method === 'GET';
  const ops = pathname === PERSONAL_API.ops && req.method === 'POST';
  if (!list && !ops) return false;
  const user = await sessionSubject(req, res, deps.auth, deps.secondFactorFresh);
  if (!user) return true;
  if (list) {
    req.resume();
    sendJson(res, 200, await personalLists(deps.personal, deps.targets, user));
    return true;
  }
  const body = await readJsonBody(req, res, MAX_BODY);
  if (body === undefined) return true;
  const request = OpsRequest.safeParse(body);
  if (!request.success) {
    sendJson(res, 400, { error: 'bad_request' });
    return true;
  }
  const answer: OpsResponse = { results: await deps.ops.apply(user, request.data.ops) };
  sendJson(res, 200, answer);
  return true;
}
