import { z } from 'zod';

/** POST, JSON body SearchRequest, session token as for the other API routes → SearchResponse. */
export const SEARCH_API = '/api/search';

export const SEARCH_COLLECTIONS = ['cases', 'documents'] as const;
export type SearchCollection = (typeof SEARCH_COLLECTIONS)[number];

/** Hits one request may ask for, and how far it may page (the server examines a bounded window). */
export const MAX_SEARCH_LIMIT = 200;
export const MAX_SEARCH_OFFSET = 1000;

export const SearchRequest = z
  .object({
    /** As typed; the server parses it with parseQuery (a long one is refused as `too_long`, not cut). */
    query: z.string(),
    collections: z.array(z.enum(SEARCH_COLLECTIONS)).min(1).max(2).optional(),
    limit: z.number().int().min(1).max(MAX_SEARCH_LIMIT).optional(),
    offset: z.number().int().min(0).max(MAX_SEARCH_OFFSET).optional(),
    /** relevance (then newest, the default), newest, or title in Swedish alphabetical order. */
    sort: z.enum(['relevance', 'newest', 'title']).optional(),
  })
  .strict();
export type SearchRequest = z.infer<typeof SearchRequest>;

export interface SearchHit {
  collection: SearchCollection;
  /** The record exactly as a pull would send it to this user. */
  record: Record<string, unknown>;
}

/**
 * No total: how many records match, counting those the user may not read, would tell what they
 * hold. `more`: another page has hits the user may read.
 */
export interface SearchResponse {
  hits: SearchHit[];
  more: boolean;
}

/** Refusals of the search route besides the grammar's SearchErrorCode. */
export const SEARCH_REQUEST_ERRORS = ['bad_request', 'unauthorized', 'unsupported_media_type', 'too_large'] as const;
