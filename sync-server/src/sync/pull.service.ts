import { projectRecord, type Checkpoint, type CollectionName, type User } from '../../../shared/src';
import type { Storage, StoredRecord } from '../storage/storage';

/** Collections whose records are scoped by `registerId` and can be filtered in the query. */
const NOT_REGISTER_SCOPED: readonly CollectionName[] = ['users'];

/** The wire form of a record for one user, or null when the user may not receive it. */
export function toWire(user: User, rec: StoredRecord): Record<string, unknown> | null {
  const visible = projectRecord(user, rec.collection, rec.data as { id: string; registerId: string });
  return visible ? { ...visible, _deleted: rec.deleted } : null;
}

/**
 * Pull by the global change sequence. It keeps scanning until the batch is full or the log
 * ends, because RxDB stops pulling as soon as it receives a short batch.
 */
export class PullService {
  constructor(private readonly storage: Storage) {}

  async pull(user: User, collection: CollectionName, checkpoint: Checkpoint | null, limit: number) {
    const scope = NOT_REGISTER_SCOPED.includes(collection) ? null : user.registerIds;
    const documents: Record<string, unknown>[] = [];
    let after = checkpoint?.seq ?? 0;
    scan: for (;;) {
      const page = await this.storage.pullPage(collection, after, limit, scope);
      for (const rec of page) {
        after = rec.seq;
        const wire = toWire(user, rec);
        if (wire) documents.push(wire);
        if (documents.length >= limit) break scan;
      }
      if (page.length < limit) break;
    }
    return { documents, checkpoint: { seq: after } };
  }
}
