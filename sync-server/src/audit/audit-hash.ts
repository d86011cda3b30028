import { createHash, randomBytes } from 'node:crypto';
import { DISPOSED_AUDIT_VALUE, type AuditEntry, type AuditSeal } from '../../../shared/src';

/** Fields outside the hash: the hash itself, and bookkeeping the sync layer may rewrite. */
const NOT_HASHED = new Set(['hash', 'syncVersion', 'updatedAt']);
/** Scheme 1 entries were hashed before these fields existed. */
const NOT_IN_SCHEME_1 = new Set(['hashScheme', 'valueSeals']);
/** Scheme 2: these are hashed as their seals' digests, not as themselves. */
const SEALED_IN_SCHEME_2 = new Set(['label', 'changes', 'valueSeals']);

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

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function sealDigest(salt: string, value: unknown): string {
  return sha256(`${salt}\u0000${canonicalJson(value)}`);
}

/** A fresh seal for a value (scheme 2). */
export function sealValue(value: unknown): AuditSeal {
  const salt = randomBytes(16).toString('hex');
  return { salt, digest: sealDigest(salt, value) };
}

/** What a change's seal covers: its values (the field name stays in the clear, hashed as itself). */
const changeValue = (c: AuditEntry['changes'][number]) => ({ from: c.from, to: c.to });

/**
 * The digest a sealed value stands for, or null when the seal does not fit the value: a value
 * still there must give its digest with its salt; a disposed one (salt emptied) must read
 * `DISPOSED_AUDIT_VALUE`, so a value can be dropped but never changed.
 */
function sealedDigest(seal: unknown, value: unknown, disposed: boolean): string | null {
  const s = seal as Partial<AuditSeal> | undefined;
  if (!s || typeof s.digest !== 'string' || s.digest === '' || typeof s.salt !== 'string') return null;
  if (s.salt === '') return disposed ? s.digest : null;
  return sealDigest(s.salt, value) === s.digest ? s.digest : null;
}

const isDisposedChange = (c: AuditEntry['changes'][number]) => c.from === DISPOSED_AUDIT_VALUE && c.to === DISPOSED_AUDIT_VALUE;

/**
 * The hex SHA-256 that an actor-register entry must carry as its `hash`, by the entry's
 * `hashScheme` (model/audit.ts; none stated: 1), or null when a scheme 2 seal does not fit its value.
 */
export function auditEntryHash(entry: Record<string, unknown>): string | null {
  const content: Record<string, unknown> = {};
  const scheme = entry.hashScheme ?? 1;
  if (scheme === 1) {
    for (const [k, v] of Object.entries(entry)) if (!NOT_HASHED.has(k) && !NOT_IN_SCHEME_1.has(k)) content[k] = v;
    return sha256(canonicalJson(content));
  }
  if (scheme !== 2) return null;
  for (const [k, v] of Object.entries(entry)) if (!NOT_HASHED.has(k) && !SEALED_IN_SCHEME_2.has(k)) content[k] = v;
  const changes = (entry.changes ?? []) as AuditEntry['changes'];
  const seals = (entry.valueSeals ?? []) as unknown[];
  if (!Array.isArray(changes) || !Array.isArray(seals) || seals.length !== changes.length + 1) return null;
  const label = sealedDigest(seals[0], entry.label, entry.label === DISPOSED_AUDIT_VALUE);
  if (label === null) return null;
  const digests: { field: string; digest: string }[] = [];
  for (const [i, c] of changes.entries()) {
    const digest = sealedDigest(seals[i + 1], changeValue(c), isDisposedChange(c));
    if (digest === null) return null;
    digests.push({ field: c.field, digest });
  }
  return sha256(canonicalJson({ ...content, label, changes: digests }));
}

/** The seals of a new entry's label and changes (scheme 2). */
export function sealEntryValues(label: string, changes: AuditEntry['changes']): Pick<AuditEntry, 'valueSeals'> {
  return { valueSeals: [sealValue(label), ...changes.map((c) => sealValue(changeValue(c)))] };
}

/**
 * The entry with the chosen values disposed of: each replaced by `DISPOSED_AUDIT_VALUE` and its
 * salt emptied, its digest kept, so the entry's hash (and every link and checkpoint after it)
 * still verifies. Null for a scheme 1 entry: its hash covers the values themselves.
 */
export function disposeEntryValues(entry: AuditEntry, which: { label: boolean; changes: readonly boolean[] }): AuditEntry | null {
  if (entry.hashScheme !== 2) return null;
  const goes = [which.label, ...entry.changes.map((_, i) => which.changes[i] === true)];
  return {
    ...entry,
    label: which.label ? DISPOSED_AUDIT_VALUE : entry.label,
    changes: entry.changes.map((c, i) => (goes[i + 1] ? { field: c.field, from: DISPOSED_AUDIT_VALUE, to: DISPOSED_AUDIT_VALUE } : c)),
    valueSeals: entry.valueSeals.map((seal, i) => (goes[i] ? { ...seal, salt: '' } : seal)),
  };
}
