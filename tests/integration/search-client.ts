import { SEARCH_API, type SearchResponse } from '../../shared/src/search';
import type { Storage } from '../../sync-server/src/storage/storage';

export interface SearchReply {
  status: number;
  /** The body as received, byte for byte (for comparing replies). */
  text: string;
  body: SearchResponse & { error?: string; at?: number };
}

/** POST /api/search as a signed-in user; a string `body` is sent as is (tests send bad ones too). */
export async function searchAs(url: string, token: string, body: unknown, headers: Record<string, string> = {}): Promise<SearchReply> {
  const res = await fetch(`${url}${SEARCH_API}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as SearchReply['body'] };
}

/** The ids of the hits, in order. */
export const hitIds = (r: SearchReply) => r.body.hits.map((h) => String(h.record.id));

/** Writes records straight into the server's storage, as pushes would store them (the index follows). */
export async function plant(storage: Storage, records: readonly [string, { id: string; registerId: string }][]): Promise<void> {
  await storage.transaction(async (tx) => {
    for (const [collection, data] of records)
      await tx.putRecord(collection as 'cases', data as unknown as Record<string, unknown> & { id: string; registerId: string });
  });
}
