import { wrapRxStorageInstance, type RxStorage } from 'rxdb';

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
      const instance = await storage.createStorageInstance({ ...params, schema });
      const k = await key;
      return wrapRxStorageInstance(
        params.schema,
        instance,
        async (doc: Record<string, unknown>) => {
          let out = doc;
          for (const path of paths) {
            if (!needsSealing(path, doc[path]) || doc[path] === undefined) continue;
            if (out === doc) out = { ...doc };
            out[path] = await encodeValue(k, doc[path]);
          }
          return out as never;
        },
        async (doc: Record<string, unknown>) => {
          let out = doc;
          for (const path of paths) {
            if (!isEncoded(doc[path])) continue;
            if (out === doc) out = { ...doc };
            out[path] = await decodeValue(k, doc[path] as { [CIPHER]: string });
          }
          return out as never;
        },
      ) as never;
    },
  };
}
