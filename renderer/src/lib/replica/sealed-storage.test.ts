import { randomUUID } from 'node:crypto';
import { fillWithDefaultSettings, type RxDocumentData, type RxStorage, type RxStorageInstance } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { map } from 'rxjs';
import { describe, expect, test } from 'vitest';
import { decodeValue, encodeValue, isEncoded, needsSealing, replicaKey, sealedStorage } from './sealed-storage';

describe('sealed values at rest', () => {
  test('sealed content is AES-GCM ciphertext and comes back whole', async () => {
    const key = await replicaKey('replica-secret-1');
    const stored = await encodeValue(key, { title: 'Hemlig rubrik', sender: 'Anna Hemlig' });
    expect(isEncoded(stored)).toBe(true);
    expect(JSON.stringify(stored)).not.toContain('Hemlig');
    expect(await decodeValue(key, stored)).toEqual({ title: 'Hemlig rubrik', sender: 'Anna Hemlig' });
  });
  test('only values holding sealed content are encrypted (replication metadata of open records passes through)', () => {
    expect(needsSealing('sealed', { title: 'x' })).toBe(true);
    expect(needsSealing('docData', { id: 'c1', title: 'Öppen' })).toBe(false);
    expect(needsSealing('docData', { id: 'c2', title: '', sealed: { title: 'Hemlig' } })).toBe(true);
    expect(isEncoded({ id: 'c1' })).toBe(false);
  });
  test('another key cannot read it; tampered ciphertext is refused', async () => {
    const stored = await encodeValue(await replicaKey('a'), { x: 1 });
    await expect(decodeValue(await replicaKey('b'), stored)).rejects.toThrow();
    const text = Object.values(stored)[0]!;
    const flipped = { diariumCipher: text.slice(0, -4) + (text.endsWith('AAAA') ? 'BBBB' : 'AAAA') };
    await expect(decodeValue(await replicaKey('a'), flipped)).rejects.toThrow();
    await expect(decodeValue(await replicaKey('a'), { diariumCipher: 'x:garbage' })).rejects.toThrow('unknown format');
  });
});

/** A row with sealed content, as RxDB writes it (the storage instance sees RxDB's own fields too). */
function sealedRow(id: string): RxDocumentData<{ id: string; sealed: { title: string } }> {
  return { id, sealed: { title: `Hemlig ${id}` }, _deleted: false, _attachments: {}, _rev: '1-a', _meta: { lwt: Date.now() } };
}

