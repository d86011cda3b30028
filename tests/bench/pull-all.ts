import { firstValueFrom } from 'rxjs';
import { MAX_PULL_BATCH, type Checkpoint, type CollectionName, type PullResponse } from '../../shared/src';
import { SyncConnection, type WebSocketFactory } from '../../renderer/src/lib/replica/connection';
import type { Session } from '../../renderer/src/lib/replica/types';

export type WireRecord = Record<string, unknown> & { id: string };

/**
 * Everything a user may read, pulled over the product's own protocol (the server's projection
 * and filters applied), without the `_deleted` flag: the records an initial sync delivers, as
 * plain documents ready for a bulk insert. Runs in Node (`ws`) and in the browser.
 */
export async function pullAll(
  session: Pick<Session, 'serverUrl' | 'token'>,
  collections: readonly CollectionName[],
  WebSocketImpl: WebSocketFactory,
  fetchImpl: typeof fetch,
): Promise<Map<CollectionName, WireRecord[]>> {
  const conn = new SyncConnection(session.serverUrl, session.token, WebSocketImpl, fetchImpl);
  const opened = firstValueFrom(conn.opened);
  conn.start();
  await opened;
  try {
    const out = new Map<CollectionName, WireRecord[]>();
    for (const collection of collections) {
      const records: WireRecord[] = [];
      let checkpoint: Checkpoint | null = null;
      for (;;) {
        const res: PullResponse = await conn.request({ t: 'pull', collection, checkpoint, limit: MAX_PULL_BATCH });
        for (const doc of res.documents) {
          const { _deleted, ...rest } = doc;
          if (!_deleted) records.push(rest as WireRecord);
        }
        checkpoint = res.checkpoint;
        // The server fills every batch unless the log has ended or it stopped at its work limit (`more`).
        if (res.documents.length < MAX_PULL_BATCH && !res.more) break;
      }
      out.set(collection, records);
    }
    return out;
  } finally {
    conn.stop();
  }
}
