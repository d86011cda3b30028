import { wrapRxStorageInstance, type RxStorage } from 'rxdb';

/**
 * Encryption at rest for the replica, in place of RxDB's crypto-js plugin: the schema's
 * `encrypted` paths are stored as strings, AES-GCM (WebCrypto, native) where the value holds
 * sealed content and plain JSON where it does not. RxDB gives the replication's metadata store
 * `encrypted: ['docData']` whenever a collection has encrypted fields; with the plugin that meant
 * a pure-JS AES round per replicated document, here only restricted records pay.
 */
const PLAIN = 'p:';
const SEALED = 'e:';

function needsSealing(path: string, value: unknown): boolean {
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

export async function encodeValue(key: CryptoKey, path: string, value: unknown): Promise<string> {
  const json = JSON.stringify(value);
  if (!needsSealing(path, value)) return PLAIN + json;
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(json)));
  const joined = new Uint8Array(iv.length + data.length);
  joined.set(iv);
  joined.set(data, iv.length);
  return SEALED + toBase64(joined);
}

export async function decodeValue(key: CryptoKey, stored: string): Promise<unknown> {
  if (stored.startsWith(PLAIN)) return JSON.parse(stored.slice(PLAIN.length));
  if (!stored.startsWith(SEALED)) throw new Error('replica value in an unknown format');
  const bytes = fromBase64(stored.slice(SEALED.length));
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, 12) }, key, bytes.subarray(12));
  return JSON.parse(new TextDecoder().decode(plain));
}

/** Wraps a storage so that every instance with `encrypted` paths stores them as described above. */
export function sealedStorage(storage: RxStorage<unknown, unknown>, secret: string): RxStorage<unknown, unknown> {
  const key = replicaKey(secret);
  return {
    ...storage,
    async createStorageInstance(params) {
      const paths = (params.schema as { encrypted?: string[] }).encrypted;
      if (!paths?.length) return storage.createStorageInstance(params);
      const schema = structuredClone(params.schema) as typeof params.schema & { encrypted?: string[] };
      delete schema.encrypted;
      for (const path of paths) (schema.properties as Record<string, unknown>)[path] = { type: 'string' };
      const instance = await storage.createStorageInstance({ ...params, schema });
      const k = await key;
      return wrapRxStorageInstance(
        params.schema,
        instance,
        async (doc: Record<string, unknown>) => {
          const out = { ...doc };
          for (const path of paths) if (out[path] !== undefined) out[path] = await encodeValue(k, path, out[path]);
          return out as never;
        },
        async (doc: Record<string, unknown>) => {
          const out = { ...doc };
          for (const path of paths) if (typeof out[path] === 'string') out[path] = await decodeValue(k, out[path] as string);
          return out as never;
        },
      ) as never;
    },
  };
}
