import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AccessSubject } from '../../../shared/src';
import type { Query, SearchResponse } from '../../../shared/src/search';
import type { Logger } from '../logger';
import { tsWorkerSource } from '../worker-source';
import type { SearchOptions } from './search.service';
import type { SearchReply, SearchRequest, SearchWorkerData } from './search-worker';

/** What answers a search: the pool, or the service itself in the server process. */
export interface Searcher {
  search(subject: AccessSubject, query: Query, opts: SearchOptions): Promise<SearchResponse>;
}

/**
 * A search taking longer in its worker is stopped (the thread terminated: a running SQLite
 * statement cannot be stopped otherwise). Searches cost bounded work (at most 1,000 candidates,
 * about 30 ms per chunk), so only a hostile or broken one comes near it.
 */
export const SEARCH_TIMEOUT_MS = 5_000;
/** At most this many workers by default; SEARCH_WORKERS may ask for more. */
const DEFAULT_MAX_WORKERS = 4;
export const MAX_SEARCH_WORKERS = 16;

/** A search stopped at its time limit (the HTTP route answers 503 `search_timeout`). */
export class SearchTimeoutError extends Error {
  constructor(ms: number) {
    super(`search stopped after ${ms} ms`);
  }
}

export interface SearchPoolOptions {
  /** The store's SQLite file (WAL; the workers open it read-only). */
  file: string;
  /** Searches in the server process, used only if a worker cannot start. */
  inProcess: Searcher;
  log: Logger;
  /** Workers (default: one per CPU, 1 to 4). */
  size?: number;
  timeoutMs?: number;
  /** The worker's module (tests give one that misbehaves). */
  entry?: URL;
}

interface Job {
  request: Omit<SearchRequest, 'id'>;
  resolve: (r: SearchResponse) => void;
  reject: (err: Error) => void;
}

interface Slot {
  thread: Worker | null;
  ready: boolean;
  job: { id: number; job: Job; timer: NodeJS.Timeout } | null;
}

const defaultPoolSize = () => Math.min(DEFAULT_MAX_WORKERS, Math.max(1, os.cpus().length));

/**
 * Runs searches off the main thread, so searches at once use every core and never hold up pushes
 * and pulls: a few worker threads, each with its own read-only connection, one search at a time
 * each, the rest waiting in one FIFO queue. Each worker runs the same SearchService (query plan
 * and per-user projection) as the server process; it gets the user's access subject with each
 * request. The workers start at the first search (loading one costs about half a second of CPU).
 * If a worker cannot start, every search runs in the server process from then on (a warning is
 * logged); a worker that dies or is stopped at the time limit is replaced.
 */
export class SearchPool implements Searcher {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private mode: 'workers' | 'in-process' | 'closed' = 'workers';
  private nextId = 0;
  private readonly timeoutMs: number;
  private readonly entry: URL;

  constructor(private readonly o: SearchPoolOptions) {
    this.timeoutMs = o.timeoutMs ?? SEARCH_TIMEOUT_MS;
    this.entry = o.entry ?? new URL('./search-worker.ts', import.meta.url);
  }

  /** Starts the workers, at the first search: a server nobody searches (most test servers) never pays for loading them. */
  private start(): void {
    for (let i = 0; i < (this.o.size ?? defaultPoolSize()); i++) {
      const slot: Slot = { thread: null, ready: false, job: null };
      this.slots.push(slot);
      try {
        this.spawn(slot);
      } catch (err) {
        return this.fallBack(err instanceof Error ? err.message : String(err));
      }
    }
  }

  /** Whether searches run in worker threads (false after a worker could not start). */
  get inWorkers(): boolean {
    return this.mode === 'workers';
  }

  search(subject: AccessSubject, query: Query, opts: SearchOptions): Promise<SearchResponse> {
    if (this.slots.length === 0 && this.mode === 'workers') this.start();
    if (this.mode === 'in-process') return this.o.inProcess.search(subject, query, opts);
    if (this.mode === 'closed') return Promise.reject(new Error('search pool closed'));
    // Only what access needs crosses to the worker, not the whole user record.
    const { id, roles, registerIds, groupIds, active, secondFactorFresh } = subject;
    return new Promise((resolve, reject) => {
      this.queue.push({
        request: { subject: { id, roles, registerIds, groupIds, active, secondFactorFresh }, query, opts },
        resolve,
        reject,
      });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.mode = 'closed';
    for (const job of this.takeAll()) job.reject(new Error('search pool closed'));
    await Promise.all(this.slots.map((s) => this.stop(s)));
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.thread || !slot.ready || slot.job) continue;
      const job = this.queue.shift()!;
      const id = this.nextId++;
      const timer = setTimeout(() => this.timedOut(slot), this.timeoutMs);
      slot.job = { id, job, timer };
      slot.thread.postMessage({ id, ...job.request } satisfies SearchRequest);
    }
  }

  private spawn(slot: Slot): void {
    const thread = new Worker(tsWorkerSource(this.entry), { eval: true, workerData: { file: this.o.file } satisfies SearchWorkerData });
    // A server that forgets to close the pool still exits.
    thread.unref();
    slot.thread = thread;
    slot.ready = false;
    thread.on('message', (m: SearchReply | 'ready') => {
      if (slot.thread !== thread) return;
      if (m === 'ready') slot.ready = true;
      else if (slot.job?.id === m.id) {
        const { job } = this.release(slot)!;
        if (m.ok) job.resolve(m.response);
        else job.reject(new Error(m.error));
      }
      this.pump();
    });
    const gone = (why: string) => {
      if (slot.thread !== thread) return;
      slot.thread = null;
      if (!slot.ready) return this.fallBack(why);
      this.release(slot)?.job.reject(new Error(why));
      if (this.mode === 'workers') this.spawn(slot);
    };
    thread.on('error', (err) => gone(`search worker failed: ${err.message}`));
    thread.on('exit', (code) => gone(`search worker exited (code ${code})`));
  }

  private timedOut(slot: Slot): void {
    const running = this.release(slot);
    if (!running) return;
    this.o.log.warn('search stopped at its time limit; its worker is replaced', {
      ms: this.timeoutMs,
      userId: running.job.request.subject.id,
    });
    running.job.reject(new SearchTimeoutError(this.timeoutMs));
    void this.stop(slot);
    this.spawn(slot);
  }

  /** A worker could not start: every search, waiting or running, runs in the server process from now on. */
  private fallBack(why: string): void {
    if (this.mode !== 'workers') return;
    this.mode = 'in-process';
    this.o.log.warn('search workers could not start; searching in the server process', { error: why });
    const jobs = this.takeAll();
    for (const slot of this.slots) void this.stop(slot);
    for (const job of jobs) this.o.inProcess.search(job.request.subject, job.request.query, job.request.opts).then(job.resolve, job.reject);
  }

  private release(slot: Slot): Slot['job'] {
    const running = slot.job;
    if (running) clearTimeout(running.timer);
    slot.job = null;
    return running;
  }

  /** Every job waiting or running, taken off the pool. */
  private takeAll(): Job[] {
    const running = this.slots.flatMap((s) => this.release(s)?.job ?? []);
    return [...running, ...this.queue.splice(0)];
  }

  private async stop(slot: Slot): Promise<void> {
    const thread = slot.thread;
    slot.thread = null;
    slot.ready = false;
    if (thread) await thread.terminate();
  }
}
