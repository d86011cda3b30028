import { forkTs } from './proc';
import type { SyncResult } from './sync-result';

/** A full initial sync of the product's client replica, in a fresh child process. */
export async function protocolSync(url: string, username: string, password: string): Promise<SyncResult> {
  const child = forkTs(new URL('./protocol-client.ts', import.meta.url), [url, username, password]);
  try {
    return await child.message<SyncResult>();
  } finally {
    await child.stop();
  }
}
