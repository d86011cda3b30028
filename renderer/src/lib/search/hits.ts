import { documentDate, type Case, type CaseStatus, type Direction, type Document, type DocumentStatus } from '../../../../shared/src';

/** A search hit as the server sends it (projected exactly as a pull would) or as the replica holds it. */
export type SearchHit = { collection: 'cases'; record: Case } | { collection: 'documents'; record: Document };

/** One line of a hit list: what the list shows and the export writes, with what was withheld. */
export interface HitRow {
  collection: 'cases' | 'documents';
  id: string;
  number: string;
  title: string;
  /** Registered date of a case; a document's own date (received, dispatched, created). */
  date: string;
  status: CaseStatus | DocumentStatus;
  direction: Direction | null;
  sender: string;
  recipient: string;
  /** Fields the server withheld from this user ('title', 'sender', …): shown as "Skyddad uppgift". */
  withheld: readonly string[];
  restricted: boolean;
  newestKey: string;
}

/** A hit's key in a list of cases and documents together. */
export function hitKey(row: Pick<HitRow, 'collection' | 'id'>): string {
  return `${row.collection}/${row.id}`;
}

export const NO_HITS: ReadonlySet<string> = new Set();

/** The keys of the hits whose record is not among those present (by id, per collection). */
export function hitsNotIn(
  rows: readonly HitRow[],
  present: { cases: ReadonlyMap<string, unknown>; documents: ReadonlyMap<string, unknown> },
): ReadonlySet<string> {
  return new Set(rows.filter((r) => !present[r.collection].has(r.id)).map(hitKey));
}

export function hitRow(hit: SearchHit): HitRow {
  if (hit.collection === 'cases') {
    const c = hit.record;
    return {
      collection: 'cases',
      id: c.id,
      number: c.caseNumber,
      title: c.title,
      date: c.registeredDate || c.createdAt.slice(0, 10),
      status: c.status,
      direction: null,
      sender: '',
      recipient: '',
      withheld: c.withheld,
      restricted: c.restrictionKind !== 'none',
      newestKey: c.newestKey,
    };
  }
  const d = hit.record;
  return {
    collection: 'documents',
    id: d.id,
    number: d.documentNumber,
    title: d.title,
    date: documentDate(d),
    status: d.status,
    direction: d.direction,
    sender: d.sender,
    recipient: d.recipient,
    withheld: d.withheld,
    restricted: d.restrictionKind !== 'none' || d.inheritedRestriction !== 'none',
    newestKey: d.newestKey,
  };
}
