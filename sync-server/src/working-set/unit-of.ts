import type { CollectionName } from '../../../shared/src';

/**
 * The working set is kept per unit: a case (key: its id) or a free-standing document (its id).
 * Every case-bound record belongs to one unit and reaches a windowed replica only while its unit
 * is in the user's window. Requests, meetings, parties, users, classification and registers are
 * not windowed: they are always sent, as before.
 *
 * `{ unit }` names the unit; `{ fileOf }` says it is the unit of that file (an actor-register
 * entry about a file of a free-standing document names neither case nor document); `null`: the
 * record is not windowed.
 */
export type UnitRef = { unit: string } | { fileOf: string } | null;

export const WINDOWED_COLLECTIONS: ReadonlySet<CollectionName> = new Set(['cases', 'documents', 'files', 'audit', 'flows']);

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function unitOf(collection: CollectionName, data: Record<string, unknown>): UnitRef {
  switch (collection) {
    case 'cases':
      return { unit: str(data.id) };
    case 'documents':
      return { unit: str(data.caseId) || str(data.id) };
    case 'files':
      // A document never moves between cases, so the file's case is its document's for good.
      return { unit: str(data.caseId) || str(data.documentId) };
    case 'flows':
      return { unit: str(data.caseId) || str(data.documentId) || str(data.targetId) };
    case 'audit': {
      if (str(data.caseId)) return { unit: str(data.caseId) };
      const target = str(data.recordId);
      if (!target) return null;
      if (data.recordCollection === 'cases' || data.recordCollection === 'documents') return { unit: target };
      if (data.recordCollection === 'files') return { fileOf: target };
      return null;
    }
    default:
      return null;
  }
}
