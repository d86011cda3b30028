/**
 * Field-level three-way merge of a record edited on two sides while offline.
 * `base` is the state both sides started from (the client's assumed master state), `mine` the
 * local edit, `theirs` the server's current state. Fields changed on one side only are taken;
 * fields changed on both sides to different values are conflicts that a person resolves.
 */
export interface FieldConflict {
  field: string;
  base: unknown;
  mine: unknown;
  theirs: unknown;
}

export interface MergeResult<T> {
  merged: T;
  conflicts: FieldConflict[];
}

/** Structural equality of JSON values; object key order does not matter, undefined keys count as absent. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => same(v, b[i]));
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
  const ak = keys(ao);
  return ak.length === keys(bo).length && ak.every((k) => Object.hasOwn(bo, k) && same(ao[k], bo[k]));
}

/** `ignored` fields (server-owned, replication metadata) always come from `theirs`. */
export function mergeFields<T extends Record<string, unknown>>(
  base: T,
  mine: T,
  theirs: T,
  ignored: readonly string[] = [],
): MergeResult<T> {
  const merged: Record<string, unknown> = { ...theirs };
  const conflicts: FieldConflict[] = [];
  const fields = new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)]);
  for (const field of fields) {
    if (ignored.includes(field)) continue;
    const b = base[field];
    const m = mine[field];
    const t = theirs[field];
    const mineChanged = !same(b, m);
    const theirsChanged = !same(b, t);
    if (mineChanged && !theirsChanged) merged[field] = m;
    else if (mineChanged && theirsChanged && !same(m, t)) conflicts.push({ field, base: b, mine: m, theirs: t });
  }
  return { merged: merged as T, conflicts };
}
