import { COLLECTION_NAMES, COLLECTIONS, type CollectionName } from '../../../../shared/src';
import type { DiariumDatabase } from './database';

const PENDING = 'pending-changes';

/**
 * Local edits not yet accepted by the server (`collection/id`), kept in an RxDB local document
 * so changes left unsent when the app closed count from the start, before any push.
 */
export class PendingChanges {
  private constructor(
    private readonly db: DiariumDatabase,
    private readonly keys: Set<string>,
    private readonly onSize: (size: number) => void,
  ) {}

  static async load(db: DiariumDatabase, onSize: (size: number) => void): Promise<PendingChanges> {
    const saved = await db.getLocal<{ keys: string[] }>(PENDING);
    const pending = new PendingChanges(db, new Set(saved?.get('keys') ?? []), onSize);
    onSize(pending.size);
    return pending;
  }

  private get size(): number {
    return this.keys.size;
  }

  mark(collection: CollectionName, ids: readonly string[], isPending: boolean): void {
    for (const id of ids) {
      if (isPending) this.keys.add(`${collection}/${id}`);
      else this.keys.delete(`${collection}/${id}`);
    }
    this.onSize(this.size);
    void this.db.upsertLocal(PENDING, { keys: [...this.keys] }).catch(() => undefined);
  }

  /** Every write to a writable collection is pending. Replication writes bypass collection hooks, so these see only the user's own. */
  watchLocalWrites(): void {
    for (const name of COLLECTION_NAMES) {
      if (!COLLECTIONS[name].clientWritable) continue;
      this.db[name].postInsert((data) => this.mark(name, [data.id], true), false);
      this.db[name].postSave((data) => this.mark(name, [data.id], true), false);
    }
  }
}
