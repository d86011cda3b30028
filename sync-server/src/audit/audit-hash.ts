import { createHash } from 'node:crypto';

/** Fields outside the hash: the hash itself, and bookkeeping the sync layer may rewrite. */
const NOT_HASHED = new Set(['hash', 'syncVersion', 'updatedAt']);

/**
 * Deterministic JSON: object keys sorted at every depth, so the same content always gives the
 * same bytes whatever order the fields were written or read back in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const s = JSON.stringify(value);
    // undefined, functions and symbols have no JSON form; an entry never holds them.
    if (s === undefined) throw new Error(`not serialisable: ${typeof value}`);
    return s;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The hex SHA-256 that an actor-register entry must carry as its `hash`. */
export function auditEntryHash(entry: Record<string, unknown>): string {
  const content: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entry)) if (!NOT_HASHED.has(k)) content[k] = v;
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}
