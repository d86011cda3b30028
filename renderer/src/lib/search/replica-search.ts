import type { Case, Document } from '../../../../shared/src';
import {
  caseSearchable,
  documentSearchable,
  matchesQuery,
  type Query,
  type SearchableRecord,
  type SearchNames,
} from '../../../../shared/src/search';
import type { DiariumDatabase } from '../replica/database';
import { viewOf } from '../replica/sealing';
import type { SearchHit } from './hits';
import { needlesOf, ReplicaSearchIndex, type SearchedReplicaCollection } from './replica-index';
import { SEARCH_LIMIT } from './server-search';

export interface ReplicaSearchResult {
  hits: SearchHit[];
  /** More hits than `limit` exist in the replica; the scan stopped there. */
  more: boolean;
}

/**
 * Indexes kept per collection, one per set of names (the search view's and the register list's
 * name-less one), the least recently used dropped beyond these: a new names object (a party
 * renamed) builds its index anew.
 */
const KEPT_PER_COLLECTION = 2;
const indexes = new WeakMap<SearchedReplicaCollection, Map<SearchNames, ReplicaSearchIndex>>();

function indexOf<R>(collection: SearchedReplicaCollection, searchable: (r: R) => SearchableRecord, names: SearchNames): ReplicaSearchIndex {
  let kept = indexes.get(collection);
  if (!kept) indexes.set(collection, (kept = new Map()));
  let index = kept.get(names);
  if (index) kept.delete(names);
  else {
    index = new ReplicaSearchIndex(collection, searchable as (r: never) => SearchableRecord);
    const oldest = kept.size >= KEPT_PER_COLLECTION ? kept.keys().next().value : undefined;
    if (oldest !== undefined) {
      kept.get(oldest)!.dispose();
      kept.delete(oldest);
    }
  }
  kept.set(names, index); // most recently used last
  return index;
}

/**
 * Runs a parsed query over one collection of the replica, newest first, and stops as soon as it
 * has one hit more than `limit`: the collection's in-memory index (replica-index.ts) proposes the
 * records whose text can match, and only those are read from the store and decided by
 * `matchesQuery` as the user received them (projected), so a withheld value is not there to match.
 */
async function scan<R>(
  collection: SearchedReplicaCollection,
  searchable: (r: R) => SearchableRecord,
  query: Query,
  names: SearchNames,
  limit: number,
): Promise<R[]> {
  const snapshot = await indexOf(collection, searchable, names).current();
  const found: R[] = [];
  let batch: string[] = [];
  const decide = async () => {
    const docs = await (collection as DiariumDatabase['cases']).findByIds(batch).exec();
    for (const id of batch) {
      const doc = docs.get(id);
      if (!doc) continue; // removed since the index was read
      const r = viewOf<R>(doc);
      if (matchesQuery(query, searchable(r))) found.push(r);
    }
    batch = [];
  };
  // Records are read in batches of a page and one more: most candidates are hits.
  const size = Math.max(limit + 1, 50);
  for (const id of snapshot.matching(needlesOf(query))) {
    batch.push(id);
    if (batch.length < size) continue;
    await decide();
    if (found.length > limit) return found;
  }
  if (batch.length > 0) await decide();
  return found;
}

/** The same query over the replica (offline, or the server unreachable): cases and documents, newest first. */
export async function searchReplica(
  db: DiariumDatabase,
  query: Query,
  names: SearchNames,
  limit: number = SEARCH_LIMIT,
): Promise<ReplicaSearchResult> {
  const [cases, documents] = await Promise.all([
    scan<Case>(db.cases, (c) => caseSearchable(c, names), query, names, limit),
    scan<Document>(db.documents, (d) => documentSearchable(d, names), query, names, limit),
  ]);
  const hits: (SearchHit & { key: string })[] = [
    ...cases.map((record) => ({ collection: 'cases' as const, record, key: record.newestKey })),
    ...documents.map((record) => ({ collection: 'documents' as const, record, key: record.newestKey })),
  ].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    hits: hits.slice(0, limit).map(({ key: _key, ...hit }) => hit as SearchHit),
    more: hits.length > limit,
  };
}
