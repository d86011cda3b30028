import { uncacheRxQuery } from 'rxdb';
import type { Subscription } from 'rxjs';
import { TEXT_FIELDS, tokenize, type Query, type SearchableRecord } from '../../../../shared/src/search';
import type { DiariumDatabase } from '../replica/database';
import { viewOf } from '../replica/sealing';

/** A replica collection offline search reads (cases and documents are indexed alike). */
export type SearchedReplicaCollection = DiariumDatabase['cases'] | DiariumDatabase['documents'];

/**
 * A record's searchable text as one string: one line per field text, each token between spaces
 * (tokens as `matchesQuery` makes them), so a word or phrase is a substring test (needlesOf).
 */
export function haystackOf(r: SearchableRecord): string {
  return [r.number, ...TEXT_FIELDS.flatMap((f) => r[f]), ...r.other].map((t) => ` ${tokenize(t).join(' ')} `).join('\n');
}

/**
 * Substrings a record's haystack must hold for the query to match it: per plain text term its
 * tokens in a row, starting a token, the last one ending a token unless it is a prefix (so an
 * unfielded word or phrase is tested exactly; a fielded one in any field); per case number its
 * year and serial. Only a necessary condition: `matchesQuery` decides on the record itself.
 */
export function needlesOf(query: Query): string[] {
  const out: string[] = [];
  for (const t of query.terms) {
    if (t.negated) continue;
    if (t.kind === 'text' && t.tokens.length > 0) out.push(` ${t.tokens.join(' ')}${t.prefix ? '' : ' '}`);
    else if (t.kind === 'number') out.push(String(t.year), String(t.serial));
  }
  return out;
}

/**
 * Runs a query once, leaving it out of RxDB's query cache: the index reads every record once, and
 * the cache would keep those pages (and a search's records) alive.
 */
export async function readOnce<T>(collection: SearchedReplicaCollection, query: { exec(): Promise<T> }): Promise<T> {
  try {
    return await query.exec();
  } finally {
    uncacheRxQuery(collection._queryCache, query as never);
  }
}

interface Entry {
  id: string;
  newestKey: string;
  /** Its place in the last snapshot (-1: not in it). */
  at: number;
}

/**
 * The index as of one moment, newest first: every record's haystack in one string (records
 * separated by a line break, which no needle holds), so a needle is found by one `indexOf` run over
 * all of them instead of a test per record. Never changed once made: a search may read it across
 * awaits while the index moves on.
 */
export class IndexSnapshot {
  constructor(
    /** Record ids, newest first. */
    readonly ids: readonly string[],
    /** Their newestKey. */
    readonly keys: readonly string[],
    readonly text: string,
    /** Where each record's haystack starts in `text`, and one more: where the next would. */
    readonly starts: readonly number[],
  ) {}

  static of(ids: readonly string[], keys: readonly string[], hays: readonly string[]): IndexSnapshot {
    const starts = [0];
    for (const h of hays) starts.push(starts[starts.length - 1]! + h.length + 1);
    return new IndexSnapshot(ids, keys, hays.join('\n') + '\n', starts);
  }

  hayAt(i: number): string {
    return this.text.slice(this.starts[i], this.starts[i + 1]! - 1);
  }

  /** The places (in `ids`) of the records whose haystack holds every needle, newest first. */
  *matching(needles: readonly string[]): Generator<number> {
    if (needles.length === 0) {
      for (let i = 0; i < this.ids.length; i++) yield i;
      return;
    }
    // The longest needle is searched through the whole text (likely the rarest); each record it
    // is found in is tested for the others.
    const [first, ...rest] = [...needles].sort((a, b) => b.length - a.length) as [string, ...string[]];
    for (let from = 0; ;) {
      const pos = this.text.indexOf(first, from);
      if (pos < 0) return;
      const i = this.recordAt(pos);
      if (rest.length === 0 || rest.every((n) => this.hayAt(i).includes(n))) yield i;
      from = this.starts[i + 1]!;
    }
  }

