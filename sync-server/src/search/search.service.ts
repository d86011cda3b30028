import { projectRecord, type AccessSubject, type Case, type CollectionName, type Document } from '../../../shared/src';
import {
  MAX_SEARCH_OFFSET,
  caseSearchable,
  documentSearchable,
  matchesQuery,
  relevanceOf,
  type Query,
  type SearchCollection,
  type SearchHit,
  type SearchNames,
  type SearchResponse,
} from '../../../shared/src/search';
import type { ContextLoader } from '../sync/access-context';
import type { ClassificationCache } from '../sync/classification-cache';
import { toWire } from '../sync/pull.service';
import type { Storage, StoredRecord } from '../storage/storage';

/**
 * Candidates one search examines (load, project, re-check) at most: a few tens of ms of work.
 * Relevance and paging are computed within this window of the newest matching records.
 */
export const DEFAULT_MAX_CANDIDATES = MAX_SEARCH_OFFSET;
const CHUNK = 100;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface SearchOptions {
  collections: readonly SearchCollection[];
  limit: number;
  offset: number;
  sort: 'relevance' | 'newest' | 'title';
}

interface Kept {
  hit: SearchHit;
  score: number;
  /** Position among the candidates (newest first). */
  order: number;
  title: string;
}

type Data = Record<string, unknown>;

const swedish = new Intl.Collator('sv');

/**
 * Search over the whole register, answered as pulls are. The index (storage/search-index.ts)
 * holds stored text, withheld parts included, so it only proposes candidates; each candidate is
 * loaded, projected for the user with the same contexts as a pull, turned into what search sees
 * of it with names as the user would receive them, and kept only if the query matches THAT. A
 * query therefore finds a record only by what the user may read of it, and the reply's size and
 * `more` are computed after projection.
 */
export class SearchService {
  constructor(
    private readonly storage: Storage,
    private readonly contexts: ContextLoader,
    private readonly classes: ClassificationCache,
    private readonly maxCandidates = DEFAULT_MAX_CANDIDATES,
  ) {}

  async search(subject: AccessSubject, query: Query, opts: SearchOptions): Promise<SearchResponse> {
    const candidates = await this.storage.searchCandidates(
      query,
      { registerIds: subject.registerIds, collections: opts.collections },
      this.maxCandidates,
    );
    const wanted = opts.offset + opts.limit;
    const kept: Kept[] = [];
    for (let i = 0; i < candidates.length; i += CHUNK) {
      if (i > 0) await nextTurn();
      kept.push(...(await this.examine(subject, query, candidates.slice(i, i + CHUNK), i)));
      // Newest first is the candidates' own order: once a page and one more are found, stop.
      if (opts.sort === 'newest' && kept.length > wanted) break;
    }
    kept.sort(
      opts.sort === 'title'
        ? (a, b) => swedish.compare(a.title, b.title) || a.order - b.order
        : opts.sort === 'relevance'
          ? (a, b) => b.score - a.score || a.order - b.order
          : (a, b) => a.order - b.order,
    );
    return { hits: kept.slice(opts.offset, wanted).map((k) => k.hit), more: kept.length > wanted };
  }

  private async examine(
    subject: AccessSubject,
    query: Query,
    chunk: readonly { collection: SearchCollection; id: string }[],
    first: number,
  ): Promise<Kept[]> {
    const ids = (c: SearchCollection) => chunk.filter((x) => x.collection === c).map((x) => x.id);
    const loaded = [
      ...(await this.storage.getRecords('cases', ids('cases'))),
      ...(await this.storage.getRecords('documents', ids('documents'))),
    ];
    const byKey = new Map(loaded.map((r) => [`${r.collection}/${r.id}`, r]));
    const found = chunk
      .map((c, j) => ({ rec: byKey.get(`${c.collection}/${c.id}`), order: first + j }))
      .filter((x): x is { rec: StoredRecord; order: number } => x.rec !== undefined && !x.rec.deleted);
    const ctx = await this.contexts.contexts(found.map((x) => x.rec));
    const visible: { rec: StoredRecord; wire: Data; order: number }[] = [];
    found.forEach(({ rec, order }, i) => {
      const wire = toWire(subject, rec, ctx[i]);
      if (wire) visible.push({ rec, wire, order });
    });
    const names = await this.names(
      subject,
      visible.map((v) => v.wire),
    );
    const out: Kept[] = [];
    for (const { rec, wire, order } of visible) {
      const view =
        rec.collection === 'cases'
          ? caseSearchable(wire as unknown as Case, names(rec.registerId))
          : documentSearchable(wire as unknown as Document, names(rec.registerId));
      if (!matchesQuery(query, view)) continue;
      out.push({
        hit: { collection: rec.collection as SearchCollection, record: wire },
        score: relevanceOf(query, view),
        order,
        title: typeof wire.title === 'string' ? wire.title : '',
      });
    }
    return out;
  }

  /** Names of the parties, officers, processes and document types these projected records show, as this user receives them. */
  private async names(subject: AccessSubject, wires: readonly Data[]): Promise<(registerId: string) => SearchNames> {
    const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
    const partyIds = new Set<string>();
    const userIds = new Set<string>();
    const typeIds = new Set<string>();
    const registers = new Set<string>();
    for (const w of wires) {
      for (const id of [...(Array.isArray(w.partyIds) ? w.partyIds : []), w.senderPartyId, w.recipientPartyId])
        if (str(id)) partyIds.add(str(id)!);
      if (str(w.responsibleUserId)) userIds.add(str(w.responsibleUserId)!);
      if (str(w.documentTypeId)) typeIds.add(str(w.documentTypeId)!);
      if (str(w.registerId)) registers.add(str(w.registerId)!);
    }
    const parties = await this.projected(subject, 'parties', partyIds);
    const users = await this.projected(subject, 'users', userIds);
    const types = await this.projected(subject, 'doctypes', typeIds);
    const plans = new Map(await Promise.all([...registers].map(async (r) => [r, await this.classes.plan(r)] as const)));
    const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    return (registerId) => ({
      party: (id) => text(parties.get(id)?.name),
      user: (id) => [users.get(id)?.displayName, users.get(id)?.username].filter((v): v is string => typeof v === 'string' && v !== ''),
      process: (code) => text(plans.get(registerId)?.get(code)?.title),
      documentType: (id) => text(types.get(id)?.name),
    });
  }

  private async projected(subject: AccessSubject, collection: CollectionName, ids: Set<string>): Promise<Map<string, Data>> {
    if (ids.size === 0) return new Map();
    const rows = (await this.storage.getRecords(collection, [...ids])).filter((r) => !r.deleted);
    const ctx = await this.contexts.contexts(rows);
    const out = new Map<string, Data>();
    rows.forEach((r, i) => {
      const p = projectRecord(subject, collection, r.data as { id: string; registerId: string }, ctx[i]);
      if (p) out.set(r.id, p as Data);
    });
    return out;
  }
}
