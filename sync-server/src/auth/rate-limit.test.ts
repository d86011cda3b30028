import { describe, expect, it } from 'vitest';
import { FailureLimiter, TokenBucket } from './rate-limit';

const T0 = 1_800_000_000_000;

describe('FailureLimiter', () => {
  it('blocks a key after max failures within the window, not before', () => {
    const limiter = new FailureLimiter(3, 60_000);
    expect(limiter.isBlocked('anna|10.0.0.1', T0)).toBe(false);
    limiter.fail('anna|10.0.0.1', T0);
    limiter.fail('anna|10.0.0.1', T0 + 1_000);
    expect(limiter.isBlocked('anna|10.0.0.1', T0 + 2_000)).toBe(false);
    limiter.fail('anna|10.0.0.1', T0 + 2_000);
    expect(limiter.isBlocked('anna|10.0.0.1', T0 + 2_000)).toBe(true);
    expect(limiter.isBlocked('anna|10.0.0.1', T0 + 59_999)).toBe(true);
    // Other keys are not affected.
    expect(limiter.isBlocked('bo|10.0.0.1', T0 + 2_000)).toBe(false);
  });

  it('counts failures in a fixed window from the first one and unblocks when it runs out', () => {
    const limiter = new FailureLimiter(3, 60_000);
    for (let i = 0; i < 3; i++) limiter.fail('k', T0 + i);
    expect(limiter.isBlocked('k', T0 + 59_999)).toBe(true);
    expect(limiter.isBlocked('k', T0 + 60_000)).toBe(false);
    // A failure after the window starts a new count at one.
    limiter.fail('k', T0 + 60_000);
    expect(limiter.isBlocked('k', T0 + 60_001)).toBe(false);
    limiter.fail('k', T0 + 60_002);
    limiter.fail('k', T0 + 60_003);
    expect(limiter.isBlocked('k', T0 + 60_003)).toBe(true);
  });

  it('does not let failures spread over several windows add up', () => {
    const limiter = new FailureLimiter(3, 60_000);
    limiter.fail('k', T0);
    limiter.fail('k', T0 + 1);
    limiter.fail('k', T0 + 60_000);
    limiter.fail('k', T0 + 60_001);
    expect(limiter.isBlocked('k', T0 + 60_001)).toBe(false);
  });

  it('unblocks at once on reset (a successful sign-in)', () => {
    const limiter = new FailureLimiter(2, 60_000);
    limiter.fail('k', T0);
    limiter.fail('k', T0);
    expect(limiter.isBlocked('k', T0)).toBe(true);
    limiter.reset('k');
    expect(limiter.isBlocked('k', T0)).toBe(false);
    limiter.fail('k', T0);
    expect(limiter.isBlocked('k', T0)).toBe(false);
    limiter.reset('never-seen');
  });
});

describe('TokenBucket', () => {
  it('allows a burst, then refuses until tokens refill at the rate', () => {
    const bucket = new TokenBucket(10, 5, T0);
    for (let i = 0; i < 5; i++) expect(bucket.take(T0)).toBe(true);
    expect(bucket.take(T0)).toBe(false);
    // 10 per second: one token every 100 ms.
    expect(bucket.take(T0 + 50)).toBe(false);
    expect(bucket.take(T0 + 100)).toBe(true);
    expect(bucket.take(T0 + 100)).toBe(false);
    expect(bucket.take(T0 + 300)).toBe(true);
    expect(bucket.take(T0 + 300)).toBe(true);
    expect(bucket.take(T0 + 300)).toBe(false);
  });

  it('never holds more than the burst, however long it was idle', () => {
    const bucket = new TokenBucket(50, 3, T0);
    for (let i = 0; i < 3; i++) bucket.take(T0);
    const later = T0 + 3_600_000;
    let taken = 0;
    while (bucket.take(later)) taken++;
    expect(taken).toBe(3);
  });

  it('sustains exactly the rate over time', () => {
    const bucket = new TokenBucket(50, 200, T0);
    let taken = 0;
    // 10 s of a client sending every millisecond: the burst plus 50 per second.
    for (let t = T0; t < T0 + 10_000; t++) if (bucket.take(t)) taken++;
    expect(taken).toBeGreaterThanOrEqual(200 + 499);
    expect(taken).toBeLessThanOrEqual(200 + 500);
  });
});
