import { describe, expect, it } from 'vitest';
import { Checkpoint } from '../protocol/messages';
import {
  FIRST_DOWNLOAD_START,
  changedAfter,
  changedCursor,
  listCursor,
  nextPhaseStart,
  ownCursor,
  pastNewestRows,
  phaseOf,
} from './first-download';

describe('first-download cursor', () => {
  it('walks own open work, then the list (tiers 1 and 2 as one walk), then the units changed meanwhile, then ends', () => {
    expect(phaseOf(FIRST_DOWNLOAD_START)).toBe('own');
    const list = nextPhaseStart(ownCursor('k1', 'c1'))!;
    expect(list).toEqual({ tier: 1, key: '', id: '' });
    expect(phaseOf(list)).toBe('list');
    expect(phaseOf(listCursor('k9', 'c9', 'k5'))).toBe('list');
    const changed = nextPhaseStart(listCursor('k9', 'c9', 'k5'))!;
    expect(phaseOf(changed)).toBe('changed');
    expect(changedAfter(changed)).toBe(0);
    expect(nextPhaseStart(changedCursor(42, 'c3'))).toBeNull();
  });

  it('labels a list unit tier 1 up to the newest rows’ last key, tier 2 after it, and 2 when the window has fewer rows', () => {
    expect(listCursor('a', 'x', 'b')).toEqual({ tier: 1, key: 'a', id: 'x' });
    expect(listCursor('b', 'x', 'b').tier).toBe(1);
    expect(listCursor('c', 'x', 'b').tier).toBe(2);
    expect(listCursor('a', 'x', null).tier).toBe(2);
  });

  it('reads a tier-3 position from its key, and starts the tier over for a key that is not a sequence number', () => {
    expect(changedAfter(changedCursor(1234, 'c'))).toBe(1234);
    expect(changedAfter({ tier: 3, key: '-5', id: '' })).toBe(0);
    expect(changedAfter({ tier: 3, key: '1e9', id: '' })).toBe(0);
    expect(changedAfter({ tier: 2, key: '77', id: '' })).toBe(0);
  });

  it('says the list is usable once a collection is past tiers 0–1 or has no tier cursor', () => {
    expect(pastNewestRows(undefined)).toBe(true);
    expect(pastNewestRows(FIRST_DOWNLOAD_START)).toBe(false);
    expect(pastNewestRows(listCursor('a', 'x', 'b'))).toBe(false);
    expect(pastNewestRows(listCursor('c', 'x', 'b'))).toBe(true);
    expect(pastNewestRows(changedCursor(3, 'x'))).toBe(true);
  });
});

describe('Checkpoint with a first-download cursor', () => {
  it('still accepts a stored protocol-3 checkpoint without one, and accepts one with it', () => {
    expect(Checkpoint.parse({ seq: 12, fp: 'abc', w: 3 })).toEqual({ seq: 12, fp: 'abc', w: 3 });
    expect(Checkpoint.parse({ seq: 5, fp: 'abc', rescan: { olds: ['x'], pos: 2 }, w: 0, sweep: 1 }).first).toBeUndefined();
    const cp = { seq: 12, fp: 'abc', w: 3, first: { tier: 2, key: '0000123', id: 'case-1' } };
    expect(Checkpoint.parse(cp)).toEqual(cp);
  });

  it('refuses a cursor with an unknown tier, an extra field or an oversized key', () => {
    expect(Checkpoint.safeParse({ seq: 1, first: { tier: 4, key: '', id: '' } }).success).toBe(false);
    expect(Checkpoint.safeParse({ seq: 1, first: { tier: 1, key: '', id: '', extra: 1 } }).success).toBe(false);
    expect(Checkpoint.safeParse({ seq: 1, first: { tier: 1, key: 'k'.repeat(65), id: '' } }).success).toBe(false);
  });
});
