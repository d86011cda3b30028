import type { Subscription } from 'rxjs';
import { parseQuery, type SearchNames } from '../../../../shared/src/search';
import type { DiariumDatabase } from '../replica/database';
import { collator } from '../i18n/labels';
import { searchReplica } from '../search/replica-search';
import { searchErrorMessage } from '../search/search-state.svelte';
import { PagedList, coalesce } from './paged-list';
import { ReplicaPageSource } from './page-source';
import type { ListSpec, RegisterTab } from './paging';
import { caseRow, documentRow, filterRows, sortRows, type ListRow, type SortKey } from './rows';

export type { RegisterTab } from './paging';

/**
 * How long a burst of changes (the first download) is held back before the list reads again;
 * at least twice the last re-read, so re-reading never takes more than a third of the time.
 */
const COALESCE_MS = 150;

/** Rows an export reads at a time. */
const EXPORT_PAGE = 2000;

/** How long typing may pause before the search box searches. */
const TYPING_MS = 120;

/**
 * The list's search box matches numbers, titles, senders and recipients as the records hold
 * them (as it always has), not names resolved from ids: those are for the search view.
 */
const NO_NAMES: SearchNames = {
  party: () => undefined,
  user: () => [],
  process: () => undefined,
  documentType: () => undefined,
};

/** The text search's answer for the shown tab: at most one search limit of rows. */
interface TextHits {
  tab: RegisterTab;
  rows: ListRow[];
  /** The replica holds more matches than the search returns. */
  more: boolean;
  error: string | null;
}