  /** The record whose haystack holds position `pos` of the text. */
  private recordAt(pos: number): number {
    let lo = 0;
    let hi = this.ids.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** Records read at a time while the index is built or catches up. */
const READ = 2000;

/**
 * The searchable text of every record of one replica collection for one set of names, in memory,
 * newest first: built once by reading the collection, then kept up to date from its change events
 * (a changed id is only noted; it is read again at the next search, so a first download's stream
 * of writes costs nothing here). A search runs over a snapshot without touching the store and
 * loads only the records that pass. Each record's text is held once (in the snapshot, or while
 * changed since, on its own): about the size of the records' searchable metadata.
 */
export class ReplicaSearchIndex {
  private readonly entries = new Map<string, Entry>();
  /** Haystacks of records read since the snapshot was made. */
  private readonly fresh = new Map<string, string>();
  private snapshot = IndexSnapshot.of([], [], []);
  private stale = false;
  private readonly changed = new Set<string>();
  private readonly subscription: Subscription;
  /** Building, then each catch-up, one after another. */
  private work: Promise<void>;

  constructor(
    readonly collection: SearchedReplicaCollection,
    private readonly searchable: (record: never) => SearchableRecord,
  ) {
    // Subscribed before the first read: a write during it is read again afterwards.
    this.subscription = collection.eventBulks$.subscribe((bulk) => {
      if (!bulk.isLocal) for (const e of bulk.events) this.changed.add(e.documentId);
    });
    this.work = this.build();
  }

  /** The index as of now, the store's changes applied. */
  async current(): Promise<IndexSnapshot> {
    this.work = this.work.then(() => this.catchUp());
    await this.work;
    if (this.stale) this.remake();
    return this.snapshot;
  }

  dispose(): void {
    this.subscription.unsubscribe();
  }

  private remake(): void {
    const old = this.snapshot;
    const sorted = [...this.entries.values()].sort((a, b) =>
      a.newestKey < b.newestKey ? -1 : a.newestKey > b.newestKey ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
    const hays = sorted.map((e) => this.fresh.get(e.id) ?? old.hayAt(e.at));
    sorted.forEach((e, i) => (e.at = i));
    this.snapshot = IndexSnapshot.of(
      sorted.map((e) => e.id),
      sorted.map((e) => e.newestKey),
      hays,
    );
    this.fresh.clear();
    this.stale = false;
  }

  private async build(): Promise<void> {
    let after: string | null = null;
    for (;;) {
      const cases = this.collection as DiariumDatabase['cases'];
      const page: readonly { _data: unknown }[] = await readOnce(
        cases,
        cases.find({ selector: after === null ? {} : { id: { $gt: after } }, sort: [{ id: 'asc' }], limit: READ }),
      );
      for (const doc of page) this.put(doc);
      if (page.length < READ) return;
      after = (page[page.length - 1]!._data as { id: string }).id;
    }
  }

  private async catchUp(): Promise<void> {
    while (this.changed.size > 0) {
      const ids = [...this.changed].slice(0, READ);
      for (const id of ids) this.changed.delete(id);
      const cases = this.collection as DiariumDatabase['cases'];
      const found = await readOnce(cases, cases.findByIds(ids));
      for (const id of ids) {
        const doc = found.get(id);
        if (doc) this.put(doc);
        else if (this.entries.delete(id)) {
          this.fresh.delete(id);
          this.stale = true;
        }
      }
    }
  }

  private put(doc: { _data: unknown }): void {
    const { id, newestKey } = doc._data as { id: string; newestKey: string }; // metadata: never sealed
    this.fresh.set(id, haystackOf(this.searchable(viewOf<never>(doc))));
    const known = this.entries.get(id);
    if (known) known.newestKey = newestKey;
    else this.entries.set(id, { id, newestKey, at: -1 });
    this.stale = true;
  }
}
