import type { ListRow, SortKey } from './rows';

/** Rows read from the replica at a time: a page of the register list. */
export const PAGE_SIZE = 200;

export type RegisterTab = 'cases' | 'documents';

/** What the register list shows: which collection, filtered and sorted how. */
export interface ListSpec {
  tab: RegisterTab;
  registerId: string;
  status: string;
  /** A process code: the code itself and its sub-processes. */
  classCode: string;
  sort: SortKey;
}

/**
 * How a sort is read. `index`: an RxDB index on the field, ascending, `id` breaking ties (RxDB
 * appends the primary key to every index). `title` has no index (and a restricted record's title
 * is sealed in storage), so it is read by scanning the records the filter lets through.
 */
export type IndexField = 'newestKey' | 'listKey' | 'caseNumber' | 'documentNumber';
export type Order = { kind: 'index'; field: IndexField } | { kind: 'title' };

/**
 * Newest first is a case's registration (`newestKey`) and a document's shown date, then its
 * registration (`listKey`): by registration alone a letter received last week was listed above
 * one received today.
 */
export function orderOf(tab: RegisterTab, sort: SortKey): Order {
  if (sort === 'title') return { kind: 'title' };
  if (sort === 'number') return { kind: 'index', field: tab === 'cases' ? 'caseNumber' : 'documentNumber' };
  return { kind: 'index', field: tab === 'cases' ? 'newestKey' : 'listKey' };
}

/** The value of a row at an indexed order's field (the number is the row's case or document number). */
export function keyOf(row: ListRow, field: IndexField): string {
  return field === 'newestKey' ? row.newestKey : field === 'listKey' ? row.listKey : row.number;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The filter as a mango selector over fields the replica keeps in the clear (metadata is never
 * sealed). A process matches itself and its sub-processes: `1.1` matches `1.1.3`, not `1.10`.
 */
export function selectorOf(spec: Pick<ListSpec, 'registerId' | 'status' | 'classCode'>): Record<string, unknown> {
  const s: Record<string, unknown> = {};
  if (spec.registerId) s.registerId = { $eq: spec.registerId };
  if (spec.status) s.status = { $eq: spec.status };
  if (spec.classCode) s.classCode = { $regex: `^${escapeRegex(spec.classCode)}(\\.|$)` };
  return s;
}

/**
 * Rows of a keyset page read with `key >= after's key`, minus those at or before `after`: keys
 * are not unique (one per millisecond; every provisional record has number ''), so the page
 * starts at the cursor's key again and drops what the previous page already held.
 */
export function dropThrough<T extends { id: string }>(rows: readonly T[], key: (r: T) => string, after: { key: string; id: string }): T[] {
  let i = 0;
  while (i < rows.length && key(rows[i]!) === after.key && rows[i]!.id <= after.id) i++;
  return rows.slice(i);
}

type Compare = (a: string, b: string) => number;

/**
 * Title order as the list has always shown it: the Swedish collator, rows without a title
 * (withheld) first, then newest first, then id so that the order is total (a cursor needs that).
 */
export type TitleKey = Pick<ListRow, 'title' | 'newestKey' | 'id'>;

export function titleOrder(compare: Compare): (a: TitleKey, b: TitleKey) => number {
  return (a, b) => {
    if (a.title === '' || b.title === '') {
      if (a.title !== b.title) return a.title === '' ? -1 : 1;
    } else {
      const c = compare(a.title, b.title);
      if (c !== 0) return c;
    }
    if (a.newestKey !== b.newestKey) return a.newestKey < b.newestKey ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

/**
 * The `n` smallest of what is offered, in order: a scan over the whole collection holds at most
 * 2n items. Offers are appended and, when 2n are held, sorted and cut back to n (amortised
 * O(log n) per offer; binary insertion would shift a large window on every offer).
 */
export class SmallestN<T> {
  private items: T[] = [];
  /** The largest kept after the last cut: what cannot be among the n smallest. */
  private worst: T | null = null;

  constructor(
    private readonly n: number,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  offer(x: T): void {
    if (this.n <= 0) return;
    if (this.worst !== null && this.compare(x, this.worst) >= 0) return;
    this.items.push(x);
    if (this.items.length >= 2 * this.n) this.cut();
  }

  private cut(): void {
    this.items.sort(this.compare);
    this.items.length = Math.min(this.items.length, this.n);
    if (this.items.length === this.n) this.worst = this.items[this.n - 1]!;
  }

  values(): T[] {
    this.cut();
    return this.items;
  }
}

/**
 * The pages to hold for rows `first`..`last` (exclusive) of `total`: those rows plus `ahead`
 * rows either side, so scrolling on finds the next page already read.
 */
export function pagesFor(first: number, last: number, total: number, size: number = PAGE_SIZE, ahead: number = 50): number[] {
  if (total <= 0) return [];
  const from = Math.max(0, first - ahead);
  const to = Math.min(total, Math.max(last, first + 1) + ahead);
  if (to <= from) return [Math.min(Math.floor(from / size), Math.floor((total - 1) / size))];
  const out: number[] = [];
  for (let p = Math.floor(from / size); p <= Math.floor((to - 1) / size); p++) out.push(p);
  return out;
}
