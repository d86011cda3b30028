import { Worker } from 'node:worker_threads';
import { pdfjsWorkerSource } from './pdfjs-worker-source';
import type { CheckReply, CheckRequest } from './pdf-check-worker';

/** A PDF not read within this time is refused (its worker thread terminated). */
export const PDF_CHECK_TIMEOUT_MS = 15_000;
/** The worker's heap: pdf.js and one document fit; a file needing more is refused. */
const WORKER_HEAP_MB = 384;

/**
 * Reads each uploaded PDF before it is stored, so a damaged one is refused at upload rather than
 * found broken later: one at a time in one worker thread, time- and memory-limited.
 */
export class PdfChecker {
  private worker: { thread: Worker; ready: Promise<void> } | undefined;
  private readonly waiting = new Map<number, (reply: CheckReply) => void>();
  private nextId = 0;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly timeoutMs = PDF_CHECK_TIMEOUT_MS) {}

  /** Why the PDF cannot be read (English, for the log), or null. */
  problem(bytes: Uint8Array): Promise<string | null> {
    const run = this.chain.then(() => this.check(bytes));
    this.chain = run.catch(() => {});
    return run;
  }

  async close(): Promise<void> {
    await this.stopWorker();
  }

  private async check(bytes: Uint8Array): Promise<string | null> {
    const worker = this.startWorker();
    const id = this.nextId++;
    let timer: NodeJS.Timeout | undefined;
    try {
      await worker.ready;
      const reply = await Promise.race([
        new Promise<CheckReply>((resolve) => {
          this.waiting.set(id, resolve);
          worker.thread.postMessage({ id, bytes } satisfies CheckRequest);
        }),
        new Promise<CheckReply>((resolve) => {
          timer = setTimeout(() => resolve({ id, problem: `not read within ${this.timeoutMs} ms` }), this.timeoutMs);
        }),
      ]);
      // Still waiting means timed out: a stuck pdf.js is stopped the only sure way, with its thread.
      if (this.waiting.has(id)) await this.stopWorker();
      return reply.problem;
    } finally {
      clearTimeout(timer);
      this.waiting.delete(id);
    }
  }

  private startWorker(): { thread: Worker; ready: Promise<void> } {
    if (this.worker) return this.worker;
    const thread = new Worker(pdfjsWorkerSource(new URL('./pdf-check-worker.ts', import.meta.url)), {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    thread.unref();
    const ready = new Promise<void>((resolve, reject) => {
      thread.once('message', () => resolve());
      thread.once('error', reject);
      thread.once('exit', (code) => reject(new Error(`PDF check worker exited (code ${code}) before it was ready`)));
    });
    ready.catch(() => {});
    const worker = { thread, ready };
    thread.on('message', (reply: CheckReply | 'ready') => {
      if (reply === 'ready') return;
      const answer = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      answer?.(reply);
    });
    const gone = (why: string) => {
      if (this.worker === worker) this.worker = undefined;
      for (const [id, answer] of this.waiting) answer({ id, problem: why });
      this.waiting.clear();
    };
    thread.on('error', (err) => gone(`PDF check worker failed: ${err.message}`));
    thread.on('exit', (code) => gone(`PDF check worker exited (code ${code})`));
    this.worker = worker;
    return worker;
  }

  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.thread.terminate();
  }
}
