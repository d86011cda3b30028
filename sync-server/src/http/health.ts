import type { AuditChainState } from '../audit/startup-check';
import type { RoomCleanupHealth } from '../room-cleanups/room-cleanups';

/** `GET /api/health` (public, no session): states and counts only, never what a record or room holds. */
export interface ServerHealth {
  status: 'ok' | 'degraded';
  auditChain: AuditChainState;
  /** Room clean-ups a committed disposal or archive receipt still owes (their rooms hold destroyed text). */
  roomCleanups: RoomCleanupHealth;
}

/**
 * A clean-up runs right after its act commits; one still waiting after this long has failed, and
 * is only tried again after the next act or at start: someone must look at the log.
 */
export const ROOM_CLEANUP_OVERDUE_SECONDS = 15 * 60;

export function serverHealth(
  audit: { status: 'ok' | 'degraded'; auditChain: AuditChainState },
  roomCleanups: RoomCleanupHealth,
): ServerHealth {
  const overdue = (roomCleanups.oldestAgeSeconds ?? 0) > ROOM_CLEANUP_OVERDUE_SECONDS;
  return { status: audit.status === 'degraded' || overdue ? 'degraded' : 'ok', auditChain: audit.auditChain, roomCleanups };
}
