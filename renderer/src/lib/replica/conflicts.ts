import type { RxConflictHandler, WithDeleted } from 'rxdb';
import { mergeFields, SERVER_OWNED_FIELDS, type CollectionName, type FieldConflict } from '../../../../shared/src';

/** Receives same-field conflicts for a person to resolve. */
export interface ConflictSink {
  report(collection: CollectionName, id: string, conflicts: FieldConflict[]): void;
  /** Ids whose last push the server refused: their local edit is reverted, not merged. */
  isRejected(collection: CollectionName, id: string): boolean;
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(obj)
      .sort()
      .filter((k) => obj[k] !== undefined)
      .map((k) => [k, sorted(obj[k])]),
  );
}

/** A key-order-independent form of a document without RxDB's local metadata. */
export function comparable(doc: Record<string, unknown>): string {
  const { _meta: _m, _rev: _r, _attachments: _a, ...rest } = doc;
  return JSON.stringify(sorted(rest));
}

/**
 * Field-level merge (shared/rules/merge): fields edited on one side are kept; fields edited on
 * both sides keep the server's value and are reported, so nothing is silently lost.
 */
export function createConflictHandler<T>(collection: CollectionName, sink: ConflictSink): RxConflictHandler<T> {
  const ignored = [...SERVER_OWNED_FIELDS[collection], '_deleted', '_meta', '_rev', '_attachments'];
  return {
    isEqual(a, b) {
      return comparable(a as Record<string, unknown>) === comparable(b as Record<string, unknown>);
    },
    async resolve(input) {
      const real = input.realMasterState as Record<string, unknown>;
      const mine = input.newDocumentState as Record<string, unknown>;
      const id = String(real.id);
      if (sink.isRejected(collection, id) || !input.assumedMasterState) return input.realMasterState;
      const base = input.assumedMasterState as Record<string, unknown>;
      const { merged, conflicts } = mergeFields(base, mine, real, ignored);
      if (conflicts.length > 0) sink.report(collection, id, conflicts);
      return merged as WithDeleted<T>;
    },
  };
}
