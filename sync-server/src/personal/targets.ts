import type { AccessSubject, User } from '../../../shared/src';
import type { TargetView, WatchCollection } from '../../../shared/src/protocol/personal';
import type { Storage, StoredRecord } from '../storage/storage';
import type { ContextLoader } from '../sync/access-context';
import { toWire } from '../sync/pull.service';

export type Subject = User & AccessSubject;

export interface TargetRef {
  collection: WatchCollection;
  id: string;
}

const key = (r: TargetRef) => `${r.collection}/${r.id}`;

/**
 * What a user may see of the records their personal lists point at: the projection a pull would
 * send, read now. A record they may not read (or that is gone) has no view, so the item is left
 * out of the answer; number, title and status are never stored with the personal rows.
 */
export class TargetProjector {
  constructor(
    private readonly storage: Storage,
    private readonly contexts: ContextLoader,
  ) {}

  async views(user: Subject, refs: readonly TargetRef[]): Promise<Map<string, TargetView>> {
    const out = new Map<string, TargetView>();
    for (const collection of ['cases', 'documents'] as const) {
      const ids = [...new Set(refs.filter((r) => r.collection === collection).map((r) => r.id))];
      if (ids.length === 0) continue;
      const records = (await this.storage.getRecords(collection, ids)).filter((r) => !r.deleted && user.registerIds.includes(r.registerId));
      const ctx = await this.contexts.contexts(records);
      records.forEach((rec, i) => {
        const wire = toWire(user, rec, ctx[i]);
        if (wire) out.set(key({ collection, id: rec.id }), viewOf(collection, rec, wire));
      });
    }
    return out;
  }

  async readable(user: Subject, ref: TargetRef): Promise<boolean> {
    return (await this.views(user, [ref])).has(key(ref));
  }

  static key = key;
}

function viewOf(collection: WatchCollection, rec: StoredRecord, wire: Record<string, unknown>): TargetView {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    collection,
    id: rec.id,
    number: text(collection === 'cases' ? wire.caseNumber : wire.documentNumber),
    title: text(wire.title),
    status: text(wire.status),
  };
}
