import { uncacheRxQuery, type MangoQuery } from 'rxdb';
import type { Case, Document } from '../../../../shared/src';
import type { DiariumDatabase } from '../replica/database';
import { viewOf } from '../replica/sealing';
import {
  PAGE_SIZE,
  SmallestN,
  dropThrough,
  keyOf,
  orderOf,
  selectorOf,
  titleOrder,
  type IndexField,
  type ListSpec,
  type TitleKey,
} from './paging';
import { caseRow, documentRow, type ListRow } from './rows';

/** Where a page starts: after a row of the previous page (keyset), else `skip` rows from the top. */
export interface PageStart {
  after: ListRow | null;
  skip: number;
}

/** Reads the register list from the replica a page at a time. */
export interface PageSource {
  count(spec: ListSpec): Promise<number>;
  page(spec: ListSpec, start: PageStart, limit: number): Promise<ListRow[]>;
}

type StoredDoc = { _data: unknown };

/** Records a scan (title order, a count RxDB will not do) reads at a time. */
const SCAN_CHUNK = 2000;

/** What title order compares, read straight from the stored record (unsealed only when sealed). */
function titleKeyOf(d: StoredDoc): TitleKey & { d: StoredDoc } {
  const data = d._data as { title: string; newestKey: string; id: string; sealed?: unknown };
  const title = data.sealed ? viewOf<{ title: string }>(d).title : data.title;
  return { title, newestKey: data.newestKey, id: data.id, d };
}

/**
 * The register list over the replica's indexes. Every query is dropped from RxDB's query cache
 * once answered: the cache keeps up to 100 queries with their results, which for a list read
 * page by page would hold thousands of records the list has already let go.
 */
export class ReplicaPageSource implements PageSource {
  constructor(
    private readonly db: DiariumDatabase,
    private readonly compare: (a: string, b: string) => number,
  ) {}

  private collection(spec: ListSpec): DiariumDatabase['cases'] {
    // One collection type for the query: cases and documents are read through alike-named fields.
    return (spec.tab === 'cases' ? this.db.cases : this.db.documents) as DiariumDatabase['cases'];
  }

  private rowOf(spec: ListSpec): (d: StoredDoc) => ListRow {
    return spec.tab === 'cases' ? (d) => caseRow(viewOf<Case>(d)) : (d) => documentRow(viewOf<Document>(d));
  }

  private async once(spec: ListSpec, query: MangoQuery<Case>): Promise<StoredDoc[]> {
    const collection = this.collection(spec);
    const q = collection.find(query);
    try {
      return await q.exec();
    } finally {
      uncacheRxQuery(collection._queryCache, q as never);
    }
  }

  /**
   * `limit` rows in `field` order through its index. From a cursor the query starts at the
   * cursor's key (`$gte`, so the index range starts there) and drops what the cursor already
   * covered; a run of equal keys longer than the page only makes the next read larger.
   */
  private async indexed(spec: ListSpec, field: IndexField, start: PageStart, limit: number): Promise<StoredDoc[]> {
    const selector = selectorOf(spec);
    const sort = [{ [field]: 'asc' as const }, { id: 'asc' as const }] as MangoQuery<Case>['sort'];
    // With a status filter RxDB's planner prefers [status, newestKey] even for number order, and
    // then reads every record of that status to sort them; the number's own index reads in order
    // and stops at the page. Newest first is left to the planner ([status, newestKey] and
    // [status, listKey] fit it).
    const index = field === 'newestKey' || field === 'listKey' ? {} : { index: [field] };
    if (!start.after) return this.once(spec, { selector, sort, ...index, skip: start.skip, limit } as MangoQuery<Case>);
    const after = { key: keyOf(start.after, field), id: start.after.id };
    const keyOfDoc = (d: StoredDoc) => (d._data as Record<string, string>)[field]!; // metadata: never sealed
    const idOf = (d: StoredDoc) => (d._data as { id: string }).id;
    for (let size = limit + 1; ; size *= 2) {
      const docs = await this.once(spec, {
        selector: { ...selector, [field]: { $gte: after.key } },
        sort,
        ...index,
        limit: size,
      } as MangoQuery<Case>);
      const rest = dropThrough(
        docs.map((d) => ({ id: idOf(d), d })),
        (x) => keyOfDoc(x.d),
        after,
      );
      if (rest.length >= limit || docs.length < size) return rest.slice(0, limit).map((x) => x.d);
    }
  }

  /** Every record the filter lets through, newest first, a chunk at a time. */
  private async scan(spec: ListSpec, visit: (docs: StoredDoc[]) => void): Promise<void> {
    const row = this.rowOf(spec);
    let after: ListRow | null = null;
    for (;;) {
      const docs = await this.indexed(spec, 'newestKey', { after, skip: 0 }, SCAN_CHUNK);
      visit(docs);
      if (docs.length < SCAN_CHUNK) return;
      after = row(docs[docs.length - 1]!);
    }
  }

  async page(spec: ListSpec, start: PageStart, limit: number = PAGE_SIZE): Promise<ListRow[]> {
    const order = orderOf(spec.tab, spec.sort);
    const row = this.rowOf(spec);
    if (order.kind === 'index') return (await this.indexed(spec, order.field, start, limit)).map(row);
    // Title: no index, so one pass over the filtered records keeping only the page (and what a
    // jump skips over): memory stays bounded by the window, time grows with the register.
    // Rows are built only for the page: building one per record is what a scan would cost most.
    const cmp = titleOrder(this.compare);
    const best = new SmallestN<TitleKey & { d: StoredDoc }>(start.skip + limit, cmp);
    const after = start.after;
    await this.scan(spec, (docs) => {
      for (const d of docs) {
        const k = titleKeyOf(d);
        if (!after || cmp(k, after) > 0) best.offer(k);
      }
    });
    return best
      .values()
      .slice(start.skip)
      .map((k) => row(k.d));
  }

  async count(spec: ListSpec): Promise<number> {
    const selector = selectorOf(spec);
    const collection = this.collection(spec);
    try {
      // Fast when an index serves the filter ([status, newestKey]); the memory storage also counts
      // a filtered index range without building documents.
      return await collection.count({ selector } as never).exec();
    } catch (e) {
      // RxDB refuses a count its index cannot serve on storages that would read every record
      // at once for it (Dexie: QU14); count in chunks instead, holding one chunk at a time.
      if ((e as { code?: string }).code !== 'QU14') throw e;
    }
    let n = 0;
    await this.scan(spec, (docs) => (n += docs.length));
    return n;
  }
}
