/**
 * Deletes every IndexedDB database that belongs to a replica (RxDB's Dexie storage keeps one per
 * collection, per local-documents store and per replication-meta store; removing the RxDB
 * database empties them but leaves the databases behind).
 */
export async function deleteReplicaDatabases(idb: IDBFactory, databaseName: string): Promise<void> {
  const all = await idb.databases();
  const mine = all.map((d) => d.name ?? '').filter((n) => n === databaseName || n.includes(`-${databaseName}--`));
  await Promise.all(
    mine.map(
      (name) =>
        new Promise<void>((resolve, reject) => {
          const req = idb.deleteDatabase(name);
          req.onsuccess = () => resolve();
          req.onerror = () => reject(req.error);
          // Another tab still has it open: it is deleted once that tab lets go.
          req.onblocked = () => resolve();
        }),
    ),
  );
}
