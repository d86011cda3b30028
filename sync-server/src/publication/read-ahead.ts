import { createHash } from 'node:crypto';
import type { PublicEntryRow, PublicListPosition, PublicListQuery } from '../storage/public-list-sql';
import type { PageCache } from './page-cache';

/** Reads entries of the public list after a position, in list order, at most `limit` (PublicationReads.listEntries). */
export type ListEntries = (query: PublicListQuery, after: PublicListPosition | null, limit: number) => Promise<PublicEntryRow[]>;

/**
 * Rows of the public list read a page ahead: readers leaf on, and a page read alone walks the
 * list again from its start position and gathers the words' matches again (most of a word
 * search's time). The page after the one asked for comes from the same read and is kept like a
 * page (PageCache: until the next commit, and never when one landed while it was read).
 */
export class ReadAhead {
  constructor(
    private readonly rows: PageCache<PublicEntryRow[]>,
    private readonly list: ListEntries,
  ) {}

  /** Up to `pageSize + 1` rows after `after` (one more than a page tells that there is a next page). */
  page(query: PublicListQuery, after: PublicListPosition | null, pageSize: number): Promise<PublicEntryRow[]> {
    return this.rows.get(rowsKey(query, after, pageSize), async (version) => {
      const rows = await this.list(query, after, 2 * pageSize + 1);
      // The next page starts after this page's last row; the rows read past it are all it needs
      // (fewer than a page and one: it is the last page).
      if (rows.length > pageSize) this.rows.put(rowsKey(query, rows[pageSize - 1]!, pageSize), version, rows.slice(pageSize));
      return rows.slice(0, pageSize + 1);
    });
  }
}

/**
 * The key of a page's rows: the id lists a query carries (every published document for
 * "Publicerade handlingar", the registers kept off) stand in it as a digest of their content,
 * made once per list (the same list object serves every page until the next commit), not
 * written out into every key and read again for every page.
 */
function rowsKey(query: PublicListQuery, after: PublicListPosition | null, pageSize: number): string {
  const lists = {
    onlyIds: query.onlyIds && digest(query.onlyIds),
    excludeRegisterIds: query.excludeRegisterIds && digest(query.excludeRegisterIds),
  };
  return JSON.stringify([{ ...query, ...lists }, after && [after.registeredDate, after.newestKey, after.id], pageSize]);
}

const digests = new WeakMap<readonly string[], string>();

function digest(ids: readonly string[]): string {
  let d = digests.get(ids);
  if (d === undefined) {
    d = `${ids.length} ${createHash('sha256').update(JSON.stringify(ids)).digest('base64url')}`;
    digests.set(ids, d);
  }
  return d;
}
