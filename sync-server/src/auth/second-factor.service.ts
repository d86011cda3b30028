import type { SecondFactorEnrolStart, SecondFactorErrorCode, SecondFactorStatus } from '../../../shared/src/protocol/second-factor';
import type { User } from '../../../shared/src';
import type { Storage } from '../storage/storage';
import { FailureLimiter } from './rate-limit';
import { SecondFactorFreshness } from './second-factor-freshness';
import type { SecondFactorMethod } from './second-factor-method';

/** Wrong codes allowed per user within the window before every code is refused. */
export const SECOND_FACTOR_MAX_FAILURES = 5;
export const SECOND_FACTOR_FAILURE_WINDOW_MS = 15 * 60 * 1000;

export type SecondFactorResult<T> = { ok: true; value: T } | { ok: false; code: SecondFactorErrorCode };

type Listener = (userId: string, tokenHash: string) => void;

/**
 * Enrolment and verification of a user's second factor. Secrets live only in the server's
 * second_factors table; a session (by token hash) is marked verified, and freshness is decided by
 * SecondFactorFreshness.
 */
export class SecondFactorService {
  private readonly failures = new FailureLimiter(SECOND_FACTOR_MAX_FAILURES, SECOND_FACTOR_FAILURE_WINDOW_MS);
  private readonly listeners = new Set<Listener>();
  readonly freshness: SecondFactorFreshness;

  constructor(
    private readonly storage: Storage,
    private readonly now: () => number,
    private readonly method: SecondFactorMethod,
  ) {
    this.freshness = new SecondFactorFreshness(storage, now);
  }

  async status(user: User, tokenHash: string): Promise<SecondFactorStatus> {
    const row = await this.storage.getSecondFactor(user.id);
    return {
      method: row?.method ?? this.method.id,
      enrolled: row?.confirmed ?? false,
      pending: row ? !row.confirmed : false,
      fresh: await this.freshness.isFresh(tokenHash),
    };
  }

  /** Starts (or restarts, while unconfirmed) enrolment with a new secret. */
  async startEnrolment(user: User): Promise<SecondFactorResult<SecondFactorEnrolStart>> {
    const existing = await this.storage.getSecondFactor(user.id);
    if (existing?.confirmed) return { ok: false, code: 'already_enrolled' };
    const enrolment = await this.method.enrol({ userId: user.id, username: user.username });
    const stored = await this.storage.putSecondFactor({ userId: user.id, method: this.method.id, secret: enrolment.secret, confirmed: false, lastStep: null, createdAt: this.now() });
    if (!stored) return { ok: false, code: 'already_enrolled' };
    return { ok: true, value: { method: 'totp', secret: enrolment.display.secret, uri: enrolment.display.uri } };
  }

  /** Activates a pending enrolment with its first valid code; the session counts as verified. */
  confirmEnrolment(user: User, tokenHash: string, code: string): Promise<SecondFactorResult<{ verifiedAt: number }>> {
    return this.check(user, tokenHash, code, 'confirm');
  }

  /** Accepts a code from an enrolled user and marks this session verified. */
  verify(user: User, tokenHash: string, code: string): Promise<SecondFactorResult<{ verifiedAt: number }>> {
    return this.check(user, tokenHash, code, 'verify');
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async check(user: User, tokenHash: string, code: string, kind: 'confirm' | 'verify'): Promise<SecondFactorResult<{ verifiedAt: number }>> {
    const now = this.now();
    if (this.failures.isBlocked(user.id, now)) return { ok: false, code: 'rate_limited' };
    const row = await this.storage.getSecondFactor(user.id);
    if (kind === 'confirm' && row?.confirmed) return { ok: false, code: 'already_enrolled' };
    if (!row || (kind === 'verify' && !row.confirmed) || row.method !== this.method.id) return { ok: false, code: 'not_enrolled' };
    const result = kind === 'confirm' ? await this.method.confirm(row.secret, code, now) : await this.method.verify(row.secret, code, now);
    if (!result.ok) {
      this.failures.fail(user.id, now);
      return { ok: false, code: 'invalid_code' };
    }
    // Atomic in storage: of two requests with one code, only the first gets the step.
    if (!(await this.storage.acceptSecondFactorStep(user.id, result.counter, kind === 'confirm'))) return { ok: false, code: 'replayed_code' };
    this.failures.reset(user.id);
    const verifiedAt = await this.freshness.verified(tokenHash);
    for (const listener of this.listeners) listener(user.id, tokenHash);
    return { ok: true, value: { verifiedAt } };
  }
}
