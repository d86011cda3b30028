import type { StorageTx } from '../storage/storage';
import { Refusal } from './refusal';

/** What a push may do in a transaction that must not write: read. */
const READS: ReadonlySet<PropertyKey> = new Set<keyof StorageTx>(['getRecord', 'listWhere', 'getAuditHead']);

/**
 * The transaction for a new record whose id is taken by a record the user may not see. Every
 * check runs as for an id that exists nowhere, so each refusal is the same answer (no existence
 * oracle); only a push that would be written is refused, at its first write, before anything is.
 */
export function unseenIdTx(tx: StorageTx, id: string): StorageTx {
  return new Proxy(tx, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (READS.has(prop)) return (value as (...a: unknown[]) => unknown).bind(target);
      return () => Promise.reject(new Refusal('forbidden', `id ${id} cannot be used for a new record`, ['id']));
    },
  });
}
