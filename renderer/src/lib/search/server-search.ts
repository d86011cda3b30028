import { z } from 'zod';
import type { Case, Document } from '../../../../shared/src';
import { MAX_SEARCH_LIMIT, SEARCH_API, SEARCH_COLLECTIONS, type SearchRequest } from '../../../../shared/src/search';
import type { SearchHit } from './hits';

/** Hits per request: the server's cap, and the same bound the offline search keeps. */
export const SEARCH_LIMIT = MAX_SEARCH_LIMIT;

/** What a search call needs of the signed-in session. */
export interface SearchSession {
  serverUrl: string;
  token: string;
}

export type ServerSearchResult =
  | { ok: true; hits: SearchHit[]; more: boolean }
  /** No answer (offline, the server down, a 5xx): search the replica instead. */
  | { ok: false; reason: 'unreachable' }
  /** The server refused the query or the session: `code` (and `at`, for the grammar) from its answer; 'unknown' if none. */
  | { ok: false; reason: 'refused'; status: number; code: string; at?: number };

// Records arrive projected exactly as a pull sends them (withheld fields emptied, so a title may
// be ''): only the frame is checked here, as the replica does not re-validate pulled records either.
const Reply = z.object({
  hits: z.array(
    z.object({
      collection: z.enum(['cases', 'documents']),
      record: z.looseObject({ id: z.string(), withheld: z.array(z.string()) }),
    }),
  ),
  more: z.boolean(),
});
const Refusal = z.object({ error: z.string(), at: z.number().int().min(0).optional() });

/** Searches everything the user may read on the server. Never throws. */
export async function searchServer(
  session: SearchSession,
  query: string,
  fetchImpl: typeof fetch = fetch,
  signal?: AbortSignal,
): Promise<ServerSearchResult> {
  const request: SearchRequest = { query, collections: [...SEARCH_COLLECTIONS], limit: SEARCH_LIMIT, offset: 0 };
  let res: Response;
  try {
    res = await fetchImpl(`${session.serverUrl}${SEARCH_API}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal: signal ?? null,
    });
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
  if (res.status >= 500) return { ok: false, reason: 'unreachable' };
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const refused = Refusal.safeParse(json);
    if (!refused.success) return { ok: false, reason: 'refused', status: res.status, code: 'unknown' };
    const { error, at } = refused.data;
    return at === undefined
      ? { ok: false, reason: 'refused', status: res.status, code: error }
      : { ok: false, reason: 'refused', status: res.status, code: error, at };
  }
  const reply = Reply.safeParse(json);
  if (!reply.success) return { ok: false, reason: 'unreachable' };
  return {
    ok: true,
    hits: reply.data.hits.map((h) =>
      h.collection === 'cases'
        ? { collection: 'cases', record: h.record as unknown as Case }
        : { collection: 'documents', record: h.record as unknown as Document },
    ),
    more: reply.data.more,
  };
}
