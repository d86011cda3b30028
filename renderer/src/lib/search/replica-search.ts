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
import { IndexSnapshot, needlesOf, readOnce, ReplicaSearchIndex, type SearchedReplicaCollection } from './replica-index';
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
/** Candidates read from the store at a time, at least. */
const MIN_BATCH = 20;
const indexes = new WeakMap<SearchedReplicaCollection, Map<SearchNames, ReplicaSearchIndex>>();

function indexOf<R>(collection: SearchedReplicaCollection, searchable: (r: R) => SearchableRecord, names: SearchNames): ReplicaSearchIndex {
  let kept = indexes.get(collection);
  if (!kept) {
    const made = (kept = new Map());
    indexes.set(collection, made);
    // The indexes hold the records' text in the clear: they go with the replica (sign-out closes it).
    collection.onClose.push(() => {
      for (const index of made.values()) index.dispose();
      made.clear();
    });
  }
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

interface Candidate {
  collection: 'cases' | 'documents';
  id: string;
  key: string;
}

/** The candidates of both collections as one list, newest first (a case before a document of the same key). */
function* newestFirst(cases: Iterator<Candidate>, documents: Iterator<Candidate>): Generator<Candidate> {
  let c = cases.next();
  let d = documents.next();
  while (!c.done || !d.done) {
    if (d.done || (!c.done && c.value.key <= d.value.key)) {
      yield c.value as Candidate;
      c = cases.next();
    } else {
      yield d.value;
      d = documents.next();
    }
  }
}

function* candidatesOf(collection: Candidate['collection'], snapshot: IndexSnapshot, needles: readonly string[]): Generator<Candidate> {
  for (const i of snapshot.matching(needles)) yield { collection, id: snapshot.ids[i]!, key: snapshot.keys[i]! };
}

/**
 * The same query over the replica (offline, or the server unreachable): cases and documents,
 * newest first, stopping at one hit more than `limit`. Each collection's in-memory index
 * (replica-index.ts) proposes the records whose text can match, in one newest-first list; only
 * those are read from the store, a batch at a time (as many as hits are still wanted: most
 * candidates are hits), and decided by `matchesQuery` as the user received them (projected), so a
 * withheld value is not there to match.
 */
export async function searchReplica(
  db: DiariumDatabase,
  query: Query,
  names: SearchNames,
  limit: number = SEARCH_LIMIT,
): Promise<ReplicaSearchResult> {
  const caseView = (c: Case) => caseSearchable(c, names);
  const documentView = (d: Document) => documentSearchable(d, names);
  const [cases, documents] = await Promise.all([
    indexOf(db.cases, caseView, names).current(),
    indexOf(db.documents, documentView, names).current(),
  ]);
  const needles = needlesOf(query);
  const hits: SearchHit[] = [];
  const decide = async (batch: readonly Candidate[]) => {
    const ids = (c: Candidate['collection']) => batch.filter((x) => x.collection === c).map((x) => x.id);
    const [caseDocs, documentDocs] = await Promise.all([
      readOnce(db.cases, db.cases.findByIds(ids('cases'))),
      readOnce(db.documents, db.documents.findByIds(ids('documents'))),
    ]);
    for (const c of batch) {
      const doc = (c.collection === 'cases' ? caseDocs : documentDocs).get(c.id);
      if (!doc) continue; // removed since the index was read
      if (c.collection === 'cases') {
        const record = viewOf<Case>(doc);
        if (matchesQuery(query, caseView(record))) hits.push({ collection: 'cases', record });
      } else {
        const record = viewOf<Document>(doc);
        if (matchesQuery(query, documentView(record))) hits.push({ collection: 'documents', record });
      }
    }
  };
  let batch: Candidate[] = [];
  for (const c of newestFirst(candidatesOf('cases', cases, needles), candidatesOf('documents', documents, needles))) {
    batch.push(c);
    if (batch.length < Math.max(limit + 1 - hits.length, MIN_BATCH)) continue;
    await decide(batch);
    batch = [];
    if (hits.length > limit) break;
  }
  if (batch.length > 0 && hits.length <= limit) await decide(batch);
  return { hits: hits.slice(0, limit), more: hits.length > limit };
}
