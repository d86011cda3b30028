import { IDBKeyRange, IDBObjectStore, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { replicaDexieStorage } from './known-keys';

const schema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    title: { type: 'string' },
    _deleted: { type: 'boolean' },
    _rev: { type: 'string' },
    _meta: { type: 'object' },
    _attachments: { type: 'object' },
  },
  required: ['id', '_deleted', '_rev', '_meta', '_attachments'],
  indexes: [],
} as const;

type Doc = { id: string; title: string; _deleted: boolean; _rev: string; _meta: { lwt: number }; _attachments: object };
const doc = (id: string, title = id): Doc => ({ id, title, _deleted: false, _rev: '1-a', _meta: { lwt: Date.now() }, _attachments: {} });

let n = 0;
function open(known: boolean, name: string) {
  const storage = (known ? replicaDexieStorage({ indexedDB, IDBKeyRange }) : getRxStorageDexie({ indexedDB, IDBKeyRange })) as ReturnType<
    typeof getRxStorageDexie
  >;
  return storage.createStorageInstance<Doc>({
    databaseInstanceToken: `t${++n}`,
    databaseName: name,
    collectionName: 'rows',
    schema: schema as never,
    options: {},
    multiInstance: false,
    devMode: false,
  });
}

const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

/** A table's keys are read at its first read of a pulled batch's size; until then every read goes to IndexedDB. */
async function keysRead() {
  await new Promise((r) => setTimeout(r, 50));
}

afterEach(() => vi.restoreAllMocks());

describe('known keys (Dexie middleware)', () => {
  it('answers reads of keys never written without an IndexedDB request, and reads written ones', async () => {
    const db = await open(true, `known-keys-a-${Date.now()}`);
    await db.bulkWrite(
      ids('a', 150).map((id) => ({ document: doc(id) })),
      'test',
    );
    await keysRead();
    const gets = vi.spyOn(IDBObjectStore.prototype, 'get');
    const found = await db.findDocumentsById(['a7', ...ids('x', 120)], true);
    expect(found.map((d) => d.id)).toEqual(['a7']);
    expect(gets).toHaveBeenCalledTimes(1);
    // RxDB reads the records of a write before it writes them: all new, no request.
    gets.mockClear();
    const res = await db.bulkWrite(
      ids('b', 150).map((id) => ({ document: doc(id) })),
      'test',
    );
    expect(res.error).toEqual([]);
    expect(gets).not.toHaveBeenCalled();
    expect(await db.findDocumentsById(ids('b', 150), true)).toHaveLength(150);
    await db.close();
  });

  it('finds records stored before it was installed (a later start), and still reports a conflicting insert', async () => {
    const name = `known-keys-b-${Date.now()}`;
    const before = await open(false, name);
    await before.bulkWrite([{ document: doc('old', 'stored earlier') }], 'test');
    await before.close();

    const db = await open(true, name);
    const gets = vi.spyOn(IDBObjectStore.prototype, 'get');
    // A start's few reads go to IndexedDB and do not read the keys.
    expect((await db.findDocumentsById(['old'], true)).map((d) => d.title)).toEqual(['stored earlier']);
    expect((await db.findDocumentsById(['x'], true)).map((d) => d.title)).toEqual([]);
    expect(gets).toHaveBeenCalledTimes(2);
    // The first bulk read still reads every key it asks; the next asks only for 'old'.
    expect((await db.findDocumentsById(['old', ...ids('n', 120)], true)).map((d) => d.title)).toEqual(['stored earlier']);
    await keysRead();
    gets.mockClear();
    expect((await db.findDocumentsById(['old', ...ids('n', 120)], true)).map((d) => d.title)).toEqual(['stored earlier']);
    expect(gets).toHaveBeenCalledTimes(1);
    const res = await db.bulkWrite([{ document: doc('old', 'overwritten?') }], 'test');
    expect(res.error.map((e) => e.status)).toEqual([409]);
    expect((await db.findDocumentsById(['old'], true))[0]!.title).toBe('stored earlier');
    await db.close();
  });
});
