import { wrapRxStorageInstance, type EventBulk, type RxStorage, type RxStorageChangeEvent, type RxStorageInstance } from 'rxdb';
import { BehaviorSubject, Observable, concatMap, filter, firstValueFrom, tap } from 'rxjs';

/**
 * Encryption at rest for the replica, in place of RxDB's crypto-js plugin. RxDB gives the
 * replication's metadata store `encrypted: ['docData']` whenever a collection has encrypted
 * fields; the plugin then ran a pure-JS AES round for every replicated document. Here a value is
 * touched only when it holds sealed content: it is stored as `{ [CIPHER]: 'e:<base64 iv+AES-GCM>' }`
 * (WebCrypto, native); every other value passes through as it is, uncopied.
 */
// No underscores: RxDB's Dexie storage rewrites '__' in field names.
const CIPHER = 'diariumCipher';
const SEALED = 'e:';

export function needsSealing(path: string, value: unknown): boolean {
  if (path === 'sealed') return true;
  return typeof value === 'object' && value !== null && 'sealed' in value && (value as { sealed?: unknown }).sealed !== undefined;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(new ArrayBuffer(s.length));
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export async function replicaKey(secret: string): Promise<CryptoKey> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`diarium-replica|${secret}`));
  return crypto.subtle.importKey('raw', digest, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** The stored form of a value that holds sealed content. */
export async function encodeValue(key: CryptoKey, value: unknown): Promise<{ [CIPHER]: string }> {
  const json = JSON.stringify(value);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(json)));
  const joined = new Uint8Array(iv.length + data.length);
  joined.set(iv);
  joined.set(data, iv.length);
  return { [CIPHER]: SEALED + toBase64(joined) };
}

export function isEncoded(value: unknown): value is { [CIPHER]: string } {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[CIPHER] === 'string';
}

export async function decodeValue(key: CryptoKey, stored: { [CIPHER]: string }): Promise<unknown> {
  const text = stored[CIPHER];
  if (!text.startsWith(SEALED)) throw new Error('replica value in an unknown format');
  const bytes = fromBase64(text.slice(SEALED.length));
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, 12) }, key, bytes.subarray(12));
  return JSON.parse(new TextDecoder().decode(plain));
}

type Row = Record<string, unknown>;
type Instance = RxStorageInstance<Row, unknown, unknown>;

/**
 * RxDB's `wrapRxStorageInstance` lets a write resolve only once every listener has received its
 * change, counting changes in flight per listener. A listener that unsubscribes while a change is
 * being decrypted (the replication does, when it is cancelled on close) never counts it out, and
 * every later write of the collection waits forever, holding RxDB's database lock: `close()`
 * hangs. Here each listener's changes in flight are counted out when it leaves, and changes keep
 * their order (decryption time varies).
 */
function withChangeStream(
  wrapped: Instance,
  plain: Instance,
  fromStorage: (doc: Row) => Promise<Row>,
  holdsSealed: (doc: Row | null | undefined) => boolean,
): Instance {
  const inFlight = new BehaviorSubject(0);
  const add = (n: number) => inFlight.next(inFlight.getValue() + n);
  type Event = RxStorageChangeEvent<Row>;
  const sealedEvent = (ev: Event) => holdsSealed(ev.documentData as Row) || holdsSealed(ev.previousDocumentData as Row | null | undefined);
  const decodeEvent = async (ev: Event): Promise<Event> => ({
    ...ev,
    documentData: (await fromStorage(ev.documentData as Row)) as never,
    previousDocumentData: ev.previousDocumentData && ((await fromStorage(ev.previousDocumentData as Row)) as never),
  });
  // Only events with sealed content are copied and decrypted: most of a download holds none, and
  // every event was copied (and waited for) once per listener.
  const decode = async (bulk: EventBulk<Event, unknown>) =>
    bulk.events.some(sealedEvent)
      ? { ...bulk, events: await Promise.all(bulk.events.map((ev) => (sealedEvent(ev) ? decodeEvent(ev) : ev))) }
      : bulk;
  return {
    ...wrapped,
    // RxDB's own change stream (and so its count) is never subscribed: its write never waits.
    async bulkWrite(rows, context) {
      const result = await wrapped.bulkWrite(rows, context);
      await firstValueFrom(inFlight.pipe(filter((n) => n === 0)));
      return result;
    },
    changeStream: () =>
      new Observable<EventBulk<RxStorageChangeEvent<Row>, unknown>>((listener) => {
        let mine = 0;
        const sub = plain
          .changeStream()
          .pipe(
            tap(() => {
              mine++;
              add(1);
            }),
            concatMap(decode),
          )
          .subscribe({
            next(bulk) {
              listener.next(bulk);
              mine--;
              add(-1);
            },
            error: (err: unknown) => listener.error(err),
            complete: () => listener.complete(),
          });
        return () => {
          sub.unsubscribe();
          add(-mine);
          mine = 0;
        };
      }),
  };
}

/** Wraps a storage so that every instance with `encrypted` paths stores sealed values encrypted. */
export function sealedStorage(storage: RxStorage<unknown, unknown>, secret: string): RxStorage<unknown, unknown> {
  const key = replicaKey(secret);
  return {
    ...storage,
    async createStorageInstance(params) {
      const paths = (params.schema as { encrypted?: string[] }).encrypted;
      if (!paths?.length) return storage.createStorageInstance(params);
      const schema = { ...params.schema } as typeof params.schema & { encrypted?: string[] };
      delete schema.encrypted;
      const instance = (await storage.createStorageInstance({ ...params, schema })) as Instance;
      const k = await key;
      const toStorage = async (doc: Row) => {
        let out = doc;
        for (const path of paths) {
          if (!needsSealing(path, doc[path]) || doc[path] === undefined) continue;
          if (out === doc) out = { ...doc };
          out[path] = await encodeValue(k, doc[path]);
        }
        return out as never;
      };
      // No previous state is null or undefined, depending on the storage.
      const holdsSealed = (doc: Row | null | undefined) => !!doc && paths.some((path) => isEncoded(doc[path]));
      const fromStorage = async (doc: Row) => {
        let out = doc;
        for (const path of paths) {
          if (!isEncoded(doc[path])) continue;
          if (out === doc) out = { ...doc };
          out[path] = await decodeValue(k, doc[path] as { [CIPHER]: string });
        }
        return out as never;
      };
      return withChangeStream(
        wrapRxStorageInstance(params.schema as never, instance, toStorage, fromStorage) as Instance,
        instance,
        fromStorage,
        holdsSealed,
      ) as never;
    },
  };
}
