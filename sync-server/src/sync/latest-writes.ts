import type { StoredRecord } from '../storage/storage';

/**
 * Each record once, as last written (the highest sequence number), in the order written: an act
 * that writes a record twice in its transaction (an actor-register entry re-anchored, then its
 * values dropped) publishes only what the replicas must hold.
 */
export function latestWrites(written: readonly StoredRecord[]): StoredRecord[] {
  const last = new Map<string, StoredRecord>();
  for (const rec of written) {
    const key = `${rec.collection}/${rec.id}`;
    const seen = last.get(key);
    if (!seen || rec.seq > seen.seq) last.set(key, rec);
  }
  return [...last.values()].sort((a, b) => a.seq - b.seq);
}
