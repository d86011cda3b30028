import { firstValueFrom } from 'rxjs';
import { MAX_PULL_BATCH, type Checkpoint, type CollectionName, type PullResponse } from '../../shared/src';
import { SyncConnection, type WebSocketFactory } from '../../renderer/src/lib/replica/connection';
import type { Session } from '../../renderer/src/lib/replica/types';

export type WireRecord = Record<string, unknown> & { id: string };

/** One pull's answer as the client saw it: round trip (server, wire, JSON parse) and records. */
export interface PullTiming {
  collection: CollectionName;
  ms: number;
  records: number;
  /** The server's count of what remains after this answer, when asked (`withRemaining`). */
  remaining?: number;
}

export interface PullAllOptions {
  /** Records asked for per pull (the protocol's maximum unless given). */
  limit?: number;
  /** Pull the collections side by side, as the replica does, instead of one after the other. */
  parallel?: boolean;
  /** Ask each collection's first pull how many records remain, as the replica does for its progress bar. */
  withRemaining?: boolean;
  /**
   * Collections that start pulling only once every other has had its first answer, as the replica
   * holds its `BACKGROUND_COLLECTIONS` until the list is usable (with `parallel`).
   */
  background?: ReadonlySet<CollectionName>;
  onPull?: (t: PullTiming) => void;
}

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
  { limit = MAX_PULL_BATCH, parallel = false, withRemaining = false, background = new Set(), onPull }: PullAllOptions = {},
): Promise<Map<CollectionName, WireRecord[]>> {
  const conn = new SyncConnection(session.serverUrl, session.token, WebSocketImpl, fetchImpl);
  const opened = firstValueFrom(conn.opened);
  conn.start();
  await opened;
  const foreground = collections.filter((c) => !background.has(c));
  const answered = new Map<CollectionName, () => void>();
  const firstAnswers = foreground.map((c) => new Promise<void>((resolve) => answered.set(c, resolve)));
  const pullCollection = async (collection: CollectionName): Promise<WireRecord[]> => {
    if (background.has(collection)) await Promise.all(firstAnswers);
    const records: WireRecord[] = [];
    let checkpoint: Checkpoint | null = null;
    for (;;) {
      const t0 = performance.now();
      const ask = withRemaining && checkpoint === null;
      const res: PullResponse = await conn.request({
        t: 'pull',
        collection,
        checkpoint,
        limit,
        ...(ask ? { withRemaining: true as const } : {}),
      });
      onPull?.({
        collection,
        ms: performance.now() - t0,
        records: res.documents.length,
        ...(res.remaining === undefined ? {} : { remaining: res.remaining }),
      });
      for (const doc of res.documents) {
        const { _deleted, ...rest } = doc;
        if (!_deleted) records.push(rest as WireRecord);
      }
      checkpoint = res.checkpoint;
      answered.get(collection)?.();
      // The server fills every batch unless the log has ended or it stopped at its work limit (`more`).
      if (res.documents.length < limit && !res.more) return records;
    }
  };
  try {
    const out = new Map<CollectionName, WireRecord[]>();
    if (parallel)
      (await Promise.all(collections.map(async (c) => [c, await pullCollection(c)] as const))).forEach(([c, r]) => out.set(c, r));
    else for (const c of collections) out.set(c, await pullCollection(c));
    return out;
  } finally {
    conn.stop();
  }
}
