import { SECOND_FACTOR_IDLE_MS } from '../../../shared/src/protocol/second-factor';
import type { Storage } from '../storage/storage';

/** Activity is written to the sessions table at most this often per session. */
export const ACTIVITY_PERSIST_MS = 30_000;
/** Sessions kept in memory; the oldest are dropped and reloaded from storage when needed. */
const MAX_TRACKED = 20_000;

interface Tracked {
  verifiedAt: number | null;
  lastActive: number;
  persistedAt: number;
}

/**
 * Whether a session's second factor is fresh: verified, and never idle for SECOND_FACTOR_IDLE_MS
 * since. Activity is counted in memory (touch is called on every request and sync message) and
 * written through at most every ACTIVITY_PERSIST_MS, so after a restart a session is at most that
 * much closer to lapsing, never fresher. Once idle too long, activity does not revive it.
 */
export class SecondFactorFreshness {
  private readonly tracked = new Map<string, Tracked>();
  private readonly loading = new Map<string, Promise<Tracked | null>>();

  constructor(
    private readonly storage: Storage,
    private readonly now: () => number,
  ) {}

  /** The session passed the second factor now. */
  async verified(tokenHash: string): Promise<number> {
    const at = this.now();
    this.remember(tokenHash, { verifiedAt: at, lastActive: at, persistedAt: at });
    await this.storage.setSessionSecondFactor(tokenHash, at, at);
    return at;
  }

  /** Records activity of a session; cheap and synchronous (storage is written in the background). */
  touch(tokenHash: string): void {
    const at = this.now();
    const known = this.tracked.get(tokenHash);
    if (known) {
      this.apply(tokenHash, known, at);
      return;
    }
    void this.load(tokenHash).then((state) => {
      if (state) this.apply(tokenHash, state, at);
    });
  }

  async isFresh(tokenHash: string): Promise<boolean> {
    const session = await this.storage.getSession(tokenHash);
    const now = this.now();
    if (!session || session.expiresAt <= now) {
      this.tracked.delete(tokenHash);
      return false;
    }
    const state = this.tracked.get(tokenHash) ?? this.fromSession(tokenHash, session.secondFactorAt ?? null, session.lastActiveAt ?? null);
    return state.verifiedAt !== null && now - state.lastActive < SECOND_FACTOR_IDLE_MS;
  }

  forget(tokenHash: string): void {
    this.tracked.delete(tokenHash);
  }

  /**
   * Drops what is held in memory (after a second factor was reset in storage, for sessions this
   * map does not index by user). Reloaded from storage on demand: at most ACTIVITY_PERSIST_MS of
   * activity is lost, which only brings sessions closer to lapsing.
   */
  forgetAll(): void {
    this.tracked.clear();
  }

  private apply(tokenHash: string, state: Tracked, at: number): void {
    if (state.verifiedAt === null || at <= state.lastActive) return;
    if (at - state.lastActive >= SECOND_FACTOR_IDLE_MS) {
      // Lapsed: the next verification starts a new period; keep the record of it consistent on disk.
      state.verifiedAt = null;
      this.persist(() => this.storage.setSessionSecondFactor(tokenHash, null, state.lastActive), state);
      return;
    }
    state.lastActive = at;
    if (at - state.persistedAt >= ACTIVITY_PERSIST_MS) {
      state.persistedAt = at;
      this.persist(() => this.storage.setSessionLastActive(tokenHash, at), state);
    }
  }

  private persist(write: () => Promise<void>, state: Tracked): void {
    // A failed write (e.g. during shutdown) is retried with the next activity; memory stays right.
    write().catch(() => {
      state.persistedAt = 0;
    });
  }

  private load(tokenHash: string): Promise<Tracked | null> {
    let pending = this.loading.get(tokenHash);
    if (!pending) {
      pending = this.storage
        .getSession(tokenHash)
        .then((s) => (s ? this.fromSession(tokenHash, s.secondFactorAt ?? null, s.lastActiveAt ?? null) : null))
        .catch(() => null)
        .finally(() => this.loading.delete(tokenHash));
      this.loading.set(tokenHash, pending);
    }
    return pending;
  }

  /** Memory wins over storage: it is never older (a verification may land while a load runs). */
  private fromSession(tokenHash: string, secondFactorAt: number | null, lastActiveAt: number | null): Tracked {
    const known = this.tracked.get(tokenHash);
    if (known) return known;
    const lastActive = Math.max(lastActiveAt ?? 0, secondFactorAt ?? 0);
    const state = { verifiedAt: secondFactorAt, lastActive, persistedAt: lastActiveAt ?? 0 };
    this.remember(tokenHash, state);
    return state;
  }

  private remember(tokenHash: string, state: Tracked): void {
    this.tracked.delete(tokenHash);
    this.tracked.set(tokenHash, state);
    if (this.tracked.size > MAX_TRACKED) this.tracked.delete(this.tracked.keys().next().value!);
  }
}
