/**
 * Fixed-window failure counter: after `max` failures within `windowMs` a key is blocked until
 * the window runs out. Used for sign-in (LoginThrottle) and second-factor codes.
 */
export class FailureLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  isBlocked(key: string, now: number): boolean {
    const h = this.hits.get(key);
    if (!h || h.resetAt <= now) return false;
    return h.count >= this.max;
  }

  fail(key: string, now: number): void {
    const h = this.hits.get(key);
    if (!h || h.resetAt <= now) this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
    else h.count++;
    if (this.hits.size > 100_000) this.sweep(now);
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private sweep(now: number): void {
    for (const [k, h] of this.hits) if (h.resetAt <= now) this.hits.delete(k);
  }
}

/** Token bucket for messages on one socket: `rate` per second, bursts up to `burst`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Wrong passwords per account (from anywhere) before its unknown devices are refused for the window. */
export const LOGIN_ACCOUNT_MAX_FAILURES = 5;
/** Wrong passwords sent with one known device token before that device is refused too. */
export const LOGIN_DEVICE_MAX_FAILURES = 5;
/**
 * Failed sign-ins per address before it is refused. Far above one office: hundreds of desktops
 * behind one NAT address mistyping now and then stay well below it; spraying many names does not.
 */
export const LOGIN_ADDRESS_MAX_FAILURES = 1000;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

/** One sign-in attempt as the throttle sees it; `device` is set only for a device token known for this account. */
export interface LoginAttempt {
  account: string;
  address: string;
  device: string | null;
}

/**
 * Sign-in throttling that cannot be turned against the account's owner. Guesses count against
 * the account, the address and (when sent) the device. A device that signed in successfully as
 * this account before is judged only by its own failures: an attacker guessing the password,
 * from anywhere, can lock out new devices but never the owner's own computer. Everyone else
 * meets the per-account lock and the per-address ceiling.
 */
export class LoginThrottle {
  private readonly accounts = new FailureLimiter(LOGIN_ACCOUNT_MAX_FAILURES, LOGIN_WINDOW_MS);
  private readonly devices = new FailureLimiter(LOGIN_DEVICE_MAX_FAILURES, LOGIN_WINDOW_MS);
  private readonly addresses: FailureLimiter;

  /** `addressMaxFailures` is lowered only by tests, which cannot afford a thousand password hashes. */
  constructor(addressMaxFailures = LOGIN_ADDRESS_MAX_FAILURES) {
    this.addresses = new FailureLimiter(addressMaxFailures, LOGIN_WINDOW_MS);
  }

  allowed(a: LoginAttempt, now: number): boolean {
    if (a.device !== null) return !this.devices.isBlocked(a.device, now);
    return !this.accounts.isBlocked(a.account, now) && !this.addresses.isBlocked(a.address, now);
  }

  failed(a: LoginAttempt, now: number): void {
    this.accounts.fail(a.account, now);
    this.addresses.fail(a.address, now);
    if (a.device !== null) this.devices.fail(a.device, now);
  }

  succeeded(a: LoginAttempt): void {
    this.accounts.reset(a.account);
    if (a.device !== null) this.devices.reset(a.device);
  }
}
