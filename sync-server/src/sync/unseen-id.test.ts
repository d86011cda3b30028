import { describe, expect, it } from 'vitest';
import type { StorageTx, StoredRecord } from '../storage/storage';
import { Refusal } from './refusal';
import { unseenIdTx } from './unseen-id';

describe('unseenIdTx', () => {
  it('lets a new record with a taken id be checked by reads, and refuses its first write', async () => {
    const writes: string[] = [];
    const stored = { collection: 'cases', id: 'c1' } as unknown as StoredRecord;
    const tx = {
      getRecord: async () => stored,
      listWhere: async () => [stored],
      putRecord: async () => {
        writes.push('put');
        return stored;
      },
      nextCounter: async () => {
        writes.push('counter');
        return 1;
      },
    } as unknown as StorageTx;
    const guarded = unseenIdTx(tx, 'c1');
    expect(await guarded.getRecord('cases', 'c1')).toBe(stored);
    expect(await guarded.listWhere('documents', 'caseId', 'c1')).toEqual([stored]);
    for (const write of [
      () => guarded.nextCounter('reg-ks', 'case', 2026),
      () => guarded.putRecord('cases', { id: 'c1', registerId: 'reg-ks' }),
    ]) {
      const err = await write().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Refusal);
      expect(err).toMatchObject({ code: 'forbidden', detail: 'id c1 cannot be used for a new record', fields: ['id'] });
    }
    expect(writes).toEqual([]);
  });
});
