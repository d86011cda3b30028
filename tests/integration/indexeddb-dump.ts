import { indexedDB } from 'fake-indexeddb';

/** Every row of every object store of every (fake) IndexedDB database, as JSON text: what a byte scan of a replica reads. */
export async function dumpIndexedDb(): Promise<string> {
  const parts: string[] = [];
  for (const info of await indexedDB.databases()) {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(info.name!);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    for (const store of Array.from(db.objectStoreNames)) {
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(store, 'readonly').objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      parts.push(JSON.stringify(rows));
    }
    db.close();
  }
  return parts.join('\n');
}
