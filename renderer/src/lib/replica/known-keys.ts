import type { DBCore, DBCoreGetManyRequest, DBCoreGetRequest, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import type { DexieSettings, RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';

/**
 * Which keys a table may hold, so a read of a key it cannot hold costs no IndexedDB request.
 * RxDB reads every pulled record before it writes it, four times for a collection the client
 * writes (the record and its assumed server state, each before the write and inside it); on a
 * first download none of them exist yet, and each read was a request of its own (2.2 s of the
 * renderer's 16 s busy in a 20,000-case download, besides the events dispatched for them).
 *
 * `keys` holds every key the table held when its keys were first read (at its first bulk read)
 * and every key written since, and never forgets one: a key it holds is read from IndexedDB as
 * before; only a key it does not hold is answered as missing. Until the keys are read, every read
 * goes to IndexedDB. This holds because RxDB opens the replica as its only user (`multiInstance:
 * false`): another tab writing the same database would go unseen.
 */
/**
 * Reading all of a table's keys pays off for reads of a pulled batch; a start that reads a few
 * records (checkpoints, a record opened) does not wait behind it.
 */
const BULK_READ = 100;

class KnownKeys {
  private readonly keys = new Set<unknown>();
  private state: 'unread' | 'reading' | 'ready' = 'unread';

  constructor(
    private readonly keyPath: string,
    private readonly readKeys: () => Promise<unknown[]>,
  ) {}

  /** Whether the table may hold `key`: always until its keys are read (the first read of `BULK_READ` keys or more reads them). */
  mayHold(key: unknown, bulk: boolean): boolean {
    if (this.state === 'ready') return this.keys.has(key);
    if (this.state === 'unread' && bulk) {
      this.state = 'reading';
      // A key written while they are read is added by `written`: the union is complete.
      this.readKeys().then(
        (keys) => {
          for (const k of keys) this.keys.add(k);
          this.state = 'ready';
        },
        // Every read keeps going to IndexedDB.
        () => undefined,
      );
    }
    return true;
  }

  /** Counts the keys of a write as held before it is sent: a write that fails leaves a key that is only read for nothing. */
  written(req: DBCoreMutateRequest): void {
    if (req.type !== 'add' && req.type !== 'put') return;
    for (const [i, value] of req.values.entries()) this.keys.add(req.keys?.[i] ?? (value as Record<string, unknown>)[this.keyPath]);
  }
}

/** Only tables with a plain inbound primary key are watched (RxDB's are). */
function watched(table: DBCoreTable, core: DBCore): DBCoreTable {
  const { keyPath, autoIncrement, outbound } = table.schema.primaryKey;
  if (typeof keyPath !== 'string' || keyPath.includes('.') || autoIncrement || outbound) return table;
  // One request for all keys, in a transaction of its own, on IndexedDB itself (the layers below
  // expect a Dexie transaction around a query of theirs).
  const readKeys = () =>
    new Promise<unknown[]>((resolve, reject) => {
      const req = (core.transaction([table.name], 'readonly') as unknown as IDBTransaction).objectStore(table.name).getAllKeys();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('reading the keys failed'));
    });
  const known = new KnownKeys(keyPath, readKeys);
  return {
    ...table,
    mutate(req: DBCoreMutateRequest) {
      known.written(req);
      return table.mutate(req);
    },
    get(req: DBCoreGetRequest) {
      return known.mayHold(req.key, false) ? table.get(req) : Promise.resolve(undefined);
    },
    async getMany(req: DBCoreGetManyRequest) {
      const bulk = req.keys.length >= BULK_READ;
      const asked = req.keys.map((k, i) => [k, i] as const).filter(([k]) => known.mayHold(k, bulk));
      if (asked.length === req.keys.length) return table.getMany(req);
      const result: unknown[] = new Array(req.keys.length).fill(undefined);
      if (asked.length === 0) return result;
      const found = await table.getMany({ ...req, keys: asked.map(([k]) => k) });
      for (const [j, [, i]] of asked.entries()) result[i] = found[j];
      return result;
    },
  };
}

/** A Dexie middleware that answers reads of keys a table cannot hold without asking IndexedDB (see KnownKeys). */
export const knownKeysMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'diarium-known-keys',
  create(core) {
    const tables = new Map<string, DBCoreTable>();
    return {
      ...core,
      table(name: string) {
        let t = tables.get(name);
        if (!t) tables.set(name, (t = watched(core.table(name), core)));
        return t;
      },
    };
  },
};

/** The replica's storage: RxDB's on Dexie, each database it creates with the middleware. */
export function replicaDexieStorage(settings: Omit<DexieSettings, 'onCreate'> = {}): RxStorage<unknown, unknown> {
  return getRxStorageDexie({ ...settings, onCreate: (db) => void db.use(knownKeysMiddleware) }) as RxStorage<unknown, unknown>;
}
