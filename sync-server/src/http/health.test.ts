import { describe, expect, it } from 'vitest';
import { ROOM_CLEANUP_OVERDUE_SECONDS, serverHealth } from './health';

const intact = { status: 'ok' as const, auditChain: 'intact' as const };

describe('serverHealth', () => {
  it('is degraded by a broken chain or a room clean-up waiting past the limit, not by one just queued', () => {
    const none = { pending: 0, oldestAgeSeconds: null };
    expect(serverHealth(intact, none)).toEqual({ status: 'ok', auditChain: 'intact', roomCleanups: none });
    expect(serverHealth({ status: 'degraded', auditChain: 'broken' }, none).status).toBe('degraded');
    expect(serverHealth(intact, { pending: 3, oldestAgeSeconds: ROOM_CLEANUP_OVERDUE_SECONDS }).status).toBe('ok');
    expect(serverHealth(intact, { pending: 1, oldestAgeSeconds: ROOM_CLEANUP_OVERDUE_SECONDS + 1 }).status).toBe('degraded');
  });
});
