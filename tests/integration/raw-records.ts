import type { RawClient } from './harness';

/**
 * Whole collections and single edits over a raw socket, for tests that set up a register as its
 * users would (the disposal tests): every record of `collection` the client may read (up to 5,000),
 * and one row pushed against the version it was read at.
 */
export async function pullAll<T>(client: RawClient, collection: string): Promise<T[]> {
  return (await client.send<{ documents: T[] }>({ t: 'pull', collection, checkpoint: null, limit: 5000 })).documents;
}

export async function push(client: RawClient, collection: string, prev: unknown, next: unknown): Promise<{ rejected: { code: string }[] }> {
  return client.send({
    t: 'push',
    collection,
    rows: [{ assumedMasterState: prev, newDocumentState: { ...(next as object), _deleted: false } }],
  });
}
