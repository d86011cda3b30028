import type { RejectionCode } from '../../../shared/src';

/**
 * A refused push row: a machine-readable code, an English detail for logs, the fields concerned.
 * The one way an apply module refuses; PushService turns it into the row's rejection.
 */
export class Refusal extends Error {
  constructor(
    readonly code: RejectionCode,
    readonly detail: string,
    readonly fields: string[] = [],
  ) {
    super(detail);
  }
}

type Issues = { path: PropertyKey[]; message: string }[];
export type Schema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Issues } } };

/** A schema failure as a rejection: every issue in the detail, the top-level fields named. */
function schemaProblem(issues: Issues): { detail: string; fields: string[] } {
  const fields = [...new Set(issues.map((i) => String(i.path[0] ?? '')))].filter(Boolean);
  return {
    detail: issues
      .map((i) => `${i.path.join('.')}: ${i.message}`)
      .join('; ')
      .slice(0, 500),
    fields,
  };
}

export function parseOrRefuse<T>(schema: Schema<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const { detail, fields } = schemaProblem(r.error.issues);
  throw new Refusal('invalid_schema', detail, fields);
}

/**
 * A stored record read as its current type. One that does not parse is the server's own data
 * out of shape (a record migration step missing in shared/src/migrations), never the pusher's
 * fault: refused as `stored_record_invalid`, naming the record for the log, instead of an
 * internal error. The fix is a migration step, which rewrites the stored JSON at start.
 */
export function parseStored<T>(schema: Schema<T>, rec: { collection: string; id: string; data: unknown }): T {
  const r = schema.safeParse(rec.data);
  if (r.success) return r.data;
  throw new Refusal(
    'stored_record_invalid',
    `stored ${rec.collection} ${rec.id} does not match the current schema: ${schemaProblem(r.error.issues).detail}`,
  );
}
