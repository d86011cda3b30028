/** Deletes IndexedDB databases by name; a database another tab still holds goes once that tab lets go. */
export function deleteDatabase(idb: IDBFactory, name: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const req = idb.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
    req.onblocked = () => resolve();
  });
}

export async function deleteDatabasesStartingWith(idb: IDBFactory, prefix: string): Promise<void> {
  const names = (await idb.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith(prefix));
  await Promise.all(names.map((n) => deleteDatabase(idb, n)));
}
