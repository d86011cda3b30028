import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseQuery, SEARCH_COLLECTIONS, SearchRequest } from '../../../shared/src/search';
import type { AuthService } from '../auth/auth.service';
import { SearchTimeoutError, type Searcher } from '../search/search-pool';
import { readJsonBody, sendJson, sendJsonText, sessionSubject } from './http-util';

/** Room for the longest query the grammar refuses by name (10,000 characters, JSON-escaped) and the options. */
const MAX_BODY = 64 * 1024;

export interface SearchDeps {
  auth: AuthService;
  search: Searcher;
  secondFactorFresh: (token: string) => Promise<boolean>;
}

/**
 * POST /api/search: JSON SearchRequest → SearchResponse for the session's user. A query the
 * grammar refuses is a 400 naming the grammar's code (and where), never a server error; one
 * stopped at its time limit is a 503 `search_timeout` (the client then searches its replica).
 */
export async function handleSearch(req: IncomingMessage, res: ServerResponse, deps: SearchDeps): Promise<void> {
  const subject = await sessionSubject(req, res, deps.auth, deps.secondFactorFresh);
  if (!subject) return;
  const body = await readJsonBody(req, res, MAX_BODY);
  if (body === undefined) return;
  const request = SearchRequest.safeParse(body);
  if (!request.success) return sendJson(res, 400, { error: 'bad_request' });
  const parsed = parseQuery(request.data.query);
  if (!parsed.ok) return sendJson(res, 400, parsed.at === undefined ? { error: parsed.error } : { error: parsed.error, at: parsed.at });
  try {
    const answer = await deps.search.searchJson(subject, parsed.query, {
      collections: [...new Set(request.data.collections ?? SEARCH_COLLECTIONS)],
      limit: request.data.limit ?? 50,
      offset: request.data.offset ?? 0,
      sort: request.data.sort ?? 'relevance',
    });
    sendJsonText(res, 200, answer);
  } catch (err) {
    if (!(err instanceof SearchTimeoutError)) throw err;
    sendJson(res, 503, { error: 'search_timeout' });
  }
}
