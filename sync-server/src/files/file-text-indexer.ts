import { Worker } from 'node:worker_threads';
import { pdfjsWorkerSource } from './pdfjs-worker-source';
import type { FileRecord, MediaType } from '../../../shared/src';
import type { Logger } from '../logger';
import type { FileTextKey, Storage } from '../storage/storage';
import type { BlobStore } from './blob-store';
import type { ExtractReply, ExtractRequest } from './text-extract-worker';

/** An extraction taking longer is stopped (its worker thread terminated) and the file stays unsearchable by text. */
export const EXTRACTION_TIMEOUT_MS = 20_000;
/** The worker's heap: pdf.js and one document fit; a file needing more fails alone. */
const WORKER_HEAP_MB = 384;
const PAGE = 500;
/** Files examined per step of the start-up scan; each step is a few ms of the main thread. */
const SCAN_PAGE = 250;

/** The event loop's next turn: pushes, pulls and searches waiting are answered before the scan goes on. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

const keyOf = (f: FileRecord): FileTextKey => ({ documentId: f.documentId, fileKey: f.fileKey, fileId: f.id, fileVersion: f.fileVersion });

/**
 * Keeps the search index's file text current: the text of each new file version is extracted
 * off the request path, one file at a time in one worker thread, time- and size-limited. A
 * failure is logged and leaves that version unsearchable by text; it never fails an upload.
 */
export class FileTextIndexer {
  private worker: { thread: Worker; ready: Promise<void> } | undefined;
  private readonly waiting = new Map<number, (reply: ExtractReply) => void>();
  private nextId = 0;
  /** One extraction at a time, in order. */
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private backfill: Promise<void> = Promise.resolve();

  constructor(
    private readonly storage: Storage,
    private readonly blobs: BlobStore,
    private readonly log: Logger,
    private readonly timeoutMs = EXTRACTION_TIMEOUT_MS,
  ) {}

  /** A new file version was stored: its text replaces the older version's (unsearchable from now). Never throws. */
  async fileStored(file: FileRecord): Promise<void> {
    const key = keyOf(file);
    try {
      for (const marked of await this.storage.markFileTextsPending([key])) this.schedule(marked);
    } catch (err) {
      this.log.error('file text not scheduled', { fileId: file.id, error: String(err) });
    }
  }

  /**
   * Starts extracting, in the background, the text of stored files that have none yet (stored
   * before this release, or pending at a restart). The scan goes in small steps, one per turn of
   * the event loop, so a large register's scan never holds up requests.
   */
  start(): void {
    this.backfill = this.runBackfill();
  }

  private runBackfill(): Promise<void> {
    const run = async () => {
      for (let after = 0; !this.closed;) {
        await nextTurn();
        const { files, last } = await this.storage.filesWithoutText(after, SCAN_PAGE);
        if (files.length > 0) await this.storage.markFileTextsPending(files);
        if (last === null) break;
        after = last;
      }
      const seen = new Set<string>();
      for (;;) {
        const pending = (await this.storage.pendingFileTexts(PAGE)).filter((k) => !seen.has(k.fileId));
        if (this.closed || pending.length === 0) break;
        for (const k of pending) {
          seen.add(k.fileId);
          this.schedule(k);
        }
        await this.chain;
      }
    };
    return run().catch((err: unknown) => {
      if (!this.closed) this.log.error('file text backfill stopped', { error: String(err) });
    });
  }

  /** Resolves when the start-up backfill and every extraction scheduled so far are done. */
  async idle(): Promise<void> {
    await this.backfill;
    await this.chain;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.stopWorker();
  }

  private schedule(key: FileTextKey): void {
    this.chain = this.chain
      // A file without its blob is done without a thread; the turn keeps a run of them from holding up requests.
      .then(nextTurn)
      .then(() => this.index(key))
      .catch((err: unknown) => {
        if (!this.closed) this.log.error('file text not stored', { fileId: key.fileId, error: String(err) });
      });
  }

  private async index(key: FileTextKey): Promise<void> {
    if (this.closed) return;
    const rec = await this.storage.getRecord('files', key.fileId);
    const file = rec && !rec.deleted ? (rec.data as FileRecord) : null;
    let text: string | null = null;
    if (file && this.blobs.has(file.sha256)) {
      const started = Date.now();
      try {
        text = await this.extract(this.blobs.pathOf(file.sha256), file.mediaType);
        this.log.info('file text extracted', { fileId: file.id, mediaType: file.mediaType, chars: text.length, ms: Date.now() - started });
      } catch (err) {
        this.log.warn('file text extraction failed; the file is not searchable by its text', {
          fileId: file.id,
          mediaType: file.mediaType,
          error: err instanceof Error ? err.message : String(err),
        });
      }
    }
    if (!this.closed) await this.storage.putFileText(key, text);
  }

  private async extract(path: string, mediaType: MediaType): Promise<string> {
    const worker = this.startWorker();
    await worker.ready;
    const id = this.nextId++;
    let timer: NodeJS.Timeout | undefined;
    const reply = await Promise.race([
      new Promise<ExtractReply>((resolve) => {
        this.waiting.set(id, resolve);
        worker.thread.postMessage({ id, path, mediaType } satisfies ExtractRequest);
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${this.timeoutMs} ms`)), this.timeoutMs);
      }),
    ]).catch(async (err: unknown) => {
      // A stuck pdf.js is stopped the only sure way: with its thread.
      await this.stopWorker();
      throw err;
    });
    clearTimeout(timer);
    this.waiting.delete(id);
    if (!reply.ok) throw new Error(reply.error);
    return reply.text;
  }

  private startWorker(): { thread: Worker; ready: Promise<void> } {
    if (this.worker) return this.worker;
    const thread = new Worker(pdfjsWorkerSource(new URL('./text-extract-worker.ts', import.meta.url)), {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    thread.unref();
    // Settles however the thread ends: a server closing while the thread still loads must not wait for it.
    const ready = new Promise<void>((resolve, reject) => {
      thread.once('message', () => resolve());
      thread.once('error', reject);
      thread.once('exit', (code) => reject(new Error(`extraction worker exited (code ${code}) before it was ready`)));
    });
    ready.catch(() => {});
    const worker = { thread, ready };
    thread.on('message', (reply: ExtractReply | 'ready') => {
      if (reply !== 'ready') this.waiting.get(reply.id)?.(reply);
    });
    const gone = (error: string) => {
      if (this.worker === worker) this.worker = undefined;
      for (const [id, answer] of this.waiting) answer({ id, ok: false, error });
      this.waiting.clear();
    };
    thread.on('error', (err) => gone(`extraction worker failed: ${err.message}`));
    thread.on('exit', (code) => gone(`extraction worker exited (code ${code})`));
    this.worker = worker;
    return worker;
  }

  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.thread.terminate();
  }
}
