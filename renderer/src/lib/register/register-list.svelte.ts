import type { Subscription } from 'rxjs';
import type { Case, Document } from '../../../../shared/src';
import type { DiariumDatabase } from '../replica/database';
import { collator } from '../i18n/labels';
import { RowCache, SortedRows, caseRow, documentRow, filterRows, type ListRow, type SortKey } from './rows';
import { viewOf } from '../replica/sealing';

export type RegisterTab = 'cases' | 'documents';

interface TabData {
  rows: ListRow[];
  loaded: boolean;
  /** Only the newest page is in yet (the full query over 100 000 records takes seconds). */
  partial: boolean;
}

/** Rows shown at once while the full list is read. */
const FIRST_PAGE = 200;

/**
 * Newest first through the `newestKey` index (inverted time, so ascending is newest first).
 * Written as a mango query: the `.sort()` builder needs RxDB's query-builder plugin.
 */
const NEWEST_FIRST = { selector: {}, sort: [{ newestKey: 'asc' as const }] };

/** Longest a burst of changes (the first download) is held back before the list re-renders. */
const COALESCE_MS = 120;

/**
 * The register list's data and view state. Lives as long as the session, so returning from a
 * case finds the list, its search and its position as they were. Each tab subscribes to its
 * collection, newest first through the `newestKey` index, the first time it is shown.
 */
export class RegisterList {
  tab = $state<RegisterTab>('cases');
  text = $state('');
  status = $state('');
  classCode = $state('');
  sort = $state<SortKey>('newest');
  activeId = $state<string | null>(null);
  scrollTop = $state(0);
  registerId = $state('');

  private data = $state.raw<Record<RegisterTab, TabData>>({
    cases: { rows: [], loaded: false, partial: false },
    documents: { rows: [], loaded: false, partial: false },
  });
  private subs: Partial<Record<RegisterTab, Subscription>> = {};
  private sorters: Record<RegisterTab, SortedRows> = {
    cases: new SortedRows(collator.compare),
    documents: new SortedRows(collator.compare),
  };

  constructor(private readonly db: DiariumDatabase) {}

  loaded = $derived(this.data[this.tab].loaded);
  partial = $derived(this.data[this.tab].partial);
  total = $derived(this.data[this.tab].rows.filter((r) => !this.registerId || r.registerId === this.registerId).length);
  private sorted = $derived(this.sorters[this.tab].update(this.data[this.tab].rows, this.sort));
  rows = $derived(
    filterRows(this.sorted, { text: this.text, status: this.status, classCode: this.classCode, registerId: this.registerId }),
  );

  /** Starts the subscription of a tab's collection if it is not running yet. */
  ensure(tab: RegisterTab): void {
    if (this.subs[tab]) return;
    let pending: ListRow[] | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      if (!pending) return;
      this.data = { ...this.data, [tab]: { rows: pending, loaded: true, partial: false } };
      pending = null;
    };
    const accept = (rows: ListRow[]) => {
      const first = !this.data[tab].loaded || this.data[tab].partial;
      pending = rows;
      if (first) flush();
      else timer ??= setTimeout(flush, COALESCE_MS);
    };
    const firstPage = (rows: ListRow[]) => {
      if (!this.data[tab].loaded) this.data = { ...this.data, [tab]: { rows, loaded: true, partial: true } };
    };
    const FIRST = { ...NEWEST_FIRST, limit: FIRST_PAGE };
    let sub: Subscription;
    if (tab === 'cases') {
      void this.db.cases
        .find(FIRST)
        .exec()
        .then((docs) => firstPage(docs.map((d) => caseRow(viewOf<Case>(d)))));
      const cache = new RowCache<Case>(caseRow);
      sub = this.db.cases.find(NEWEST_FIRST).$.subscribe((docs) => accept(cache.map(docs.map((d) => viewOf<Case>(d)))));
    } else {
      void this.db.documents
        .find(FIRST)
        .exec()
        .then((docs) => firstPage(docs.map((d) => documentRow(viewOf<Document>(d)))));
      const cache = new RowCache<Document>(documentRow);
      sub = this.db.documents.find(NEWEST_FIRST).$.subscribe((docs) => accept(cache.map(docs.map((d) => viewOf<Document>(d)))));
    }
    this.subs[tab] = sub;
  }

  dispose(): void {
    for (const s of Object.values(this.subs)) s.unsubscribe();
    this.subs = {};
  }
}
