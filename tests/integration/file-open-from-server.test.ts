/**
 * A file of a record the view shows from the server's answer (opened from a search hit, or
 * before the first download has brought it): it opens from the server, though the replica does
 * not hold its file record yet, and is not kept in the local cache.
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type FileRecord } from '../../shared/src';
import { MemoryBlobCache } from '../../renderer/src/lib/replica/blob-cache';
import { openDatabase, type DiariumDatabase } from '../../renderer/src/lib/replica/database';
import { FileDownloads } from '../../renderer/src/lib/replica/file-downloads';
import { FileOpenError } from '../../renderer/src/lib/replica/file-open-error';
import { ReleasedFiles } from '../../renderer/src/lib/replica/released-files';
import { newCase, newIncoming, openProcess, tinyPdf } from './fixtures';
import { RawClient, startTestServer, type TestServer } from './harness';

const sink = { report: () => undefined, isRejected: () => false };

describe('opening a file the replica does not hold yet', () => {
  let server: TestServer;
  let db: DiariumDatabase;
  let file: FileRecord;
  let token: string;
  const bytes = tinyPdf('Brev från servern');

  beforeAll(async () => {
    server = await startTestServer();
    const login = await RawClient.token(server.url, 'registrator');
    token = login.token;
    const raw = await RawClient.connect(server.url, token);
    const pull = async <T>(collection: string) =>
      (await raw.send<{ documents: T[] }>({ t: 'pull', collection, checkpoint: null, limit: 2000 })).documents;
    const p = await openProcess({ find: (c) => pull(c) });
    const kase = newCase(login.user.id, p, 'Ärende utanför arbetsmängden');
    const doc = newIncoming(login.user.id, p, kase.id, 'Brev');
    for (const [collection, record] of [
      ['cases', kase],
      ['documents', doc],
    ] as const) {
      const res = await raw.send<{ rejected: unknown[] }>({
        t: 'push',
        collection,
        rows: [{ assumedMasterState: null, newDocumentState: { ...record, _deleted: false } }],
      });
      expect(res.rejected).toEqual([]);
    }
    raw.close();
    const res = await fetch(`${server.url}${API.files}?${new URLSearchParams({ documentId: doc.id, name: 'brev.pdf' })}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: new Uint8Array(bytes),
    });
    expect(res.status).toBe(201);
    file = (await res.json()) as FileRecord;
    // The replica as it is before replication has brought the document and its file record.
    db = await openDatabase(`shown${Date.now()}`, getRxStorageMemory() as never, sink, 'shown-secret-0123456789abcdef');
  });

  afterAll(async () => {
    await db?.remove();
    await server?.stop();
  });

  it('downloads it by the record the view shows, and keeps nothing of it in the cache', async () => {
    const blobCache = new MemoryBlobCache();
    const downloads = new FileDownloads({
      session: { serverUrl: server.url, token, user: { id: 'usr-registrator' } as never, expiresAt: '2099-01-01T00:00:00Z' },
      db,
      blobCache,
      fetchImpl: fetch,
      isOnline: () => true,
      released: new ReleasedFiles(db),
    });

    await expect(downloads.open(file.id)).rejects.toThrow(`unknown file ${file.id}`);
    const blob = await downloads.open(file.id, file);
    expect(Buffer.from(await blob.arrayBuffer()).equals(bytes)).toBe(true);
    expect(blob.type).toBe('application/pdf');
    expect(await blobCache.keys()).toEqual([]);
  });

  it('names why a download failed, for the Swedish message: gone, refused or unreachable', async () => {
    const downloadsAs = (serverUrl: string, asToken: string) =>
      new FileDownloads({
        session: { serverUrl, token: asToken, user: { id: 'usr-registrator' } as never, expiresAt: '2099-01-01T00:00:00Z' },
        db,
        blobCache: new MemoryBlobCache(),
        fetchImpl: fetch,
        isOnline: () => true,
        released: new ReleasedFiles(db),
      });
    const reason = (p: Promise<unknown>) =>
      p.then(
        () => 'opened',
        (e: unknown) => (e instanceof FileOpenError ? e.reason : String(e)),
      );
    const missing = { ...file, id: 'no-such-file-0001' };
    expect(await reason(downloadsAs(server.url, token).open(file.id))).toBe('not_in_replica');
    expect(await reason(downloadsAs(server.url, token).open(missing.id, missing))).toBe('gone');
    expect(await reason(downloadsAs(server.url, 'not-a-session-token').open(file.id, file))).toBe('refused');
    // A port nobody listens on: the server cannot be reached.
    const closed = await startTestServer();
    const closedUrl = closed.url;
    await closed.stop();
    expect(await reason(downloadsAs(closedUrl, token).open(file.id, file))).toBe('unreachable');
  });
});
