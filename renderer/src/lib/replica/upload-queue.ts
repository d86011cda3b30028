import { BehaviorSubject } from 'rxjs';
import { API, type FileRecord } from '../../../../shared/src';
import type { BlobCache, QueuedUpload } from './blob-cache';
import type { DiariumDatabase } from './database';
import type { Notices } from './notices';
import type { PendingUpload, Session } from './types';
import { uploadRefusal } from './upload-refusal';
import type { UploadSender } from './upload-sender';

export interface UploadQueueDeps {
  session: Session;
  db: DiariumDatabase;
  blobCache: BlobCache;
  send: UploadSender;
  notices: Notices;
  isOnline: () => boolean;
  onCount: (count: number) => void;
  now: () => number;
  newId: () => string;
}

/**
 * Files added to documents, kept in the blob cache until sent: each is sent once its document is
 * on the server (numbered), and kept while offline. `uploads` says where each one is (queued,
 * uploading with its progress, uploaded with its file id); a refusal becomes a rejection notice
 * naming the document, shown there.
 */
export class UploadQueue {
  private sending = false;
  /** A file queued (or a document numbered) while a round was sending: run another round after it. */
  private again = false;
  /** The one being sent now, and how much of it is out. */
  private current: { key: string; progress: number | null } | null = null;
  /** Sent in this session: shown as uploaded until its file record reaches the replica. */
  private readonly sent: PendingUpload[] = [];

  private constructor(
    private readonly deps: UploadQueueDeps,
    readonly uploads: BehaviorSubject<PendingUpload[]>,
  ) {}

  static async load(deps: UploadQueueDeps): Promise<UploadQueue> {
    const queue = new UploadQueue(deps, new BehaviorSubject<PendingUpload[]>([]));
    await queue.refresh();
    return queue;
  }

  isQueued(fileId: string): boolean {
    return this.uploads.value.some((u) => u.key === fileId && u.state !== 'uploaded');
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
    const queued = await this.deps.blobCache.uploads();
    this.publish(queued);
    this.deps.onCount(queued.length);
  }

  private publish(queued: readonly QueuedUpload[]): void {
    const listed = queued.map(({ key, documentId, name, size }): PendingUpload => {
      const uploading = this.current?.key === key;
      return {
        key,
        documentId,
        name,
        size,
        state: uploading ? 'uploading' : 'queued',
        progress: uploading ? this.current!.progress : null,
      };
    });
    this.uploads.next([...listed, ...this.sent]);
  }

  /** Sends what can be sent now; stops at the first network failure. */
  async process(): Promise<void> {
    const { session, db, blobCache, send } = this.deps;
    if (!this.deps.isOnline()) return;
    if (this.sending) {
      this.again = true;
      return;
    }
    this.sending = true;
    this.again = false;
    try {
      let queued = await blobCache.uploads();
      for (const u of [...queued]) {
        const doc = await db.documents.findOne(u.documentId).exec();
        if (!doc || doc.documentNumber === '') continue;
        const params = new URLSearchParams({
          documentId: u.documentId,
          name: u.name,
          ...(u.fileKey ? { fileKey: u.fileKey, id: u.key } : {}),
        });
        this.current = { key: u.key, progress: 0 };
        this.publish(queued);
        let answer: Awaited<ReturnType<UploadSender>>;
        try {
          answer = await send(`${session.serverUrl}${API.files}?${params}`, session.token, u.blob, (fraction) => {
            this.current = { key: u.key, progress: fraction };
            this.publish(queued);
          });
        } catch {
          break;
        } finally {
          this.current = null;
        }
        const done = (fileId: string) =>
          this.sent.push({ key: u.key, documentId: u.documentId, name: u.name, size: u.size, state: 'uploaded', progress: 1, fileId });
        const refusal = uploadRefusal(answer.status, answer.body.error);
        if (answer.status === 201 || answer.body.error === 'duplicate_id' || refusal) queued = queued.filter((q) => q.key !== u.key);
        if (answer.status === 201) {
          const rec = answer.body as unknown as FileRecord;
          await blobCache.put(rec.sha256, u.blob);
          await blobCache.removeUpload(u.key);
          done(rec.id);
        } else if (answer.body.error === 'duplicate_id') {
          // Sent before, but the answer was lost: the server has it (a version sent under its own id).
          await blobCache.removeUpload(u.key);
          done(u.key);
        } else if (refusal) {
          await this.deps.notices.refusedUpload({
            collection: 'files',
            id: u.key,
            code: refusal,
            fields: [],
            attempted: { name: u.name, documentId: u.documentId },
          });
          await blobCache.removeUpload(u.key);
        }
      }
    } finally {
      this.sending = false;
      await this.refresh();
    }
    if (this.again) await this.process();
  }
}
