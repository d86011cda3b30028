import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { describe, expect, it } from 'vitest';
import { closeSafeCleanup } from './close-safe-cleanup';

const schema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    _deleted: { type: 'boolean' },
    _rev: { type: 'string' },
    _meta: { type: 'object' },
    _attachments: { type: 'object' },
  },
  required: ['id', '_deleted', '_rev', '_meta', '_attachments'],
  indexes: [],
} as const;

let n = 0;
async function instanceOn(storage: ReturnType<typeof getRxStorageDexie>) {
  n++;
  return storage.createStorageInstance({
    databaseInstanceToken: `t${n}`,
    databaseName: `close-safe-${n}-${Date.now()}`,
    collectionName: 'rows',
    schema: schema as never,
    options: {},
    multiInstance: false,
    devMode: false,
  });
}

describe('closeSafeCleanup', () => {
  it('Dexie itself refuses a cleanup of a closed instance (what this guards against)', async () => {
    const plain = await instanceOn(getRxStorageDexie({ indexedDB, IDBKeyRange }));
    const closed = plain.close();
    await expect(plain.cleanup(0)).rejects.toThrow(/is closed/);
    await closed;
  });

  it('counts a cleanup cut short by closing as done', async () => {
    const instance = await instanceOn(closeSafeCleanup(getRxStorageDexie({ indexedDB, IDBKeyRange })));
    const closed = instance.close();
    await expect(instance.cleanup(0)).resolves.toBe(true);
    await closed;
  });

  it('still cleans an open instance and passes its other calls through', async () => {
    const instance = await instanceOn(closeSafeCleanup(getRxStorageDexie({ indexedDB, IDBKeyRange })));
    const row = { id: 'a', _deleted: false, _rev: '1-a', _meta: { lwt: Date.now() }, _attachments: {} };
    const write = await instance.bulkWrite([{ document: row }], 'test');
    expect(write.error).toEqual([]);
    expect((await instance.findDocumentsById(['a'], false)).map((d) => d.id)).toEqual(['a']);
    await expect(instance.cleanup(0)).resolves.toBe(true);
    await instance.close();
  });
});
