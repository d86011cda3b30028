import { BehaviorSubject } from 'rxjs';
import { API, type FileRecord } from '../../../../shared/src';
import type { BlobCache, QueuedUpload } from './blob-cache';
import type { DiariumDatabase } from './database';
import type { Notices } from './notices';
import type { PendingUpload, Session } from './types';

export interface UploadQueueDeps {
  session: Session;
  db: DiariumDatabase;
  blobCache: BlobCache;
  fetchImpl: typeof fetch;
  notices: Notices;
  isOnline: () => boolean;
  onCount: (count: number) => void;
  now: () => number;
  newId: () => string;
}

function listed(queue: readonly QueuedUpload[]): PendingUpload[] {
  return queue.map(({ key, documentId, name, size }) => ({ key, documentId, name, size }));
}

/**
 * Files added to documents, kept in the blob cache until sent: each is sent once its document is
 * on the server (numbered), and kept while offline. A refusal becomes a rejection notice.
 */
export class UploadQueue {
  private sending = false;

  private constructor(
    private readonly deps: UploadQueueDeps,
    readonly uploads: BehaviorSubject<PendingUpload[]>,
  ) {}

  static async load(deps: UploadQueueDeps): Promise<UploadQueue> {
    const queue = new UploadQueue(deps, new BehaviorSubject(listed(await deps.blobCache.uploads())));
    deps.onCount(queue.uploads.value.length);
    return queue;
  }

  isQueued(fileId: string): boolean {
    return this.uploads.value.some((u) => u.key === fileId);
  }

  /** Uploads now, or queues the file until the connection returns. */
  async add(documentId: string, blob: Blob, name: string): Promise<void> {
    await this.deps.blobCache.queueUpload({ key: this.deps.newId(), documentId, name, blob, size: blob.size, queuedAt: this.deps.now() });
    await this.refresh();
    await this.process();
  }

  /** A new version of an existing file, under an id chosen here so it can be cited at once. */
  async addVersion(
    documentId: string,
    fileKey: string,
    blob: Blob,
    name: string,
  ): Promise<{ id: string; state: 'uploaded' | 'queued' | 'refused' }> {
    const id = this.deps.newId();
    await this.deps.blobCache.queueUpload({ key: id, documentId, fileKey, name, blob, size: blob.size, queuedAt: this.deps.now() });
    await this.refresh();
    await this.process();
    if (this.deps.notices.rejections.value.some((r) => r.collection === 'files' && r.id === id)) return { id, state: 'refused' };
    return { id, state: this.isQueued(id) ? 'queued' : 'uploaded' };
  }

  private async refresh(): Promise<void> {
    const list = await this.deps.blobCache.uploads();
    this.uploads.next(listed(list));
    this.deps.onCount(list.length);
  }

  /** Sends what can be sent now; stops at the first network failure. */
  async process(): Promise<void> {
    const { session, db, blobCache, fetchImpl } = this.deps;
    if (this.sending || !this.deps.isOnline()) return;
    this.sending = true;
    try {
      for (const u of await blobCache.uploads()) {
        const doc = await db.documents.findOne(u.documentId).exec();
        if (!doc || doc.documentNumber === '') continue;
        const params = new URLSearchParams({
          documentId: u.documentId,
          name: u.name,
          ...(u.fileKey ? { fileKey: u.fileKey, id: u.key } : {}),
        });
        let res: Response;
        try {
          res = await fetchImpl(`${session.serverUrl}${API.files}?${params}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${session.token}` },
            body: u.blob,
          });
        } catch {
          break;
        }
        const refusal = res.status === 201 ? null : ((await res.json().catch(() => ({}))) as { error?: string }).error;
        if (res.status === 201) {
          const rec = (await res.json()) as FileRecord;
          await blobCache.put(rec.sha256, u.blob);
          await blobCache.removeUpload(u.key);
        } else if (refusal === 'duplicate_id') {
          // Sent before, but the answer was lost: the server has it.
          await blobCache.removeUpload(u.key);
        } else if (res.status === 403 || res.status === 409 || res.status === 413 || res.status === 415) {
          const code =
            refusal === 'untrusted_signature'
              ? 'untrusted_signature'
              : res.status === 403
                ? 'forbidden'
                : res.status === 409
                  ? 'signed_file_frozen'
                  : res.status === 413
                    ? 'file_too_large'
                    : 'file_type_unsupported';
          await this.deps.notices.refusedUpload({
            collection: 'files',
            id: u.key,
            code,
            fields: ['name'],
            attempted: { name: u.name, documentId: u.documentId },
          });
          await blobCache.removeUpload(u.key);
        }
      }
    } finally {
      this.sending = false;
      await this.refresh();
    }
  }
}
