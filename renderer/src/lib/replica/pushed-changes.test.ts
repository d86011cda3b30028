import { describe, expect, it } from 'vitest';
import type { ChangeBatch, Checkpoint } from '../../../../shared/src';
import { MAX_HELD, PushedChanges } from './pushed-changes';

const at = (seq: number): Checkpoint => ({ seq, fp: 'a' });
const doc = (id: string) => ({ id, title: id });
const batch = (from: number, to: number, ids: string[]): ChangeBatch => ({
  t: 'change',
  collection: 'cases',
  from: at(from),
  checkpoint: at(to),
  documents: ids.map(doc),
});

describe('PushedChanges', () => {
  it('answers a pull from exactly the batch’s starting checkpoint, once', () => {
    const held = new PushedChanges();
    held.offer(batch(10, 12, ['a']));
    expect(held.take(at(10))).toEqual({ documents: [doc('a')], checkpoint: at(12) });
    expect(held.take(at(10))).toBeNull();
  });

  it('never answers a pull from another checkpoint (a stale batch must not overwrite newer records)', () => {
    const held = new PushedChanges();
    held.offer(batch(10, 12, ['a']));
    expect(held.take(at(9))).toBeNull();
    expect(held.take(at(12))).toBeNull();
    expect(held.take({ seq: 10, fp: 'b' })).toBeNull();
    expect(held.take({ seq: 10, fp: 'a', rescan: { olds: ['x'], pos: 3 } })).toBeNull();
    expect(held.take(null)).toBeNull();
    expect(held.take(undefined)).toBeNull();
    // Still held for the pull it does answer.
    expect(held.take(at(10))?.checkpoint).toEqual(at(12));
  });

  it('joins consecutive batches into one answer', () => {
    const held = new PushedChanges();
    held.offer(batch(10, 12, ['a']));
    held.offer(batch(12, 15, ['b', 'c']));
    expect(held.take(at(10))).toEqual({ documents: [doc('a'), doc('b'), doc('c')], checkpoint: at(15) });
  });

  it('replaces what it holds with a batch that does not continue it', () => {
    const held = new PushedChanges();
    held.offer(batch(10, 12, ['a']));
    held.offer(batch(20, 21, ['b']));
    expect(held.take(at(10))).toBeNull();
    expect(held.take(at(20))).toEqual({ documents: [doc('b')], checkpoint: at(21) });
  });

  it('drops what it holds on a notice (e.g. the user’s access changed: the client must pull)', () => {
    const held = new PushedChanges();
    held.offer(batch(10, 12, ['a']));
    held.offer({ t: 'change', collection: 'cases' });
    expect(held.take(at(10))).toBeNull();
  });

  it('drops what it holds on clear (a new socket)', () => {
    const held = new PushedChanges();
    held.offer(batch(10, 12, ['a']));
    held.clear();
    expect(held.take(at(10))).toBeNull();
  });

  it('holds at most MAX_HELD records; beyond, the client pulls', () => {
    const ids = (n: number, p: string) => Array.from({ length: n }, (_, i) => `${p}${i}`);
    const held = new PushedChanges();
    held.offer(batch(10, 11, ids(MAX_HELD, 'a')));
    expect(held.take(at(10))?.documents).toHaveLength(MAX_HELD);

    held.offer(batch(10, 11, ids(MAX_HELD - 1, 'a')));
    held.offer(batch(11, 12, ids(2, 'b')));
    // The joined answer would be too big: the second batch alone is kept.
    expect(held.take(at(10))).toBeNull();
    expect(held.take(at(11))?.documents).toHaveLength(2);

    held.offer(batch(10, 11, ids(MAX_HELD + 1, 'a')));
    expect(held.take(at(10))).toBeNull();
  });
});
