import { documentDate, type Case, type CaseStatus, type Direction, type Document, type DocumentStatus } from '../../../../shared/src';

/** One line of the register list: just what the list shows, searches and sorts on. */
export interface ListRow {
  id: string;
  kind: 'case' | 'document';
  registerId: string;
  number: string;
  title: string;
  status: CaseStatus | DocumentStatus;
  classCode: string;
  /** Registered date, or the direction's date while the server has not registered it yet. */
  date: string;
  direction: Direction | null;
  caseId: string;
  newestKey: string;
  /** "Nyast först" of the documents tab: the shown date, then registration (documents v2); a case's newestKey. */
  listKey: string;
  /** A document's sender and recipient as received ('' for cases; '' where withheld, see `withheld`). */
  sender: string;
  recipient: string;
  /** Lower-cased "number title" (and a document's sender and recipient) for case-insensitive search. */
  hay: string;
  /** The title was withheld from this user (a restricted record or a shielded title). */
  titleWithheld: boolean;
  /** Restricted as a whole (by itself; a document's case is not looked up for the list). */
  restricted: boolean;
  /** Fields the server withheld from this user. */
  withheld: readonly string[];
}

export function caseRow(c: Case): ListRow {
  return {
    id: c.id,
    kind: 'case',
    registerId: c.registerId,
    number: c.caseNumber,
    title: c.title,
    status: c.status,
    classCode: c.classCode,
    date: c.registeredDate || c.createdAt.slice(0, 10),
    direction: null,
    caseId: c.id,
    newestKey: c.newestKey,
    listKey: c.newestKey,
    sender: '',
    recipient: '',
    hay: `${c.caseNumber} ${c.title}`.toLocaleLowerCase('sv'),
    titleWithheld: c.withheld.includes('title'),
    restricted: c.restrictionKind !== 'none',
    withheld: c.withheld,
  };
}

export function documentRow(d: Document): ListRow {
  return {
    id: d.id,
    kind: 'document',
    registerId: d.registerId,
    number: d.documentNumber,
    title: d.title,
    status: d.status,
    classCode: d.classCode,
    date: documentDate(d),
    direction: d.direction,
    caseId: d.caseId,
    newestKey: d.newestKey,
    listKey: d.listKey,
    sender: d.sender,
    recipient: d.recipient,
    hay: `${d.documentNumber} ${d.title} ${d.sender} ${d.recipient}`.toLocaleLowerCase('sv'),
    titleWithheld: d.withheld.includes('title'),
    restricted: d.restrictionKind !== 'none',
    withheld: d.withheld,
  };
}

export interface RowFilter {
  text: string;
  status: string;
  /** A process code: matches the code itself and its sub-processes. */
  classCode: string;
  registerId: string;
}

/** Case-insensitive search on number and title, plus status and process filters. */
export function filterRows(rows: readonly ListRow[], f: RowFilter): ListRow[] {
  const words = f.text.toLocaleLowerCase('sv').split(/\s+/).filter(Boolean);
  const prefix = f.classCode ? `${f.classCode}.` : '';
  const out: ListRow[] = [];
  for (const r of rows) {
    if (f.registerId && r.registerId !== f.registerId) continue;
    if (f.status && r.status !== f.status) continue;
    if (f.classCode && r.classCode !== f.classCode && !r.classCode.startsWith(prefix)) continue;
    if (words.length > 0 && !words.every((w) => r.hay.includes(w))) continue;
    out.push(r);
  }
  return out;
}

export type SortKey = 'newest' | 'number' | 'title';

type Compare = (a: string, b: string) => number;

function keyOf(sort: Exclude<SortKey, 'newest'>): (r: ListRow) => string {
  return sort === 'number' ? (r) => r.number : (r) => r.title;
}

/**
 * Rows in the order of `sort`. `newest` is by the date the list shows (a document's own date:
 * received, dispatched or drawn up), newest first, then by registration (newestKey): the
 * registration order alone put a letter received last week above one received today. Number
 * and title use the Swedish collator; rows without a number (provisional) come first, as they
 * are the newest. The register list sorts this way only the hits of its search box (bounded by
 * the search limit); its pages come sorted from the replica's indexes (`page-source.ts`).
 */
export function sortRows(rows: readonly ListRow[], sort: SortKey, compare: Compare): ListRow[] {
  return rows.slice().sort(comparatorFor(sort, compare));
}

function comparatorFor(sort: SortKey, compare: Compare): (a: ListRow, b: ListRow) => number {
  if (sort === 'newest') return compareNewest;
  const key = keyOf(sort);
  return (a, b) => compareRows(key, compare, a, b);
}

/** ISO dates compare as strings: no collation needed. */
function compareNewest(a: ListRow, b: ListRow): number {
  if (a.date !== b.date) return a.date > b.date ? -1 : 1;
  return a.newestKey < b.newestKey ? -1 : a.newestKey > b.newestKey ? 1 : 0;
}

function compareRows(key: (r: ListRow) => string, compare: Compare, a: ListRow, b: ListRow): number {
  const ka = key(a);
  const kb = key(b);
  if (ka === '' || kb === '') {
    if (ka !== kb) return ka === '' ? -1 : 1;
  } else {
    const c = compare(ka, kb);
    if (c !== 0) return c;
  }
  return a.newestKey < b.newestKey ? -1 : a.newestKey > b.newestKey ? 1 : 0;
}
