// Page maskers on worker threads for the Node redaction platform: each worker opens its own copy of
// the document (redaction-worker.ts) and masks the pages it is asked for, so pages render on every
// core while the calling thread renders too and writes the output in page order.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type MaskedPage, type PageMaskers, type PageMaskJob, RedactionError, type RemotePageMasker } from '../../shared/src/redaction';
import type { WorkerReply, WorkerRequest } from './redaction-worker';
import { bootstrapSource } from './redaction-worker-bootstrap';

/**
 * Below this many pages per thread, a worker costs more than it saves: each loads pdf.js and the
 * engine afresh (about 1.5–2 s of CPU and 120 MiB) and opens its own copy of the document.
 */
const MIN_PAGES_PER_THREAD = 12;

/** Each worker holds its own pdf.js, document and pages in flight (~150 MiB): more would break the 1 GiB budget. */
const MAX_WORKERS = 3;

const BOOTSTRAP = bootstrapSource(fileURLToPath(new URL('./redaction-worker.ts', import.meta.url)));

interface Pending {
  resolve(page: MaskedPage): void;
  reject(e: Error): void;
}

class WorkerPageMasker implements RemotePageMasker {
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private broken: Error | undefined;
  private started!: { resolve(): void; reject(e: Error): void };

  constructor(job: PageMaskJob) {
    this.ready = new Promise((resolve, reject) => (this.started = { resolve, reject }));
    // The redaction awaits `ready` once its lanes run; a failure before that is reported by the redaction itself.
    this.ready.catch(() => {});
    this.worker = new Worker(BOOTSTRAP, { eval: true, workerData: { job } });
    this.worker.on('message', (reply: WorkerReply) => this.receive(reply));
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`redaction worker thread exited (code ${code})`)));
  }

  mask(pageNumber: number): Promise<MaskedPage> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, pageNumber } satisfies WorkerRequest);
    });
  }

  async close(): Promise<void> {
    this.fail(new Error('redaction worker thread closed'));
    await this.worker.terminate();
  }

  private receive(reply: WorkerReply): void {
    if (reply.type === 'ready') return this.started.resolve();
    if (reply.type === 'page') return this.settle(reply.id, (p) => p.resolve(reply.page));
    const error = reply.code ? new RedactionError(reply.code, reply.message) : new Error(`redaction worker thread: ${reply.message}`);
    if (reply.id === undefined)
      this.fail(error); // the worker could not open the document
    else this.settle(reply.id, (p) => p.reject(error));
  }

  private settle(id: number, how: (p: Pending) => void): void {
    const pending = this.pending.get(id);
    this.pending.delete(id);
    if (pending) how(pending);
  }

  /** Rejects everything still waiting; later requests fail at once. */
  private fail(e: Error): void {
    this.broken ??= e;
    this.started.reject(e);
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}

/** `threads` workers when given, otherwise one per spare core (up to MAX_WORKERS) when the document is long enough. */
export function startWorkerPageMaskers(job: PageMaskJob): PageMaskers {
  const count = job.threads ?? Math.min(availableParallelism() - 1, MAX_WORKERS, Math.floor(job.pageCount / MIN_PAGES_PER_THREAD) - 1);
  const maskers = Array.from({ length: Math.max(0, count) }, () => new WorkerPageMasker(job));
  return {
    maskers,
    close: async () => {
      await Promise.all(maskers.map((m) => m.close()));
    },
  };
}
