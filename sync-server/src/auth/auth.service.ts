import { hash, verify } from '@node-rs/argon2';
import { createHash, randomBytes } from 'node:crypto';
import { User, type LoginErrorCode, type LoginResponse } from '../../../shared/src';
import type { Storage } from '../storage/storage';
import { LoginThrottle, type LoginAttempt } from './rate-limit';
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

export type PasswordVerifier = (hash: string, password: string) => Promise<boolean>;

/** Sessions that just ended: one signed out, or all of a user's but the one that changed the password. */
export type EndedSessions = { token: string } | { userId: string; except: string };

export type SessionState = { user: User } | { reason: 'invalid' | 'expired' | 'inactive' | 'password_change_required' };

/** Hash of a random password nobody knows: an unknown name costs the same argon2 run as a known one. */
let dummyHash: Promise<string> | null = null;
function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(32).toString('base64url'));
  return dummyHash;
}

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Sign-in with argon2id password hashes and opaque session tokens (only their hash is stored). */
export class AuthService {
  private readonly logoutListeners = new Set<(ended: EndedSessions) => void>();
  readonly secondFactor: SecondFactorService;

  constructor(
    private readonly storage: Storage,
    private readonly now: () => number,
    secondFactorMethod: SecondFactorMethod = new TotpMethod(),
    private readonly verifyPassword: PasswordVerifier = verify,
    private readonly throttle = new LoginThrottle(),
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

  /**
   * Signs in. The password hash runs whether or not the name exists (against a dummy hash), so
   * neither the answer nor the time tells names apart. `device` is the device token this computer
   * got at an earlier successful sign-in; for its own account it lifts the per-account lock (see
   * LoginThrottle). Every success answers with the device token to send next time.
   */
  async login(username: string, password: string, address: string, device: string | null = null): Promise<LoginResult> {
    const now = this.now();
    const cred = await this.storage.getCredentials(username);
    const deviceHash = device ? tokenHash(device) : null;
    const knownDevice = deviceHash !== null && cred !== null && (await this.storage.deviceOwner(deviceHash)) === cred.userId;
    const attempt: LoginAttempt = { account: username.toLowerCase(), address, device: knownDevice ? deviceHash : null };
    if (!this.throttle.allowed(attempt, now)) return { ok: false, code: 'rate_limited' };
    const valid = await this.verifyPassword(cred?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!cred || !valid) {
      this.throttle.failed(attempt, now);
      return { ok: false, code: 'invalid_credentials' };
    }
    const user = await this.loadUser(cred.userId);
    if (!user || !user.active) return { ok: false, code: 'inactive' };
    this.throttle.succeeded(attempt);
    const deviceToken = knownDevice ? device! : newSecret();
    if (!knownDevice) await this.storage.addDevice(tokenHash(deviceToken), user.id, now);
    const token = newSecret();
    const expiresAt = now + SESSION_TTL_MS;
    await this.storage.createSession({ tokenHash: tokenHash(token), userId: user.id, expiresAt }, now);
    return {
      ok: true,
      response: {
        token,
        user,
        expiresAt: new Date(expiresAt).toISOString(),
        deviceToken,
        mustChangePassword: cred.mustChangePassword === true,
      },
    };
  }

  /**
   * Replaces the password of the session's user after checking the current one; clears the
   * must-change flag. The only thing a session with a one-time password may do.
   */
  async changePassword(
    token: string | null,
    current: string,
    next: string,
  ): Promise<'ok' | 'unauthorized' | 'invalid_credentials' | 'same_password'> {
    const session = token && token.length <= 200 ? await this.storage.getSession(tokenHash(token)) : null;
    if (!session || session.expiresAt <= this.now()) return 'unauthorized';
    const user = await this.loadUser(session.userId);
    const cred = await this.storage.getCredentialsOf(session.userId);
    if (!user || !user.active || !cred) return 'unauthorized';
    if (!(await this.verifyPassword(cred.passwordHash, current))) return 'invalid_credentials';
    if (current === next) return 'same_password';
    await this.storage.setCredentials({ ...cred, passwordHash: await hashPassword(next), mustChangePassword: false });
    // Whoever signed in with the old password is out: every other session ends, as at sign-out.
    const ended = await this.storage.deleteOtherSessions(session.userId, session.tokenHash);
    for (const hash of ended) this.secondFactor.freshness.forget(hash);
    for (const listener of this.logoutListeners) listener({ userId: session.userId, except: token! });
    return 'ok';
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
  async sessionState(token: string | null | undefined): Promise<SessionState> {
    if (!token || token.length > 200) return { reason: 'invalid' };
    const session = await this.storage.getSession(tokenHash(token));
    if (!session) return { reason: 'invalid' };
    if (session.expiresAt <= this.now()) return { reason: 'expired' };
    const user = await this.loadUser(session.userId);
    if (!user) return { reason: 'invalid' };
    if (!user.active) return { reason: 'inactive' };
    // A one-time password: nothing but changePassword until it is replaced.
    if ((await this.storage.getCredentialsOf(user.id))?.mustChangePassword) return { reason: 'password_change_required' };
    return { user };
  }

  /** Ends a session; listeners close its open sockets at once. */
  async logout(token: string): Promise<void> {
    const hash = tokenHash(token);
    this.secondFactor.freshness.forget(hash);
    await this.storage.deleteSession(hash);
    for (const listener of this.logoutListeners) listener({ token });
  }

  /** Sessions ended by sign-out or by a password change; listeners close their open sockets at once. */
  onLogout(listener: (ended: EndedSessions) => void): () => void {
    this.logoutListeners.add(listener);
    return () => this.logoutListeners.delete(listener);
  }

  async loadUser(userId: string): Promise<User | null> {
    const rec = await this.storage.getRecord('users', userId);
    if (!rec || rec.deleted) return null;
    const parsed = User.safeParse(rec.data);
    return parsed.success ? parsed.data : null;
  }
}