/**
 * The register list's data and view state. Lives as long as the session, so returning from a
 * case finds the list, its search and its position as they were. It never holds the register:
 * each tab is a window of pages over indexed queries (`PagedList`), read as the grid scrolls,
 * and read again when its collection changes. Text in the search box runs the offline search
 * (`searchReplica`) instead, whose hits are bounded by the search limit.
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

  /** Bumped whenever held rows change: what reads rows through `rowAt` depends on it. */
  private version = $state(0);
  private hits = $state.raw<TextHits | null>(null);
  private readonly lists: Record<RegisterTab, PagedList>;
  private readonly applied: Partial<Record<RegisterTab, string>> = {};
  private readonly stale: Partial<Record<RegisterTab, boolean>> = {};
  private subs: Subscription[] = [];
  private searchTimer: ReturnType<typeof setTimeout> | null = null;
  private searchSeq = 0;
  private readonly source: ReplicaPageSource;

  constructor(private readonly db: DiariumDatabase) {
    const source = (this.source = new ReplicaPageSource(db, collator.compare));
    const bump = () => void this.version++;
    this.lists = { cases: new PagedList(source, bump), documents: new PagedList(source, bump) };
    for (const tab of ['cases', 'documents'] as const) {
      const wait = () => Math.max(COALESCE_MS, 2 * this.lists[tab].lastRefreshMs);
      // Change bulks, not `db[tab].$` (RxDB keeps every bulk turned into `$` events: see open-replica.ts).
      this.subs.push(coalesce(db[tab].eventBulks$, wait, () => this.onCollectionChange(tab)));
    }
  }

  private get searching(): boolean {
    return this.text.trim() !== '';
  }

  /**
   * The search's hits while there is text and they are in; until the first hits of a search
   * arrive the pages stay, so the grid does not blink away under the first keystroke.
   */
  private get shownHits(): TextHits | null {
    return this.searching && this.hits?.tab === this.tab ? this.hits : null;
  }

  get loaded(): boolean {
    void this.version;
    return this.shownHits !== null || this.lists[this.tab].loaded;
  }

  /** Rows the list has for the current filter (the grid's length). */
  get total(): number {
    void this.version;
    return this.shownHits?.rows.length ?? this.lists[this.tab].total;
  }

  /** `total` is counted; until then it says how many rows have been read at least. */
  get counted(): boolean {
    void this.version;
    return this.shownHits !== null || this.lists[this.tab].counted;
  }

  /** The search found more than it shows: refine it, or use the search view. */
  get more(): boolean {
    return this.shownHits?.more ?? false;
  }

  get searchError(): string | null {
    return this.shownHits?.error ?? null;
  }

  rowAt(i: number): ListRow | undefined {
    void this.version;
    const hits = this.shownHits;
    return hits ? hits.rows[i] : this.lists[this.tab].rowAt(i);
  }

  indexOf(id: string): number {
    void this.version;
    const hits = this.shownHits;
    return hits ? hits.rows.findIndex((r) => r.id === id) : this.lists[this.tab].indexOf(id);
  }

  /**
   * Every row the list shows now (its tab, filter, sort or search), in its order, up to `limit`:
   * for the export, read page after page from the replica, not held by the list.
   */
  async allRows(limit: number): Promise<{ rows: ListRow[]; more: boolean }> {
    const hits = this.shownHits;
    if (hits) return { rows: hits.rows.slice(0, limit), more: hits.more || hits.rows.length > limit };
    const spec = this.spec();
    const rows: ListRow[] = [];
    for (let after: ListRow | null = null; ;) {
      // One row past the limit tells whether there are more.
      const want = Math.min(EXPORT_PAGE, limit + 1 - rows.length);
      const page = await this.source.page(spec, { after, skip: 0 }, want);
      rows.push(...page);
      if (rows.length > limit) return { rows: rows.slice(0, limit), more: true };
      if (page.length < want) return { rows, more: false };
      after = page.at(-1)!;
    }
  }

  /** The grid shows rows `first`..`last`: the list reads what it lacks there and lets the rest go. */
  setRange(first: number, last: number): void {
    if (!this.shownHits) void this.lists[this.tab].setRange(first, last);
  }

  private spec(): ListSpec {
    return { tab: this.tab, registerId: this.registerId, status: this.status, classCode: this.classCode, sort: this.sort };
  }

  /**
   * Reads what the current tab, filter, sort and search text need. Call it from an effect: it
   * reads exactly the state that decides what is shown.
   */
  apply(): void {
    const spec = this.spec();
    if (this.searching) {
      const text = this.text;
      if (this.searchTimer) clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => {
        this.searchTimer = null;
        void this.search(text, spec);
      }, TYPING_MS);
      return;
    }
    this.hits = null;
    const key = JSON.stringify(spec);
    if (this.applied[spec.tab] !== key) {
      // A new filter or sort starts at the top (a page far down would be read by position first).
      if (this.applied[spec.tab] !== undefined) this.scrollTop = 0;
      this.applied[spec.tab] = key;
      this.stale[spec.tab] = false;
      void this.lists[spec.tab].setSpec(spec);
    } else if (this.stale[spec.tab]) {
      this.stale[spec.tab] = false;
      void this.lists[spec.tab].refresh();
    }
  }

  private onCollectionChange(tab: RegisterTab): void {
    if (tab !== this.tab || this.applied[tab] === undefined) {
      this.stale[tab] = true;
      return;
    }
    if (this.searching) void this.search(this.text, this.spec());
    else void this.lists[tab].refresh();
  }

  private async search(text: string, spec: ListSpec): Promise<void> {
    const seq = ++this.searchSeq;
    const parsed = parseQuery(text);
    let hits: TextHits;
    if (!parsed.ok) {
      hits = { tab: spec.tab, rows: [], more: false, error: searchErrorMessage(parsed.error, parsed.at) };
    } else {
      const found = await searchReplica(this.db, parsed.query, NO_NAMES);
      const rows = found.hits.map((h) => (h.collection === 'cases' ? caseRow(h.record) : documentRow(h.record)));
      const mine = filterRows(
        rows.filter((r) => (r.kind === 'case') === (spec.tab === 'cases')),
        { text: '', status: spec.status, classCode: spec.classCode, registerId: spec.registerId },
      );
      hits = { tab: spec.tab, rows: sortRows(mine, spec.sort, collator.compare), more: found.more, error: null };
    }
    if (seq !== this.searchSeq) return; // a newer search has started
    this.hits = hits;
    this.version++;
  }

  dispose(): void {
    for (const s of this.subs) s.unsubscribe();
    this.subs = [];
    if (this.searchTimer) clearTimeout(this.searchTimer);
  }
}
