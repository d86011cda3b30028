import { describe, expect, test } from 'vitest';
import { fullBucket, take } from './token-bucket';

const limits = { capacity: 3, perSecond: 2 };

describe('token bucket', () => {
  test('allows a burst up to the capacity, then refuses', () => {
    let b = fullBucket(limits, 0);
    const results: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      const r = take(b, 1, limits, 0);
      b = r.bucket;
      results.push(r.ok);
    }
    expect(results).toEqual([true, true, true, false]);
  });

  test('refills at the rate, never beyond the capacity', () => {
    let b = take(fullBucket(limits, 0), 3, limits, 0).bucket;
    expect(take(b, 1, limits, 400).ok).toBe(false); // 0.8 tokens
    expect(take(b, 1, limits, 500).ok).toBe(true); // 1 token
    b = take(b, 0, limits, 60_000).bucket;
    expect(b.tokens).toBe(3);
  });

  test('a refused attempt takes nothing', () => {
    const b = fullBucket(limits, 0);
    const refused = take(b, 5, limits, 0);
    expect(refused.ok).toBe(false);
    expect(refused.bucket.tokens).toBe(3);
    expect(take(refused.bucket, 3, limits, 0).ok).toBe(true);
  });

  test('a clock that goes backwards does not add tokens', () => {
    const b = take(fullBucket(limits, 1000), 3, limits, 1000).bucket;
    expect(take(b, 1, limits, 0).ok).toBe(false);
  });
});
