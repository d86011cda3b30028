/**
 * Local file storage: a size-capped, least-recently-used cache of file contents by SHA-256,
 * and a queue of uploads made offline. The browser/desktop uses IndexedDB; Node clients (tests,
 * benchmarks) use the in-memory store.
 */
export interface QueuedUpload {
  /** Also the new file record's id when `fileKey` is set (a version the client already cites). */
  key: string;
  documentId: string;
  /** A new version of this file; absent for a new file. */
  fileKey?: string;
  name: string;
  blob: Blob;
  size: number;
  queuedAt: number;
}

export interface BlobCache {
  get(sha256: string): Promise<Blob | null>;
  has(sha256: string): Promise<boolean>;
  /** Bytes held, against `capacity`. */
  usage(): Promise<{ bytes: number; capacity: number }>;
  put(sha256: string, blob: Blob): Promise<void>;
  queueUpload(u: QueuedUpload): Promise<void>;
  uploads(): Promise<QueuedUpload[]>;
  removeUpload(key: string): Promise<void>;
  /** SHA-256 of every cached file. */
  keys(): Promise<string[]>;
  /** Removes cached files (access to them was revoked). */
  remove(sha256s: readonly string[]): Promise<void>;
  /** Removes everything (sign-out). */
  clear(): Promise<void>;
}

export const DEFAULT_CACHE_BYTES = 500 * 1024 * 1024;

interface Entry {
  sha256: string;
  size: number;
  lastUsed: number;
}

/** Picks entries to evict, oldest use first, until `incoming` more bytes fit under `cap`. */
export function evictionOrder(entries: readonly Entry[], incoming: number, cap: number): string[] {
  let total = entries.reduce((s, e) => s + e.size, 0) + incoming;
  const out: string[] = [];
  for (const e of [...entries].sort((a, b) => a.lastUsed - b.lastUsed)) {
    if (total <= cap) break;
    out.push(e.sha256);
    total -= e.size;
  }
  return out;
}

export class MemoryBlobCache implements BlobCache {
  private readonly blobs = new Map<string, { blob: Blob; entry: Entry }>();
  private readonly queue = new Map<string, QueuedUpload>();
  private tick = 0;

  constructor(private readonly cap = DEFAULT_CACHE_BYTES) {}

  async get(sha256: string) {
    const hit = this.blobs.get(sha256);
    if (!hit) return null;
    hit.entry.lastUsed = ++this.tick;
    return hit.blob;
  }

  async has(sha256: string) {
    return this.blobs.has(sha256);
  }

  async usage() {
    let bytes = 0;
    for (const b of this.blobs.values()) bytes += b.entry.size;
    return { bytes, capacity: this.cap };
  }

  async put(sha256: string, blob: Blob) {
    if (blob.size > this.cap) return;
    for (const victim of evictionOrder(
      [...this.blobs.values()].map((b) => b.entry),
      blob.size,
      this.cap,
    ))
      this.blobs.delete(victim);
    this.blobs.set(sha256, { blob, entry: { sha256, size: blob.size, lastUsed: ++this.tick } });
  }

  async queueUpload(u: QueuedUpload) {
    this.queue.set(u.key, u);
  }

  async uploads() {
    return [...this.queue.values()].sort((a, b) => a.queuedAt - b.queuedAt);
  }

  async removeUpload(key: string) {
    this.queue.delete(key);
  }

  async keys() {
    return [...this.blobs.keys()];
  }

  async remove(sha256s: readonly string[]) {
    for (const sha of sha256s) this.blobs.delete(sha);
  }

  async clear() {
    this.blobs.clear();
    this.queue.clear();
  }
}

