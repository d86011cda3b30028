import { API, prefetchesRegisterFiles, type FileRecord } from '../../../../shared/src';
import type { BlobCache } from './blob-cache';
import type { DiariumDatabase } from './database';
import { downloadFailure, FileOpenError } from './file-open-error';
import type { ReleasedFiles } from './released-files';
import type { Session } from './types';

export interface FileDownloadsDeps {
  session: Session;
  db: DiariumDatabase;
  blobCache: BlobCache;
  fetchImpl: typeof fetch;
  isOnline: () => boolean;
  released: ReleasedFiles;
}

/**
 * Files' bytes from the server into the local cache: on demand (`open`), and ahead of need: the
 * files of the records the user holds, newest first, so they open offline (not for someone who is
 * only an elected official: `prefetchesRegisterFiles`). Prefetching stops at 80 % of the cache so
 * it never evicts what the user opened, and skips files the user let go of (`released-files.ts`).
 */
export class FileDownloads {
  private prefetching = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly deps: FileDownloadsDeps) {}

  /**
   * The file's bytes: from the local cache, else downloaded and cached. A file of a record shown
   * from the server's answer (`shown`, not in the replica yet) is downloaded by that record and
   * not cached: nothing in the replica would ever let its bytes go.
   */
  async open(fileId: string, shown?: FileRecord): Promise<Blob> {
    const rec = await this.deps.db.files.findOne(fileId).exec();
    if (!rec) {
      if (shown?.id === fileId) return this.fetchBytes(shown);
      throw new FileOpenError('not_in_replica', `unknown file ${fileId}`);
    }
    await this.deps.released.delete(fileId);
    const cached = await this.deps.blobCache.get(rec.sha256);
    return cached ?? this.download(rec.toMutableJSON() as FileRecord);
  }

  /** Whether the file's bytes are in the local cache (readable offline). */
  async isCached(fileId: string): Promise<boolean> {
    const rec = await this.deps.db.files.findOne(fileId).exec();
    return rec !== null && (await this.deps.blobCache.has(rec.sha256));
  }

  private async fetchBytes(rec: FileRecord): Promise<Blob> {
    const { session, fetchImpl } = this.deps;
    let res: Response;
    try {
      res = await fetchImpl(`${session.serverUrl}${API.files}/${encodeURIComponent(rec.id)}`, {
        headers: { authorization: `Bearer ${session.token}` },
      });
    } catch (e) {
      throw new FileOpenError('unreachable', `download of ${rec.id} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!res.ok) throw new FileOpenError(downloadFailure(res.status), `download of ${rec.id} failed: HTTP ${res.status}`);
    return new Blob([await res.arrayBuffer()], { type: rec.mediaType });
  }

  private async download(rec: FileRecord): Promise<Blob> {
    const blob = await this.fetchBytes(rec);
    await this.deps.blobCache.put(rec.sha256, blob);
    return blob;
  }

  /** Prefetches once things settle (file records arrive in pages). */
  schedulePrefetch(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.prefetch(), 500);
  }

  private async prefetch(): Promise<void> {
    const { db, blobCache, isOnline, released, session } = this.deps;
    if (this.prefetching || !isOnline() || !prefetchesRegisterFiles(session.user)) return;
    this.prefetching = true;
    try {
      const files = (await db.files.find().exec()).sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt));
      for (const f of files) {
        if (!isOnline()) break;
        if ((await blobCache.has(f.sha256)) || (await released.has(f.id))) continue;
        const { bytes, capacity } = await blobCache.usage();
        if (bytes + f.size > capacity * 0.8) break;
        await this.download(f.toMutableJSON() as FileRecord).catch(() => undefined);
      }
    } finally {
      this.prefetching = false;
    }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
