import type { IncomingMessage, ServerResponse } from 'node:http';
import { PartyMergeRequest } from '../../../shared/src';
import type { AuthService } from '../auth/auth.service';
import type { ChangeFeed } from '../sync/change-feed';
import type { ContextLoader } from '../sync/access-context';
import { mergeParties, PartyMergeError } from '../sync/party-merge';
import type { Storage } from '../storage/storage';
import { BodyTooLarge, bearerToken, isJsonBody, readBody, sendJson } from './http-util';

export interface PartyDeps {
  auth: AuthService;
  storage: Storage;
  contexts: ContextLoader;
  feed: ChangeFeed;
  now: () => number;
  newId: () => string;
  secondFactorFresh: (token: string) => Promise<boolean>;
}

const STATUS: Record<PartyMergeError['code'], number> = { forbidden: 403, not_found: 404, same_party: 400, other_register: 400 };

/** POST /api/parties/merge {keepId, mergeId}: merges two parties (sync/party-merge.ts); the changes reach every replica through the feed. */
export async function handlePartyMerge(req: IncomingMessage, res: ServerResponse, deps: PartyDeps): Promise<void> {
  const token = bearerToken(req);
  const user = await deps.auth.authenticate(token);
  if (!user || !token) {
    req.resume();
    return sendJson(res, 401, { error: 'unauthorized' });
  }
  deps.auth.touch(token);
  if (!isJsonBody(req)) {
    req.resume();
    return sendJson(res, 415, { error: 'unsupported_media_type' });
  }
  let body: unknown;
  try {
    body = JSON.parse((await readBody(req, 4096)).toString('utf8'));
  } catch (err) {
    return sendJson(res, err instanceof BodyTooLarge ? 413 : 400, { error: err instanceof BodyTooLarge ? 'too_large' : 'bad_request' });
  }
  const request = PartyMergeRequest.safeParse(body);
  if (!request.success) return sendJson(res, 400, { error: 'bad_request' });
  const actor = { ...user, secondFactorFresh: await deps.secondFactorFresh(token) };
  try {
    const written = await mergeParties(
      deps.storage,
      deps.contexts,
      actor,
      request.data.keepId,
      request.data.mergeId,
      new Date(deps.now()).toISOString(),
      deps.newId,
    );
    deps.feed.publish(written);
    sendJson(res, 200, { ok: true, changed: written.filter((r) => r.collection === 'cases' || r.collection === 'documents').length });
  } catch (err) {
    if (!(err instanceof PartyMergeError)) throw err;
    sendJson(res, STATUS[err.code], { error: err.code });
  }
}
