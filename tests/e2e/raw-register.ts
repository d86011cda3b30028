import { expect } from '@playwright/test';
import { API, type ClassNode, type DocumentType, type FileRecord, type User } from '../../shared/src';
import { openProcess, type Process } from '../integration/fixtures';
import { RawClient } from '../integration/harness';
import { postOnOwnConnection } from '../integration/own-connection';
import { pullAll } from '../integration/raw-records';

/**
 * One user's raw-protocol line to the e2e server: specs register the cases, documents and files
 * they start from, as that user and without the UI, and read back what the app sent.
 */
export class RawRegister {
  private constructor(
    readonly url: string,
    readonly client: RawClient,
    readonly user: User,
  ) {}

  static async as(url: string, username: string): Promise<RawRegister> {
    const login = await RawClient.token(url, username);
    return new RawRegister(url, await RawClient.connect(url, login.token), login.user);
  }

  get token(): string {
    return this.client.token;
  }

  /** Every record of a collection the user may read, one version each (the newest). */
  pullAll<T>(collection: string): Promise<T[]> {
    return pullAll<T>(this.client, collection);
  }

  /** A process of the register open to all, with a document type allowed there. */
  async openProcess(registerId?: string): Promise<Process> {
    const classes = await this.pullAll<ClassNode>('classes');
    const doctypes = await this.pullAll<DocumentType>('doctypes');
    return openProcess({ find: async <T>(c: 'classes' | 'doctypes') => (c === 'classes' ? classes : doctypes) as T[] }, registerId);
  }

  /** A record as the server holds it now (as this user may read it). */
  async current<T extends { id: string }>(collection: string, id: string): Promise<T> {
    const found = (await this.pullAll<T>(collection)).find((r) => r.id === id);
    if (!found) throw new Error(`${collection}/${id} is not readable by ${this.user.username}`);
    return found;
  }

  /** Changes a record from the state it has on the server; the change must be accepted. */
  async update(collection: string, before: object, after: object): Promise<void> {
    const res = await this.client.send<{ rejected: unknown[] }>({
      t: 'push',
      collection,
      rows: [{ assumedMasterState: { ...before, _deleted: false }, newDocumentState: { ...after, _deleted: false } }],
    });
    expect(res.rejected).toEqual([]);
  }

  /** Registers new records in this order (a case before its documents); each must be accepted. */
  async register(...records: readonly (readonly [collection: string, record: object])[]): Promise<void> {
    for (const [collection, record] of records) {
      const res = await this.client.send<{ rejected: unknown[] }>({
        t: 'push',
        collection,
        rows: [{ assumedMasterState: null, newDocumentState: { ...record, _deleted: false } }],
      });
      expect(res.rejected).toEqual([]);
    }
  }

  async upload(documentId: string, name: string, bytes: Uint8Array): Promise<FileRecord> {
    const res = await postOnOwnConnection(`${this.url}${API.files}?${new URLSearchParams({ documentId, name })}`, this.token, bytes);
    expect(res.status, res.body).toBe(201);
    return JSON.parse(res.body) as FileRecord;
  }

  async download(fileId: string): Promise<Uint8Array> {
    const res = await fetch(`${this.url}${API.files}/${encodeURIComponent(fileId)}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    expect(res.status).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  }

  close(): void {
    this.client.close();
  }
}

/** Polls until `check` gives a value (e2e specs wait for the server; they never assert on time). */
export async function eventually<T>(what: string, check: () => Promise<T | null | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
