import type { AuditEntry } from '../model/audit';

/** A signed checkpoint of a register's chain head (the server's `audit_checkpoints`). */
export interface ArchivedCheckpoint {
  registerId: string;
  position: number;
  hash: string;
  at: string;
  keyId: string;
  signature: string;
}

/**
 * The actor register travels with its records (it is archived, unlike logs) as JSON: each entry
 * with `prevHash`/`hash`, so the archive can verify the chain links it holds, and the checkpoints
 * signed by the server's audit key that anchor those links.
 */
export function actorRegisterJson(entries: readonly AuditEntry[]): string {
  const sorted = [...entries].sort((a, b) => a.registerId.localeCompare(b.registerId) || a.position - b.position);
  return `${JSON.stringify({ format: 'diarium-actor-register/1', entries: sorted }, null, 2)}\n`;
}

export function checkpointsJson(checkpoints: readonly ArchivedCheckpoint[]): string {
  return `${JSON.stringify({ format: 'diarium-audit-checkpoints/1', checkpoints }, null, 2)}\n`;
}

/** The checkpoints that cover a register's entries: signed at or after the highest position packaged. */
export function coveringCheckpoints(entries: readonly AuditEntry[], all: readonly ArchivedCheckpoint[]): ArchivedCheckpoint[] {
  const highest = new Map<string, number>();
  for (const e of entries) highest.set(e.registerId, Math.max(highest.get(e.registerId) ?? 0, e.position));
  return all.filter((c) => {
    const h = highest.get(c.registerId);
    return h !== undefined && c.position >= h;
  });
}
