import { describe, expect, it } from 'vitest';
import { Checkpoint } from '../protocol/messages';
import {
  FIRST_DOWNLOAD_START,
  boundOf,
  changedAfter,
  cursorAfter,
  mergeScreen,
  nextPhaseStart,
  pastFirstScreen,
  phaseOf,
  withinBound,
} from './first-download';

describe('first-download cursor', () => {
  it('starts with the first screen, then the rest of the own open work, the rest of the list, the units changed meanwhile, then ends', () => {
    expect(phaseOf(FIRST_DOWNLOAD_START)).toBe('screen');
    const own = nextPhaseStart(cursorAfter('screen', 'k1', 'c1'))!;
    // The rest starts over: the first screen's bounds may have moved since it was sent.
    expect(own).toEqual({ tier: 0, key: '', id: '' });
    expect(phaseOf(own)).toBe('own');
    const list = nextPhaseStart(cursorAfter('own', 'k9', 'c9'))!;
    expect(list).toEqual({ tier: 2, key: '', id: '' });
    expect(phaseOf(list)).toBe('list');
    const changed = nextPhaseStart(cursorAfter('list', 'k9', 'c9'))!;
    expect(phaseOf(changed)).toBe('changed');
    expect(changedAfter(changed)).toBe(0);
    expect(nextPhaseStart(cursorAfter('changed', '42', 'c3'))).toBeNull();
  });

  it('names each phase by the tier a stored cursor of the earlier order had (0 own work, 2 the list, 3 changed)', () => {
    expect(cursorAfter('own', 'k', 'c')).toEqual({ tier: 0, key: 'k', id: 'c' });
    expect(cursorAfter('screen', 'k', 'c').tier).toBe(1);
    expect(cursorAfter('list', 'k', 'c').tier).toBe(2);
    expect(cursorAfter('changed', '7', 'c')).toEqual({ tier: 3, key: '7', id: 'c' });
  });

  it('reads a tier-3 position from its key, and starts the tier over for a key that is not a sequence number', () => {
    expect(changedAfter(cursorAfter('changed', '1234', 'c'))).toBe(1234);
    expect(changedAfter({ tier: 3, key: '-5', id: '' })).toBe(0);
    expect(changedAfter({ tier: 3, key: '1e9', id: '' })).toBe(0);
    expect(changedAfter({ tier: 2, key: '77', id: '' })).toBe(0);
  });

  it('says the list is usable once a collection is past the first screen or has no tier cursor', () => {
    expect(pastFirstScreen(undefined)).toBe(true);
    expect(pastFirstScreen(FIRST_DOWNLOAD_START)).toBe(false);
    expect(pastFirstScreen(cursorAfter('screen', 'a', 'x'))).toBe(false);
    expect(pastFirstScreen(cursorAfter('own', 'a', 'x'))).toBe(true);
    expect(pastFirstScreen(cursorAfter('list', 'c', 'x'))).toBe(true);
    expect(pastFirstScreen(cursorAfter('changed', '3', 'x'))).toBe(true);
  });
});

describe('mergeScreen', () => {
  const u = (unit: string, key: string) => ({ unit, key });

  it('merges own work and the newest rows in the list’s order, a unit in both once', () => {
    const own = [u('c2', 'k02'), u('c5', 'k05'), u('c9', 'k09')];
    const list = [u('c1', 'k01'), u('c2', 'k02'), u('c3', 'k03')];
    expect(mergeScreen(own, list, 10).map((x) => x.unit)).toEqual(['c1', 'c2', 'c3', 'c5', 'c9']);
  });

  it('orders equal keys by id and stops at the limit', () => {
    const own = [u('b', 'k1'), u('d', 'k2')];
    const list = [u('a', 'k1'), u('c', 'k1')];
    expect(mergeScreen(own, list, 3).map((x) => x.unit)).toEqual(['a', 'b', 'c']);
    expect(mergeScreen([], list, 1).map((x) => x.unit)).toEqual(['a']);
    expect(mergeScreen([], [], 5)).toEqual([]);
  });
});

describe('the first screen’s bounds by (key, id)', () => {
  const u = (unit: string, key: string) => ({ unit, key });
  // Five rows, three stamped in the same millisecond (one key).
  const rows = [u('c1', 'k1'), u('a', 'k2'), u('b', 'k2'), u('c', 'k2'), u('c9', 'k3')];

  it('ends a part at its nth unit, or at its last when it has fewer; none when it is empty', () => {
    expect(boundOf(rows, 2)).toEqual({ key: 'k2', id: 'a' });
    expect(boundOf(rows, 9)).toEqual({ key: 'k3', id: 'c9' });
    expect(boundOf([], 3)).toBeNull();
  });

  it('holds exactly n rows when the nth shares its key with the rows after it', () => {
    const bound = boundOf(rows, 2)!;
    expect(rows.filter((r) => withinBound(r, bound)).map((r) => r.unit)).toEqual(['c1', 'a']);
    // By key alone all three rows of k2 would have come with it.
    expect(rows.filter((r) => r.key <= bound.key)).toHaveLength(4);
  });

  it('includes the bound itself and orders equal keys by id', () => {
    const bound = { key: 'k2', id: 'b' };
    expect(withinBound(u('b', 'k2'), bound)).toBe(true);
    expect(withinBound(u('a', 'k2'), bound)).toBe(true);
    expect(withinBound(u('c', 'k2'), bound)).toBe(false);
    expect(withinBound(u('z', 'k1'), bound)).toBe(true);
    expect(withinBound(u('a', 'k3'), bound)).toBe(false);
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
