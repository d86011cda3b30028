import type { IncomingMessage, ServerResponse } from 'node:http';
import { PartyMergeRequest } from '../../../shared/src';
import type { AuthService } from '../auth/auth.service';
import type { ChangeFeed } from '../sync/change-feed';
import type { ContextLoader } from '../sync/access-context';
import { mergeParties, PartyMergeError } from '../sync/party-merge';
import type { Storage } from '../storage/storage';
import { readJsonBody, sendJson, sessionSubject } from './http-util';

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
  const actor = await sessionSubject(req, res, deps.auth, deps.secondFactorFresh);
  if (!actor) return;
  const body = await readJsonBody(req, res, 4096);
  if (body === undefined) return;
  const request = PartyMergeRequest.safeParse(body);
  if (!request.success) return sendJson(res, 400, { error: 'bad_request' });
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
