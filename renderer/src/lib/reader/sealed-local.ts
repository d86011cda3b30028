import type { DiariumDatabase } from '../replica/database';
import { decodeValue, encodeValue, isEncoded, replicaKey } from '../replica/sealed-storage';

/**
 * The reader's own data on this device (private notes, what the member has seen of each package):
 * RxDB local documents of the replica, which are never replicated, with the value encrypted by the
 * replica's key the same way sealed content is (AES-GCM, `sealed-storage.ts`): local documents are
 * not part of the sealed collections, so they are sealed here.
 */
export class SealedLocal {
  private readonly key: Promise<CryptoKey>;

  constructor(private readonly db: DiariumDatabase) {
    this.key = replicaKey(db.password as string);
  }

  async get<T>(id: string): Promise<T | null> {
    const box = (await this.db.getLocal<{ box?: unknown }>(id))?.get('box') as unknown;
    return isEncoded(box) ? ((await decodeValue(await this.key, box)) as T) : null;
  }

  async set<T>(id: string, value: T): Promise<void> {
    await this.db.upsertLocal(id, { box: await encodeValue(await this.key, value) });
  }

  /** Overwritten before removal: RxDB keeps a removed local document's last data until a cleanup. */
  async remove(id: string): Promise<void> {
    const doc = await this.db.getLocal(id);
    if (!doc) return;
    await this.db.upsertLocal(id, {});
    await (await this.db.getLocal(id))?.remove();
  }
}
