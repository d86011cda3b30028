import { describe, expect, test } from 'vitest';
import { DEFAULT_POSTLISTA_RATE, parseRate, TokenBuckets } from './rate-limit';

function fakeClock(start = 1_000_000) {
  const clock = { t: start, now: () => clock.t };
  return clock;
}

describe('token buckets per address', () => {
  test('a full bucket allows `capacity` requests at once, then refuses with the seconds until the next token', () => {
    const clock = fakeClock();
    const b = new TokenBuckets({ capacity: 3, periodMs: 30_000 }, clock.now);
    expect([b.take('a'), b.take('a'), b.take('a')]).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    // One token per 10 s.
    expect(b.take('a')).toEqual({ ok: false, retryAfterSeconds: 10 });
    clock.t += 4_000;
    expect(b.take('a')).toEqual({ ok: false, retryAfterSeconds: 6 });
    clock.t += 6_000;
    expect(b.take('a')).toEqual({ ok: true });
    expect(b.take('a')).toEqual({ ok: false, retryAfterSeconds: 10 });
  });
  test('addresses have their own buckets', () => {
    const b = new TokenBuckets({ capacity: 1, periodMs: 60_000 }, fakeClock().now);
    expect(b.take('a')).toEqual({ ok: true });
    expect(b.take('a')).toMatchObject({ ok: false });
    expect(b.take('b')).toEqual({ ok: true });
  });
  test('refilling stops at capacity: a long pause does not buy a larger burst', () => {
    const clock = fakeClock();
    const b = new TokenBuckets({ capacity: 2, periodMs: 1_000 }, clock.now);
    b.take('a');
    clock.t += 3_600_000;
    expect([b.take('a'), b.take('a'), b.take('a')].map((r) => r.ok)).toEqual([true, true, false]);
  });
  test('refused requests cost nothing more: waiting the retry-after is enough', () => {
    const clock = fakeClock();
    const b = new TokenBuckets({ capacity: 1, periodMs: 5_000 }, clock.now);
    b.take('a');
    for (let i = 0; i < 50; i++) expect(b.take('a')).toMatchObject({ ok: false });
    clock.t += 5_000;
    expect(b.take('a')).toEqual({ ok: true });
  });
  test('memory is bounded: full buckets go first, then the least recently seen', () => {
    const clock = fakeClock();
    const b = new TokenBuckets({ capacity: 2, periodMs: 1_000 }, clock.now, 3);
    for (const k of ['a', 'b', 'c', 'd']) b.take(k);
    // None full: a, the least recently seen, goes.
    expect(b.size).toBe(3);
    b.take('c');
    b.take('c');
    clock.t += 500; // b and d are full again, c has one token
    b.take('e');
    expect(b.size).toBe(2);
    expect(b.take('c')).toEqual({ ok: true });
    expect(b.take('c')).toMatchObject({ ok: false });
  });
});

describe('POSTLISTA_RATE', () => {
  test('requests per seconds', () => {
    expect(parseRate('120/60')).toEqual(DEFAULT_POSTLISTA_RATE);
    expect(parseRate(' 100000 / 1 ')).toEqual({ capacity: 100_000, periodMs: 1_000 });
  });
  test.each(['', '120', '0/60', '120/0', '-1/60', '1.5/60', 'many/60', '120/60/2'])('%j is refused', (text) => {
    expect(parseRate(text)).toBeNull();
  });
});