describe('sealed storage instance', () => {
  test('a listener leaving while a change is being decrypted does not block later writes (replica close hung on it)', async () => {
    const memory = getRxStorageMemory();
    let plain: RxStorageInstance<unknown, unknown, unknown> | null = null;
    // The storage under the seal, kept at hand to act at the moment it reports a change.
    const base = {
      ...memory,
      createStorageInstance: async (p: never) => (plain = await memory.createStorageInstance(p)),
    } as unknown as RxStorage<unknown, unknown>;
    const schema = fillWithDefaultSettings({
      version: 0,
      primaryKey: 'id',
      type: 'object',
      properties: { id: { type: 'string', maxLength: 40 }, sealed: { type: 'object' } },
      required: ['id'],
      encrypted: ['sealed'],
    });
    const instance = await sealedStorage(base, 'replica-secret-1').createStorageInstance({
      databaseName: `sealed-${randomUUID()}`,
      collectionName: 'cases',
      schema: schema as never,
      options: {},
      multiInstance: false,
      devMode: false,
      databaseInstanceToken: 'test',
    });
    const seen: unknown[] = [];
    instance.changeStream().subscribe((bulk) => seen.push(...bulk.events.map((e) => e.documentData)));
    // A second listener (as the replication's upstream is) stops while the change is in flight:
    // the replication is cancelled when the replica closes.
    const leaving = instance.changeStream().subscribe();
    const sub = plain!.changeStream().subscribe(() => leaving.unsubscribe());
    await instance.bulkWrite([{ document: sealedRow('c1') as never }], 'test');
    sub.unsubscribe();
    await instance.bulkWrite([{ document: sealedRow('c2') as never }], 'test');
    expect(seen).toEqual([
      expect.objectContaining({ id: 'c1', sealed: { title: 'Hemlig c1' } }),
      expect.objectContaining({ id: 'c2', sealed: { title: 'Hemlig c2' } }),
    ]);
    await instance.close();
  });

  test('events without sealed content pass as the storage emitted them, in order with decrypted ones', async () => {
    const memory = getRxStorageMemory();
    let plain: RxStorageInstance<unknown, unknown, unknown> | null = null;
    const base = {
      ...memory,
      createStorageInstance: async (p: never) => (plain = await memory.createStorageInstance(p)),
    } as unknown as RxStorage<unknown, unknown>;
    const schema = fillWithDefaultSettings({
      version: 0,
      primaryKey: 'id',
      type: 'object',
      properties: { id: { type: 'string', maxLength: 40 }, title: { type: 'string' }, sealed: { type: 'object' } },
      required: ['id'],
      encrypted: ['sealed'],
    });
    const instance = await sealedStorage(base, 'replica-secret-1').createStorageInstance({
      databaseName: `sealed-${randomUUID()}`,
      collectionName: 'cases',
      schema: schema as never,
      options: {},
      multiInstance: false,
      devMode: false,
      databaseInstanceToken: 'test',
    });
    const open = (id: string) => ({ id, title: `Öppen ${id}`, _deleted: false, _attachments: {}, _rev: '1-a', _meta: { lwt: Date.now() } });
    const emitted: unknown[] = [];
    plain!.changeStream().subscribe((bulk) => emitted.push(...bulk.events));
    const seen: unknown[] = [];
    instance.changeStream().subscribe((bulk) => seen.push(...bulk.events));
    // A sealed change, decrypted (asynchronously), with open ones in its bulk and the next.
    await Promise.all([
      instance.bulkWrite([{ document: sealedRow('c1') as never }, { document: open('o1') as never }], 'test'),
      instance.bulkWrite([{ document: open('o2') as never }], 'test'),
    ]);
    const ids = (events: unknown[]) => events.map((e) => (e as { documentId: string }).documentId);
    expect(ids(seen)).toEqual(ids(emitted));
    expect(ids(seen).sort()).toEqual(['c1', 'o1', 'o2']);
    for (const [i, ev] of seen.entries()) {
      if (ids([ev])[0] === 'c1')
        expect(ev).toEqual(expect.objectContaining({ documentData: expect.objectContaining({ sealed: { title: 'Hemlig c1' } }) }));
      // The open records' events are the very ones the storage emitted: not copied per listener.
      else expect(ev).toBe(emitted[i]);
    }
    await instance.close();
  });

  test('a change without a previous state (null, as RxDB reports an insert) passes too', async () => {
    const memory = getRxStorageMemory();
    // The storage under the seal reports "no previous state" as null.
    const base = {
      ...memory,
      createStorageInstance: async (p: never) => {
        const inner = await memory.createStorageInstance(p);
        return Object.assign(Object.create(inner) as object, {
          changeStream: () =>
            inner.changeStream().pipe(
              map((bulk) => ({
                ...bulk,
                events: bulk.events.map((ev) => ({ ...ev, previousDocumentData: ev.previousDocumentData ?? null })),
              })),
            ),
        });
      },
    } as unknown as RxStorage<unknown, unknown>;
    const schema = fillWithDefaultSettings({
      version: 0,
      primaryKey: 'id',
      type: 'object',
      properties: { id: { type: 'string', maxLength: 40 }, title: { type: 'string' }, sealed: { type: 'object' } },
      required: ['id'],
      encrypted: ['sealed'],
    });
    const instance = await sealedStorage(base, 'replica-secret-1').createStorageInstance({
      databaseName: `sealed-${randomUUID()}`,
      collectionName: 'cases',
      schema: schema as never,
      options: {},
      multiInstance: false,
      devMode: false,
      databaseInstanceToken: 'test',
    });
    const seen: string[] = [];
    instance.changeStream().subscribe((bulk) => seen.push(...bulk.events.map((e) => e.documentId)));
    const open = { id: 'o1', title: 'Öppen', _deleted: false, _attachments: {}, _rev: '1-a', _meta: { lwt: Date.now() } };
    await instance.bulkWrite([{ document: open as never }], 'test');
    await instance.bulkWrite([{ document: sealedRow('c1') as never }], 'test');
    expect(seen).toEqual(['o1', 'c1']);
    await instance.close();
  });
});
