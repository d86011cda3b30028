import type { Case, Document } from '../../../../shared/src';
import {
  caseSearchable,
  documentSearchable,
  foldText,
  matchesQuery,
  TEXT_FIELDS,
  type Query,
  type SearchableRecord,
  type SearchNames,
} from '../../../../shared/src/search';
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
 * Text every search field of a record holds, case folded, kept per stored record object (RxDB
 * keeps the object of an unchanged document) and per set of names, so a search does not
 * tokenise the whole replica again: matching (tokenising each field) is what costs offline.
 */
const haystacks = new WeakMap<SearchNames, WeakMap<object, string>>();

function haystackOf(r: SearchableRecord): string {
  return [r.number, ...TEXT_FIELDS.flatMap((f) => r[f]), ...r.other].map(foldText).join('\n');
}

/**
 * Substrings a record's haystack must hold for the query to match it: each token of a plain text
 * term (a token of a field is a substring of the field folded; a prefix too), and a number
 * term's year and serial (a stored number holds both, the serial perhaps after zeros). Only a
 * necessary condition: `matchesQuery` decides.
 */
export function needlesOf(query: Query): string[] {
  const out: string[] = [];
  for (const t of query.terms) {
    if (t.negated) continue;
    if (t.kind === 'text') out.push(...t.tokens);
    else if (t.kind === 'number') out.push(String(t.year), String(t.serial));
  }
  return out;
}

/**
 * Runs a parsed query over one collection of the replica, newest first through the `newestKey`
 * index, page by page, and stops as soon as it has one hit more than `limit`: a query that
 * matches much stays cheap. Records are matched as the user received them (projected), so a
 * withheld value is not there to match.
 */
async function scan<R extends { id: string; newestKey: string }>(
  collection: DiariumDatabase['cases'] | DiariumDatabase['documents'],
  searchable: (r: R) => SearchableRecord,
  query: Query,
  names: SearchNames,
  limit: number,
): Promise<R[]> {
  let cache = haystacks.get(names);
  if (!cache) haystacks.set(names, (cache = new WeakMap()));
  const needles = needlesOf(query);
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
    const keys: { newestKey: string; id: string }[] = [];
    for (const doc of page) {
      const data = doc._data as object;
      let r: R | null = null;
      let hay = cache.get(data);
      if (hay === undefined) {
        r = viewOf<R>(doc);
        hay = haystackOf(searchable(r));
        cache.set(data, hay);
      }
      const { newestKey, id } = data as { newestKey: string; id: string }; // metadata: never sealed
      keys.push({ newestKey, id });
      if (newestKey === after && seenAtAfter.has(id)) continue;
      if (!needles.every((n) => hay.includes(n))) continue;
      r ??= viewOf<R>(doc);
      if (matchesQuery(query, searchable(r))) {
        found.push(r);
        if (found.length > limit) return found;
      }
    }
    if (keys.length < size) return found;
    const last: string = keys[keys.length - 1]!.newestKey;
    const atLast = keys.filter((k) => k.newestKey === last).map((k) => k.id);
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