function promised<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export class IndexedDbBlobCache implements BlobCache {
  private constructor(
    private readonly db: IDBDatabase,
    private readonly cap: number,
  ) {}

  static async open(name: string, cap = DEFAULT_CACHE_BYTES): Promise<IndexedDbBlobCache> {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      // Contents and their use records are kept apart so eviction never loads the contents.
      req.result.createObjectStore('blobs', { keyPath: 'sha256' });
      req.result.createObjectStore('meta', { keyPath: 'sha256' });
      req.result.createObjectStore('uploads', { keyPath: 'key' });
    };
    return new IndexedDbBlobCache(await promised(req), cap);
  }

  async get(sha256: string): Promise<Blob | null> {
    const tx = this.db.transaction(['blobs', 'meta'], 'readwrite');
    const row = (await promised(tx.objectStore('blobs').get(sha256))) as { blob: Blob } | undefined;
    if (row) tx.objectStore('meta').put({ sha256, size: row.blob.size, lastUsed: Date.now() });
    await done(tx);
    return row?.blob ?? null;
  }

  async has(sha256: string): Promise<boolean> {
    const tx = this.db.transaction('meta', 'readonly');
    return (await promised(tx.objectStore('meta').count(sha256))) > 0;
  }

  async usage(): Promise<{ bytes: number; capacity: number }> {
    const tx = this.db.transaction('meta', 'readonly');
    const entries = (await promised(tx.objectStore('meta').getAll())) as Entry[];
    return { bytes: entries.reduce((s, e) => s + e.size, 0), capacity: this.cap };
  }

  async put(sha256: string, blob: Blob): Promise<void> {
    if (blob.size > this.cap) return;
    const tx = this.db.transaction(['blobs', 'meta'], 'readwrite');
    const meta = tx.objectStore('meta');
    const entries = (await promised(meta.getAll())) as Entry[];
    for (const victim of evictionOrder(
      entries.filter((e) => e.sha256 !== sha256),
      blob.size,
      this.cap,
    )) {
      meta.delete(victim);
      tx.objectStore('blobs').delete(victim);
    }
    tx.objectStore('blobs').put({ sha256, blob });
    meta.put({ sha256, size: blob.size, lastUsed: Date.now() });
    await done(tx);
  }

  async queueUpload(u: QueuedUpload): Promise<void> {
    const tx = this.db.transaction('uploads', 'readwrite');
    tx.objectStore('uploads').put(u);
    await done(tx);
  }

  async uploads(): Promise<QueuedUpload[]> {
    const tx = this.db.transaction('uploads', 'readonly');
    const rows = (await promised(tx.objectStore('uploads').getAll())) as QueuedUpload[];
    return rows.sort((a, b) => a.queuedAt - b.queuedAt);
  }

  async removeUpload(key: string): Promise<void> {
    const tx = this.db.transaction('uploads', 'readwrite');
    tx.objectStore('uploads').delete(key);
    await done(tx);
  }

  async keys(): Promise<string[]> {
    const tx = this.db.transaction('meta', 'readonly');
    return (await promised(tx.objectStore('meta').getAllKeys())).map(String);
  }

  async remove(sha256s: readonly string[]): Promise<void> {
    const tx = this.db.transaction(['blobs', 'meta'], 'readwrite');
    for (const sha of sha256s) {
      tx.objectStore('blobs').delete(sha);
      tx.objectStore('meta').delete(sha);
    }
    await done(tx);
  }

  async clear(): Promise<void> {
    const tx = this.db.transaction(['blobs', 'meta', 'uploads'], 'readwrite');
    for (const store of ['blobs', 'meta', 'uploads']) tx.objectStore(store).clear();
    await done(tx);
  }
}

/**
 * Encrypts every cached file and queued upload (AES-GCM, a fresh IV per blob) with a key from the
 * replica's secret, so files at rest are unreadable without it.
 */
export class EncryptedBlobCache implements BlobCache {
  private constructor(
    private readonly inner: BlobCache,
    private readonly key: CryptoKey,
  ) {}

  static async wrap(inner: BlobCache, secret: string): Promise<EncryptedBlobCache> {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`diarium-files|${secret}`));
    const key = await crypto.subtle.importKey('raw', digest, 'AES-GCM', false, ['encrypt', 'decrypt']);
    return new EncryptedBlobCache(inner, key);
  }

  private async seal(blob: Blob): Promise<Blob> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, this.key, await blob.arrayBuffer());
    return new Blob([iv, data]);
  }

  private async open(blob: Blob, type: string): Promise<Blob> {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const data = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, 12) }, this.key, bytes.subarray(12));
    return new Blob([data], { type });
  }

  async get(sha256: string) {
    const blob = await this.inner.get(sha256);
    return blob ? this.open(blob, blob.type) : null;
  }

  has(sha256: string) {
    return this.inner.has(sha256);
  }

  usage() {
    return this.inner.usage();
  }

  async put(sha256: string, blob: Blob) {
    await this.inner.put(sha256, await this.seal(blob));
  }

  async queueUpload(u: QueuedUpload) {
    await this.inner.queueUpload({ ...u, blob: await this.seal(u.blob) });
  }

  async uploads() {
    return Promise.all((await this.inner.uploads()).map(async (u) => ({ ...u, blob: await this.open(u.blob, '') })));
  }

  removeUpload(key: string) {
    return this.inner.removeUpload(key);
  }

  keys() {
    return this.inner.keys();
  }

  remove(sha256s: readonly string[]) {
    return this.inner.remove(sha256s);
  }

  clear() {
    return this.inner.clear();
  }
}
