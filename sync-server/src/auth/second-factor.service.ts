import { createHash, randomInt } from 'node:crypto';
import {
  ENROLMENT_CODE_TTL_MS,
  type SecondFactorEnrolStart,
  type SecondFactorErrorCode,
  type SecondFactorStatus,
} from '../../../shared/src/protocol/second-factor';
import type { User } from '../../../shared/src';
import { appendAudit } from '../audit/audit';
import type { Storage, StoredRecord } from '../storage/storage';
import { FailureLimiter } from './rate-limit';
import { SecondFactorFreshness } from './second-factor-freshness';
import type { SecondFactorMethod } from './second-factor-method';

/** Wrong codes allowed per user within the window before every code is refused. */
export const SECOND_FACTOR_MAX_FAILURES = 5;
export const SECOND_FACTOR_FAILURE_WINDOW_MS = 15 * 60 * 1000;

export type SecondFactorResult<T> = { ok: true; value: T } | { ok: false; code: SecondFactorErrorCode };

type Listener = (userId: string, tokenHash: string) => void;

function userLabel(target: StoredRecord): string {
  return String((target.data as Partial<User>).displayName ?? target.id);
}

/** No 0/O, 1/I/L: read aloud or off a note without mistakes. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A new enrolment code, e.g. "K7QM-2XPA-W9RT" (12 characters, about 59 bits). */
export function newEnrolmentCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]!);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((g) => g.join('')).join('-');
}

/** What is stored of a code: its SHA-256 after removing what people add or change when typing it. */
export function enrolmentCodeHash(code: string): string {
  return createHash('sha256').update(code.replace(/[\s-]/g, '').toUpperCase()).digest('hex');
}

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

  /**
   * Starts (or restarts, while unconfirmed) enrolment with a new secret. Spends the user's
   * enrolment code: a password alone never enrols, and the secret goes only to who holds the code.
   */
  async startEnrolment(user: User, enrolmentCode: string): Promise<SecondFactorResult<SecondFactorEnrolStart>> {
    const now = this.now();
    if (this.failures.isBlocked(user.id, now)) return { ok: false, code: 'rate_limited' };
    const existing = await this.storage.getSecondFactor(user.id);
    if (existing?.confirmed) return { ok: false, code: 'already_enrolled' };
    if (!(await this.storage.takeEnrolmentCode(user.id, enrolmentCodeHash(enrolmentCode), now))) {
      this.failures.fail(user.id, now);
      return { ok: false, code: 'invalid_enrolment_code' };
    }
    return this.newSecret(user, false);
  }

  /**
   * Replaces an enrolled factor (a new phone) on the strength of the current one: this session
   * must have passed it and still be fresh. The new secret is pending until its first code.
   */
  async replaceEnrolment(user: User, tokenHash: string): Promise<SecondFactorResult<SecondFactorEnrolStart>> {
    const existing = await this.storage.getSecondFactor(user.id);
    if (!existing?.confirmed) return { ok: false, code: 'not_enrolled' };
    if (!(await this.freshness.isFresh(tokenHash))) return { ok: false, code: 'fresh_factor_required' };
    return this.newSecret(user, true);
  }

  private async newSecret(user: User, replaceConfirmed: boolean): Promise<SecondFactorResult<SecondFactorEnrolStart>> {
    const enrolment = await this.method.enrol({ userId: user.id, username: user.username });
    const row = {
      userId: user.id,
      method: this.method.id,
      secret: enrolment.secret,
      confirmed: false,
      lastStep: null,
      createdAt: this.now(),
    };
    if (!(await this.storage.putSecondFactor(row, replaceConfirmed))) return { ok: false, code: 'already_enrolled' };
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

  /**
   * Issues a new enrolment code for the target user (replacing an unused one), recorded in the
   * actor register as an update of the user record; returns the code in clear, once.
   */
  async issueEnrolmentCode(
    actor: Pick<User, 'id' | 'displayName'>,
    target: StoredRecord,
    newId: () => string,
  ): Promise<{ code: string; expiresAt: number; written: StoredRecord[] }> {
    const code = newEnrolmentCode();
    const issuedAt = this.now();
    const expiresAt = issuedAt + ENROLMENT_CODE_TTL_MS;
    const at = new Date(issuedAt).toISOString();
    const entry = await this.storage.transaction(async (tx) => {
      await tx.putEnrolmentCode({ userId: target.id, codeHash: enrolmentCodeHash(code), expiresAt, issuedBy: actor.id, issuedAt });
      const change = { field: 'secondFactorEnrolmentCode', from: '', to: `issued, valid until ${new Date(expiresAt).toISOString()}` };
      return appendAudit(
        tx,
        { actor, at, action: 'update', collection: 'users', record: target, caseId: '', label: userLabel(target), changes: [change] },
        newId,
      );
    });
    return { code, expiresAt, written: [entry] };
  }

  /**
   * An administrator removes a user's second factor (lost phone): recorded in the actor register as
   * an update of the user record, in the same transaction. The user's sessions lose their verified
   * state; enrolling again needs a new enrolment code. False when there was nothing to reset.
   */
  async reset(
    actor: Pick<User, 'id' | 'displayName'>,
    target: StoredRecord,
    newId: () => string,
  ): Promise<{ reset: boolean; written: StoredRecord[] }> {
    const at = new Date(this.now()).toISOString();
    const label = userLabel(target);
    const result = await this.storage.transaction(async (tx) => {
      const row = await this.storage.getSecondFactor(target.id);
      if (!(await tx.resetSecondFactor(target.id))) return { reset: false, written: [] };
      const from = row?.confirmed ? 'enrolled' : 'pending';
      const entry = await appendAudit(
        tx,
        {
          actor,
          at,
          action: 'update',
          collection: 'users',
          record: target,
          caseId: '',
          label,
          changes: [{ field: 'secondFactor', from, to: 'reset' }],
        },
        newId,
      );
      return { reset: true, written: [entry] };
    });
    if (result.reset) this.freshness.forgetAll();
    return result;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async check(
    user: User,
    tokenHash: string,
    code: string,
    kind: 'confirm' | 'verify',
  ): Promise<SecondFactorResult<{ verifiedAt: number }>> {
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
    if (!(await this.storage.acceptSecondFactorStep(user.id, result.counter, kind === 'confirm')))
      return { ok: false, code: 'replayed_code' };
    this.failures.reset(user.id);
    const verifiedAt = await this.freshness.verified(tokenHash);
    for (const listener of this.listeners) listener(user.id, tokenHash);
    return { ok: true, value: { verifiedAt } };
  }
}
