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
 * `/2`: entries state their `hashScheme` and carry `valueSeals` (audit v2); `/1` packages had
 * neither. The checkpoints' format is unchanged.
 */
export const ACTOR_REGISTER_FORMAT = 'diarium-actor-register/2';

/**
 * How an entry's hash is computed, stated in the package itself so an archive can verify it
 * without this code (sync-server/src/audit/audit-hash.ts is the implementation).
 */
const HASH_SCHEMES = {
  '1': 'SHA-256 over the canonical JSON (keys sorted at every depth) of the entry without hash, syncVersion, updatedAt, hashScheme and valueSeals.',
  '2': 'SHA-256 over the canonical JSON of the entry without hash, syncVersion, updatedAt and valueSeals, where label is the digest of valueSeals[0] and changes[i] is {field, digest of valueSeals[i+1]}. A seal digest is SHA-256 over salt, U+0000 and the canonical JSON of the value ({from, to} for a change). A value disposed of reads "[gallrad]" and its salt is empty: its digest stands for it.',
} as const;

/**
 * The actor register travels with its records (it is archived, unlike logs) as JSON: each entry
 * with `prevHash`/`hash`, so the archive can verify the chain links it holds, and the checkpoints
 * signed by the server's audit key that anchor those links.
 */
export function actorRegisterJson(entries: readonly AuditEntry[]): string {
  const sorted = [...entries].sort((a, b) => a.registerId.localeCompare(b.registerId) || a.position - b.position);
  return `${JSON.stringify({ format: ACTOR_REGISTER_FORMAT, hashSchemes: HASH_SCHEMES, entries: sorted }, null, 2)}\n`;
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
