import type { RawClient } from './harness';

const PAGE = 2000;

/**
 * Whole collections and single edits over a raw socket, for tests that set up a register as its
 * users would: every record of `collection` the client may read, pulled to the end as a replica
 * pulls, one version per record (the newest: a first download may send a record twice, the
 * screen's rows again with the rest of the list), and one row pushed against the version it was read at.
 */
export async function pullAll<T>(client: RawClient, collection: string): Promise<T[]> {
  const byId = new Map<string, T>();
  let checkpoint: unknown = null;
  for (;;) {
    const res = await client.send<{ documents: (T & { id: string })[]; checkpoint: unknown; more?: true }>({
      t: 'pull',
      collection,
      checkpoint,
      limit: PAGE,
    });
    for (const d of res.documents) {
      byId.delete(d.id);
      byId.set(d.id, d);
    }
    if (res.documents.length < PAGE && !res.more) return [...byId.values()];
    checkpoint = res.checkpoint;
  }
}

export async function push(client: RawClient, collection: string, prev: unknown, next: unknown): Promise<{ rejected: { code: string }[] }> {
  return client.send({
    t: 'push',
    collection,
    rows: [{ assumedMasterState: prev, newDocumentState: { ...(next as object), _deleted: false } }],
  });
}
