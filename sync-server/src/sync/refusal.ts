import type { RejectionCode } from '../../../shared/src';

/** A refused push row: a machine-readable code, an English detail for logs, the fields concerned. */
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
type Schema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Issues } } };

/** A schema failure as a rejection: every issue in the detail, the top-level fields named. */
export function schemaProblem(issues: Issues): { detail: string; fields: string[] } {
  const fields = [...new Set(issues.map((i) => String(i.path[0] ?? '')))].filter(Boolean);
  return { detail: issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ').slice(0, 500), fields };
}

export function parseOrRefuse<T>(schema: Schema<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const { detail, fields } = schemaProblem(r.error.issues);
  throw new Refusal('invalid_schema', detail, fields);
}
