import type { Case, Document } from '../../../../shared/src';
import { caseSearchable, documentSearchable, matchesQuery, type Query, type SearchNames } from '../../../../shared/src/search';
import type { DiariumDatabase } from '../replica/database';
import { viewOf } from '../replica/sealing';
import type { SearchHit } from './hits';
import { SEARCH_LIMIT } from './server-search';

/** Records read from the replica at a time, newest first. */
const PAGE = 500;

export interface ReplicaSearchResult {
  hits: SearchHit[];
  /** More hits than `limit` exist in the replica; the scan stopped there. */
  more: boolean;
}

/**
 * Runs a parsed query over one collection of the replica, newest first through the `newestKey`
 * index, page by page, and stops as soon as it has one hit more than `limit`: a query that
 * matches much stays cheap. Records are matched as the user received them (projected), so a
 * withheld value is not there to match.
 */
async function scan<R extends { id: string; newestKey: string }>(
  collection: DiariumDatabase['cases'] | DiariumDatabase['documents'],
  matches: (r: R) => boolean,
  limit: number,
): Promise<R[]> {
  const found: R[] = [];
  // Keys are not unique (one per millisecond): a page starts at the last key again and skips the
  // ids it has seen there; a page of one key only grows the next page, so the scan always advances.
  let after: string | null = null;
  let seenAtAfter = new Set<string>();
  let size = PAGE;
  for (;;) {
    // One collection type for the query: both hold records with `newestKey` and `id` indexed alike.
    const page = await (collection as DiariumDatabase['cases'])
      .find({
        selector: after === null ? {} : { newestKey: { $gte: after } },
        sort: [{ newestKey: 'asc' }, { id: 'asc' }],
        limit: size,
      })
      .exec();
    const records: R[] = page.map((doc) => viewOf<R>(doc));
    for (const r of records) {
      if (r.newestKey === after && seenAtAfter.has(r.id)) continue;
      if (matches(r)) {
        found.push(r);
        if (found.length > limit) return found;
      }
    }
    if (records.length < size) return found;
    const last: string = records[records.length - 1]!.newestKey;
    const atLast = records.filter((r) => r.newestKey === last).map((r) => r.id);
    if (last === after) {
      for (const id of atLast) seenAtAfter.add(id);
      size *= 2;
    } else {
      after = last;
      seenAtAfter = new Set(atLast);
      size = PAGE;
    }
  }
}

/** The same query over the replica (offline, or the server unreachable): cases and documents, newest first. */
export async function searchReplica(
  db: DiariumDatabase,
  query: Query,
  names: SearchNames,
  limit: number = SEARCH_LIMIT,
): Promise<ReplicaSearchResult> {
  const [cases, documents] = await Promise.all([
    scan<Case>(db.cases, (c) => matchesQuery(query, caseSearchable(c, names)), limit),
    scan<Document>(db.documents, (d) => matchesQuery(query, documentSearchable(d, names)), limit),
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
