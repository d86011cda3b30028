import { describe, expect, it } from 'vitest';
import {
  FailureLimiter,
  LOGIN_ACCOUNT_MAX_FAILURES,
  LOGIN_ADDRESS_MAX_FAILURES,
  LOGIN_DEVICE_MAX_FAILURES,
  LOGIN_WINDOW_MS,
  LoginThrottle,
  TokenBucket,
} from './rate-limit';

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

describe('LoginThrottle', () => {
  const attacker = { account: 'anna', address: '10.0.0.1', device: null };
  const annasDesktop = { account: 'anna', address: '10.0.0.1', device: 'dev-anna' };

  it('locks an account against unknown devices after the allowed failures, from any address', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < LOGIN_ACCOUNT_MAX_FAILURES; i++) {
      expect(t.allowed({ ...attacker, address: `10.0.0.${i}` }, T0)).toBe(true);
      t.failed({ ...attacker, address: `10.0.0.${i}` }, T0);
    }
    expect(t.allowed({ ...attacker, address: '192.168.1.1' }, T0)).toBe(false);
    expect(t.allowed({ ...attacker, account: 'bo' }, T0)).toBe(true);
    expect(t.allowed(attacker, T0 + LOGIN_WINDOW_MS)).toBe(true);
  });

  it("keeps the owner's known device working while the account is locked, behind the same address", () => {
    const t = new LoginThrottle();
    for (let i = 0; i < LOGIN_ACCOUNT_MAX_FAILURES * 3; i++) t.failed(attacker, T0);
    expect(t.allowed(attacker, T0)).toBe(false);
    expect(t.allowed(annasDesktop, T0)).toBe(true);
  });

  it('limits guesses sent with a known device token too', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < LOGIN_DEVICE_MAX_FAILURES; i++) t.failed(annasDesktop, T0);
    expect(t.allowed(annasDesktop, T0)).toBe(false);
    expect(t.allowed({ ...annasDesktop, device: 'dev-anna-laptop' }, T0)).toBe(true);
    t.succeeded({ ...annasDesktop, device: 'dev-anna-laptop' });
    // Success with one device clears the account count, not another device's.
    expect(t.allowed(annasDesktop, T0)).toBe(false);
  });

  it('has a per-address ceiling far above one office, which known devices are not subject to', () => {
    const t = new LoginThrottle();
    expect(LOGIN_ADDRESS_MAX_FAILURES).toBeGreaterThanOrEqual(500);
    for (let i = 0; i < LOGIN_ADDRESS_MAX_FAILURES - 1; i++) t.failed({ account: `user${i}`, address: '10.0.0.1', device: null }, T0);
    expect(t.allowed({ account: 'new', address: '10.0.0.1', device: null }, T0)).toBe(true);
    t.failed({ account: 'last', address: '10.0.0.1', device: null }, T0);
    expect(t.allowed({ account: 'new', address: '10.0.0.1', device: null }, T0)).toBe(false);
    expect(t.allowed({ account: 'new', address: '10.0.0.2', device: null }, T0)).toBe(true);
    expect(t.allowed(annasDesktop, T0)).toBe(true);
  });
});
