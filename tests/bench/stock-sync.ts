import { forkTs } from './proc';
import type { StockServerReady } from './stock-server';
import type { SyncResult } from './sync-result';

/** Documents per pull request of the stock replication. */
export const STOCK_BATCH = 1000;

export interface StockSyncResult extends SyncResult {
  /** Records the stock server holds (what the user may read on the real server). */
  serverRecords: number;
}

/**
 * The same initial sync through RxDB's stock websocket replication: a stock server process filled
 * from the real server (not timed), then a fresh client process (timed).
 */
export async function stockSync(url: string, username: string, password: string): Promise<StockSyncResult> {
  const server = forkTs(new URL('./stock-server.ts', import.meta.url), [url, username, password]);
  try {
    const ready = await server.message<StockServerReady>();
    const client = forkTs(new URL('./stock-client.ts', import.meta.url), [ready.url, String(STOCK_BATCH)]);
    try {
      return { ...(await client.message<SyncResult>()), serverRecords: ready.records };
    } finally {
      await client.stop();
    }
  } finally {
    await server.stop();
  }
}
