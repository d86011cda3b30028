import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DiariumDatabase } from '../replica/database';
import { MAX_SEARCH_NAME, SavedListRefusal, SearchLists } from './saved';

const sink = { report: () => undefined, isRejected: () => false };
let db: DiariumDatabase;
let n = 0;
beforeEach(async () => {
  db = await openDatabase(`saved${Date.now()}${++n}`, getRxStorageMemory() as never, sink, 'saved-secret-0123456789abcdef01');
});
afterEach(() => db.remove());

describe('saved searches', () => {
  it('are kept in the replica as sealed local documents and read back by a new instance', async () => {
    const lists = new SearchLists(db);
    await lists.saveSearch('  Karins ansökningar ', 'avsändare:"Karin Svensson"');
    expect(lists.saved.value.map((s) => [s.name, s.query])).toEqual([['Karins ansökningar', 'avsändare:"Karin Svensson"']]);

    const again = new SearchLists(db);
    await again.ready;
    expect(again.saved.value.map((s) => s.name)).toEqual(['Karins ansökningar']);
    // Sealed: the query text is not readable in the local document itself.
    const raw = JSON.stringify((await db.getLocal('search-saved'))?.toJSON());
    expect(raw).not.toContain('Karin');
  });

  it('replace a search of the same name and can be removed', async () => {
    const lists = new SearchLists(db);
    await lists.saveSearch('Bygglov', 'bygglov');
    const second = await lists.saveSearch('Bygglov', 'bygglov status:registered');
    expect(lists.saved.value).toEqual([second]);
    await lists.removeSearch(second.id);
    expect(lists.saved.value).toEqual([]);
  });

  it('refuse a missing or long name and an empty query, writing nothing', async () => {
    const lists = new SearchLists(db);
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'saved',
        (e: unknown) => (e instanceof SavedListRefusal ? e.code : 'other'),
      );
    expect(await code(lists.saveSearch(' ', 'x'))).toBe('name_missing');
    expect(await code(lists.saveSearch('x'.repeat(MAX_SEARCH_NAME + 1), 'x'))).toBe('name_too_long');
    expect(await code(lists.saveSearch('Tom', '  '))).toBe('query_missing');
    expect(lists.saved.value).toEqual([]);
    expect(await db.getLocal('search-saved')).toBeNull();
  });
});
