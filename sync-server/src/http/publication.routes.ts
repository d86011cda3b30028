import type { IncomingMessage, ServerResponse } from 'node:http';
import { PUBLICATION_API, SetRegisterListedRequest, type PublicationRefusal } from '../../../shared/src';
import { PublicationError, type PublicationService } from '../publication/publish.service';
import type { ChangeFeed } from '../sync/change-feed';
import { readJsonBody, sendJson, sessionSubject, type SessionAuth } from './http-util';

export interface PublicationRouteDeps {
  auth: SessionAuth;
  service: PublicationService;
  feed: ChangeFeed;
  secondFactorFresh: (token: string) => Promise<boolean>;
}

const STATUS: Record<PublicationRefusal, number> = {
  forbidden: 403,
  not_found: 404,
  bad_request: 400,
  not_registered: 409,
  register_unlisted: 409,
  publication_blocked: 409,
  no_files: 409,
  already_published: 409,
  not_published: 409,
};

const ID = '([A-Za-z0-9_-]{1,64})';
const DOCUMENT = new RegExp(
  `^${PUBLICATION_API.documentPrefix}${ID}(${PUBLICATION_API.publishSuffix}|${PUBLICATION_API.withdrawSuffix})?$`,
);
const REGISTER = new RegExp(`^${PUBLICATION_API.registerPrefix}${ID}$`);

/** Routes under /api/publication/ besides the day preview (documents published on the web, the register setting); false when none. */
export async function routePublication(req: IncomingMessage, res: ServerResponse, url: URL, deps: PublicationRouteDeps): Promise<boolean> {
  const p = url.pathname;
  const doc = DOCUMENT.exec(p);
  const register = REGISTER.exec(p);
  const known =
    (doc !== null && req.method === (doc[2] ? 'POST' : 'GET')) ||
    ((p === PUBLICATION_API.registers || p === PUBLICATION_API.documents) && req.method === 'GET') ||
    (register !== null && req.method === 'PUT');
  if (!known) return false;
  const actor = await sessionSubject(req, res, deps.auth, deps.secondFactorFresh);
  if (!actor) return true;
  try {
    if (doc) {
      req.resume();
      const id = doc[1]!;
      if (!doc[2]) {
        sendJson(res, 200, await deps.service.view(actor, id));
        return true;
      }
      const { result, written } =
        doc[2] === PUBLICATION_API.publishSuffix ? await deps.service.publish(actor, id) : await deps.service.withdraw(actor, id);
      deps.feed.publish(written);
      sendJson(res, 200, result);
      return true;
    }
    if (p === PUBLICATION_API.documents) {
      req.resume();
      sendJson(res, 200, await deps.service.published(actor));
      return true;
    }
    if (!register) {
      req.resume();
      sendJson(res, 200, await deps.service.registers(actor));
      return true;
    }
    const body = await readJsonBody(req, res, 1024);
    if (body === undefined) return true;
    const parsed = SetRegisterListedRequest.safeParse(body);
    if (!parsed.success) throw new PublicationError('bad_request', 'expected {listed: boolean}');
    const { result, written } = await deps.service.setRegisterListed(actor, register[1]!, parsed.data.listed);
    deps.feed.publish(written);
    sendJson(res, 200, result);
    return true;
  } catch (err) {
    if (!(err instanceof PublicationError)) throw err;
    sendJson(res, STATUS[err.code], { error: err.code });
    return true;
  }
}
