import { describe, expect, it } from 'vitest';
import type { StoredRecord } from '../storage/storage';
import { latestWrites } from './latest-writes';

const rec = (collection: StoredRecord['collection'], id: string, seq: number): StoredRecord => ({
  collection,
  id,
  registerId: 'reg-ks',
  seq,
  version: seq,
  deleted: false,
  data: { id, registerId: 'reg-ks', seq },
});

describe('latestWrites', () => {
  it('keeps each record once, its last write, whatever order the act collected them in', () => {
    const reanchored = rec('audit', 'a1', 10);
    const dropped = rec('audit', 'a1', 14);
    const doc = rec('documents', 'a1', 12);
    expect(latestWrites([dropped, doc, reanchored, rec('audit', 'a2', 11)])).toEqual([rec('audit', 'a2', 11), doc, dropped]);
  });

  it('returns an empty list for none', () => {
    expect(latestWrites([])).toEqual([]);
  });
});
