/** Open sockets one user and one session may hold at once. */
export interface SocketLimits {
  perUser: number;
  perSession: number;
}

/**
 * Counts open sockets per user and per session, so one account (or one runaway client) cannot
 * hold the server's sockets and memory. A place is taken before the upgrade and given back once.
 */
export class SocketCaps {
  private readonly byUser = new Map<string, number>();
  private readonly bySession = new Map<string, number>();

  constructor(private readonly limits: SocketLimits) {}

  /** Takes a place, or returns null when the user or the session is at its cap. The release is idempotent. */
  take(userId: string, session: string): (() => void) | null {
    if ((this.byUser.get(userId) ?? 0) >= this.limits.perUser) return null;
    if ((this.bySession.get(session) ?? 0) >= this.limits.perSession) return null;
    bump(this.byUser, userId, 1);
    bump(this.bySession, session, 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      bump(this.byUser, userId, -1);
      bump(this.bySession, session, -1);
    };
  }
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  const n = (counts.get(key) ?? 0) + by;
  if (n <= 0) counts.delete(key);
  else counts.set(key, n);
}
