import type { Observable, Subscription } from 'rxjs';
import type { PageSource, PageStart } from './page-source';
import { PAGE_SIZE, pagesFor, type ListSpec } from './paging';
import type { ListRow } from './rows';

/**
 * The register list as a window of pages over the replica: only the pages around the rows on
 * screen are held, the total comes from a count. A page is read after the previous page's last
 * row (keyset) when that page is held, else by position (a jump with the scrollbar). Reads run
 * one at a time, in order, so a refresh and a scroll never interleave; a read started for an
 * older filter is thrown away.
 */
export class PagedList {
  private pages = new Map<number, ListRow[]>();
  private spec: ListSpec | null = null;
  private gen = 0;
  private first = 0;
  private last = 1;
  private queue: Promise<void> = Promise.resolve();
  private refreshQueued = false;
  /** Rows for the current filter: the count, or, until it is in, at least the rows read. */
  total = 0;
  /** `total` is a count (of this filter; during a refresh perhaps a moment old). */
  counted = false;
  /** How long the last refresh took: a caller coalescing changes waits at least this long again. */
  lastRefreshMs = 0;
  /** The first pages for the current filter are in. */
  loaded = false;

  constructor(
    private readonly source: PageSource,
    /** Called whenever rows, total or `loaded` changed. */
    private readonly changed: () => void,
    private readonly size: number = PAGE_SIZE,
  ) {}

  /** A new filter or sort: everything held is dropped and read again from the top. */
  setSpec(spec: ListSpec): Promise<void> {
    this.spec = spec;
    this.gen++;
    // Until the grid says what it shows: the top row (and with it only the first page).
    this.first = 0;
    this.last = 1;
    this.pages = new Map();
    this.total = 0;
    this.counted = false;
    this.loaded = false;
    this.changed();
    return this.refresh();
  }

  /** The rows on screen (`last` exclusive): pages around them are read, pages far off let go. */
  setRange(first: number, last: number): Promise<void> {
    this.first = first;
    this.last = last;
    return this.run(() => this.fill());
  }

  /**
   * The collection changed: count again and read the held pages again (only those), so a row
   * changed or added by sync shows in place. A refresh already waiting covers later calls.
   */
  refresh(): Promise<void> {
    if (this.refreshQueued) return this.queue;
    this.refreshQueued = true;
    return this.run(async () => {
      this.refreshQueued = false;
      const t0 = performance.now();
      await this.reread();
      this.lastRefreshMs = performance.now() - t0;
    });
  }

  rowAt(i: number): ListRow | undefined {
    return this.pages.get(Math.floor(i / this.size))?.[i % this.size];
  }

  /** Position of a held row, else -1. */
  indexOf(id: string): number {
    for (const [p, rows] of this.pages) {
      const i = rows.findIndex((r) => r.id === id);
      if (i >= 0) return p * this.size + i;
    }
    return -1;
  }

  /** How many rows are held in memory (what the bench and the tests measure). */
  held(): number {
    let n = 0;
    for (const rows of this.pages.values()) n += rows.length;
    return n;
  }

  private run(work: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(work, work);
    return this.queue;
  }

  private wanted(): number[] {
    return pagesFor(this.first, this.last, this.total, this.size);
  }

  private start(pages: ReadonlyMap<number, ListRow[]>, p: number): PageStart {
    const before = pages.get(p - 1);
    if (before && before.length === this.size) return { after: before[before.length - 1]!, skip: 0 };
    return { after: null, skip: p * this.size };
  }

  private async fill(): Promise<void> {
    const spec = this.spec;
    if (!spec || !this.loaded) return;
    const gen = this.gen;
    const wanted = this.wanted();
    for (const p of [...this.pages.keys()]) if (!wanted.includes(p)) this.pages.delete(p);
    for (const p of wanted) {
      if (this.pages.has(p)) continue;
      const rows = await this.source.page(spec, this.start(this.pages, p), this.size);
      if (gen !== this.gen) return;
      this.pages.set(p, rows);
      this.changed();
    }
  }

  /**
   * Reads the wanted pages, shows them, then counts. The pages come first: a count no index
   * serves (a register or process filter, in Dexie) reads every record of the filter, and the
   * first page should not wait for it. A short page ends the list, which makes the count exact
   * without counting.
   */
  private async reread(): Promise<void> {
    const spec = this.spec;
    if (!spec) return;
    const gen = this.gen;
    const next = new Map<number, ListRow[]>();
    let end: number | null = null;
    for (const p of pagesFor(this.first, this.last, this.counted ? this.total : Number.MAX_SAFE_INTEGER, this.size)) {
      const rows = await this.source.page(spec, this.start(next, p), this.size);
      if (gen !== this.gen) return;
      next.set(p, rows);
      if (rows.length < this.size && (rows.length > 0 || p === 0)) {
        end = p * this.size + rows.length;
        break;
      }
    }
    // Swapped at once, so the list never shows a half-read window.
    this.pages = next;
    this.loaded = true;
    if (end !== null) {
      this.total = end;
      this.counted = true;
      this.changed();
      return;
    }
    let read = 0;
    for (const [p, rows] of next) read = Math.max(read, p * this.size + rows.length);
    if (!this.counted) this.total = Math.max(this.total, read);
    this.changed();
    const total = await this.source.count(spec);
    if (gen !== this.gen) return;
    this.total = total;
    this.counted = true;
    this.changed();
  }
}

/**
 * Calls `run` at most once per `ms()` while `changes` (a collection's change events) keep coming:
 * a burst (the first download, a large pull) costs a few re-reads of the window, not one per
 * record. `ms` is asked each time, so a slow re-read (a count Dexie cannot take from an index)
 * can space the next ones out.
 */
export function coalesce(changes: Observable<unknown>, ms: () => number, run: () => void): Subscription {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const sub = changes.subscribe(() => {
    timer ??= setTimeout(() => {
      timer = null;
      run();
    }, ms());
  });
  sub.add(() => {
    if (timer) clearTimeout(timer);
  });
  return sub;
}
