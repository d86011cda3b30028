import { hash, verify } from '@node-rs/argon2';
import { createHash, randomBytes } from 'node:crypto';
import { User, type LoginErrorCode, type LoginResponse } from '../../../shared/src';
import type { Storage } from '../storage/storage';
import { FailureLimiter } from './rate-limit';
import type { SecondFactorMethod } from './second-factor-method';
import { SecondFactorService } from './second-factor.service';
import { TotpMethod } from './totp.method';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** `Algorithm.Argon2id` of @node-rs/argon2 (a const enum, which isolated modules cannot import). */
const ARGON2ID = 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type LoginResult = { ok: true; response: LoginResponse } | { ok: false; code: LoginErrorCode };

/** Sign-in with argon2id password hashes and opaque session tokens (only their hash is stored). */
export class AuthService {
  private readonly perName = new FailureLimiter(5, 15 * 60 * 1000);
  private readonly perAddress = new FailureLimiter(30, 15 * 60 * 1000);
  readonly secondFactor: SecondFactorService;

  constructor(
    private readonly storage: Storage,
    private readonly now: () => number,
    secondFactorMethod: SecondFactorMethod = new TotpMethod(),
  ) {
    this.secondFactor = new SecondFactorService(storage, now, secondFactorMethod);
  }

  /** Whether this session passed the second factor and has not been idle for 15 minutes since. */
  secondFactorFresh(token: string): Promise<boolean> {
    return this.secondFactor.freshness.isFresh(tokenHash(token));
  }

  /** Records activity of a session (any authenticated request or sync message); cheap. */
  touch(token: string): void {
    this.secondFactor.freshness.touch(tokenHash(token));
  }

  /** Called when a session passes the second factor (lapses are evaluated lazily, not announced). */
  onSecondFactorChange(listener: (userId: string, tokenHash: string) => void): () => void {
    return this.secondFactor.onChange(listener);
  }

  async login(username: string, password: string, address: string): Promise<LoginResult> {
    const now = this.now();
    const nameKey = `${username.toLowerCase()}|${address}`;
    if (this.perName.isBlocked(nameKey, now) || this.perAddress.isBlocked(address, now)) return { ok: false, code: 'rate_limited' };
    const cred = await this.storage.getCredentials(username);
    const valid = cred ? await verify(cred.passwordHash, password) : false;
    if (!cred || !valid) {
      this.perName.fail(nameKey, now);
      this.perAddress.fail(address, now);
      return { ok: false, code: 'invalid_credentials' };
    }
    const user = await this.loadUser(cred.userId);
    if (!user || !user.active) return { ok: false, code: 'inactive' };
    this.perName.reset(nameKey);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + SESSION_TTL_MS;
    await this.storage.createSession({ tokenHash: tokenHash(token), userId: user.id, expiresAt }, now);
    return { ok: true, response: { token, user, expiresAt: new Date(expiresAt).toISOString() } };
  }

  /** The active user behind a token, or null for unknown, expired or deactivated. */
  async authenticate(token: string | null | undefined): Promise<User | null> {
    const state = await this.sessionState(token);
    return 'user' in state ? state.user : null;
  }

  /**
   * Why a token does or does not work. A deactivated user's session is told apart, so their
   * replicas can remove the local copy of the register instead of just asking for a new login.
   */
  async sessionState(token: string | null | undefined): Promise<{ user: User } | { reason: 'invalid' | 'expired' | 'inactive' }> {
    if (!token || token.length > 200) return { reason: 'invalid' };
    const session = await this.storage.getSession(tokenHash(token));
    if (!session) return { reason: 'invalid' };
    if (session.expiresAt <= this.now()) return { reason: 'expired' };
    const user = await this.loadUser(session.userId);
    if (!user) return { reason: 'invalid' };
    return user.active ? { user } : { reason: 'inactive' };
  }

  async logout(token: string): Promise<void> {
    this.secondFactor.freshness.forget(tokenHash(token));
    await this.storage.deleteSession(tokenHash(token));
  }

  async loadUser(userId: string): Promise<User | null> {
    const rec = await this.storage.getRecord('users', userId);
    if (!rec || rec.deleted) return null;
    const parsed = User.safeParse(rec.data);
    return parsed.success ? parsed.data : null;
  }
}
