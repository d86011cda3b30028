import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AccessSubject } from '../../../shared/src';
import type { Query } from '../../../shared/src/search';
import type { Logger } from '../logger';
import { tsWorkerSource } from '../worker-source';
import type { SearchOptions, SearchService } from './search.service';
import type { SearchReply, SearchRequest, SearchWorkerData } from './search-worker';

/** What answers a search, with its response as the JSON reply text: the pool, or the service in the server process. */
export interface Searcher {
  searchJson(subject: AccessSubject, query: Query, opts: SearchOptions): Promise<string>;
}

/** The service searching in the server process. */
export function inProcessSearcher(service: SearchService): Searcher {
  return { searchJson: async (subject, query, opts) => JSON.stringify(await service.search(subject, query, opts)) };
}

/**
 * A search taking longer in its worker is stopped (the thread terminated: a running SQLite
 * statement cannot be stopped otherwise). Searches cost bounded work (at most 1,000 candidates,
 * about 30 ms per chunk, a few hundred ms at worst), so only a hostile or broken one comes near
 * it, even sharing its worker with three others on a loaded machine.
 */
export const SEARCH_TIMEOUT_MS = 10_000;
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
  resolve: (json: string) => void;
  reject: (err: Error) => void;
}

interface Running {
  job: Job;
  timer: NodeJS.Timeout;
}

interface Slot {
  thread: Worker | null;
  ready: boolean;
  /** The searches it runs, by request id, in the order given. */
  running: Map<number, Running>;
}

/**
 * Searches one worker runs at once, taking turns between chunks as in the server process: a short
 * search is not kept waiting behind long ones. More wait in the pool's queue; few enough that a
 * search's time (the limit counts from when its worker gets it) is not mostly its neighbours'.
 */
const PER_WORKER = 4;

const defaultPoolSize = () => Math.min(DEFAULT_MAX_WORKERS, Math.max(1, os.cpus().length));

/**
 * Runs searches off the main thread, so searches at once use every core and never hold up pushes
 * and pulls: a few worker threads, each with its own read-only connection, running up to 4
 * searches at once (taking turns), the rest waiting in one FIFO queue. Each worker runs the same
 * SearchService (query plan and per-user projection) as the server process; it gets the user's
 * access subject with each request. The workers start at the first search (loading one costs about half a second of CPU).
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
      const slot: Slot = { thread: null, ready: false, running: new Map() };
      this.slots.push(slot);
      this.spawn(slot);
    }
  }

  /** Whether searches run in worker threads (false after a worker could not start). */
  get inWorkers(): boolean {
    return this.mode === 'workers';
  }

  searchJson(subject: AccessSubject, query: Query, opts: SearchOptions): Promise<string> {
    if (this.slots.length === 0 && this.mode === 'workers') this.start();
    if (this.mode === 'in-process') return this.o.inProcess.searchJson(subject, query, opts);
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

  /** Gives waiting searches to the least busy ready workers. */
  private pump(): void {
    while (this.queue.length > 0) {
      let slot: Slot | undefined;
      for (const s of this.slots)
        if (s.thread && s.ready && s.running.size < PER_WORKER && (!slot || s.running.size < slot.running.size)) slot = s;
      if (!slot) return;
      const job = this.queue.shift()!;
      const id = this.nextId++;
      const chosen = slot;
      slot.running.set(id, { job, timer: setTimeout(() => this.timedOut(chosen, id), this.timeoutMs) });
      slot.thread!.postMessage({ id, ...job.request } satisfies SearchRequest);
    }
  }

  private spawn(slot: Slot): void {
    if (this.mode !== 'workers') return;
    let thread: Worker;
    try {
      thread = new Worker(tsWorkerSource(this.entry), { eval: true, workerData: { file: this.o.file } satisfies SearchWorkerData });
    } catch (err) {
      return this.fallBack(`search worker not created: ${err instanceof Error ? err.message : String(err)}`);
    }
    // A server that forgets to close the pool still exits.
    thread.unref();
    slot.thread = thread;
    slot.ready = false;
    thread.on('message', (m: SearchReply | 'ready') => {
      if (slot.thread !== thread) return;
      if (m === 'ready') slot.ready = true;
      else {
        const running = slot.running.get(m.id);
        if (!running) return;
        clearTimeout(running.timer);
        slot.running.delete(m.id);
        if (m.ok) running.job.resolve(m.json);
        else running.job.reject(new Error(m.error));
      }
      this.pump();
    });
    const gone = (why: string) => {
      if (slot.thread !== thread) return;
      slot.thread = null;
      if (!slot.ready) return this.fallBack(why);
      for (const job of this.release(slot)) job.reject(new Error(why));
      this.spawn(slot);
    };
    thread.on('error', (err) => gone(`search worker failed: ${err.message}`));
    thread.on('exit', (code) => gone(`search worker exited (code ${code})`));
  }

  /** Stops a search at its time limit with its thread; the others it was running wait for another worker. */
  private timedOut(slot: Slot, id: number): void {
    const running = slot.running.get(id);
    if (!running) return;
    slot.running.delete(id);
    this.o.log.warn('search stopped at its time limit; its worker is replaced', {
      ms: this.timeoutMs,
      userId: running.job.request.subject.id,
    });
    running.job.reject(new SearchTimeoutError(this.timeoutMs));
    this.queue.unshift(...this.release(slot));
    void this.stop(slot);
    this.spawn(slot);
    this.pump();
  }

  /** A worker could not start: every search, waiting or running, runs in the server process from now on. */
  private fallBack(why: string): void {
    if (this.mode !== 'workers') return;
    this.mode = 'in-process';
    this.o.log.warn('search workers could not start; searching in the server process', { error: why });
    const jobs = this.takeAll();
    for (const slot of this.slots) void this.stop(slot);
    for (const job of jobs)
      this.o.inProcess.searchJson(job.request.subject, job.request.query, job.request.opts).then(job.resolve, job.reject);
  }

  /** The searches a worker was running, taken off it (in the order given). */
  private release(slot: Slot): Job[] {
    const jobs = [...slot.running.values()].map((r) => {
      clearTimeout(r.timer);
      return r.job;
    });
    slot.running.clear();
    return jobs;
  }

  /** Every job waiting or running, taken off the pool. */
  private takeAll(): Job[] {
    return [...this.slots.flatMap((s) => this.release(s)), ...this.queue.splice(0)];
  }

  private async stop(slot: Slot): Promise<void> {
    const thread = slot.thread;
    slot.thread = null;
    slot.ready = false;
    if (thread) await thread.terminate();
  }
}
