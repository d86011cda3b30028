// A search worker thread: answers searches one at a time over its own read-only connection to
// the store (WAL: it reads committed state while the server writes), with the same service,
// projection and reads as the server process (search.service.ts, storage/sqlite-reads.ts).
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { AccessSubject } from '../../../shared/src';
import type { Query } from '../../../shared/src/search';
import { SqliteReads } from '../storage/sqlite-reads';
import { ClassificationCache } from '../sync/classification-cache';
import { SearchService, type SearchOptions } from './search.service';

export interface SearchWorkerData {
  /** The store's SQLite file. */
  file: string;
}

export interface SearchRequest {
  id: number;
  subject: AccessSubject;
  query: Query;
  opts: SearchOptions;
}

/**
 * A worker's answer: the response as its JSON reply text, made here (cloning the response object to
 * the server's thread and turning it into JSON there cost ~0.6 ms more per search, on the thread
 * that serves every request).
 */
export type SearchReply = { id: number; ok: true; json: string } | { id: number; ok: false; error: string };

const { file } = workerData as SearchWorkerData;
// Read-only: SQLite refuses every write on this connection.
const db = new Database(file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
// A search reads index rows all over a large store (search_records, file_texts, search_access for
// up to 1,000 candidates): SQLite's default 2 MiB page cache kept little of them between searches.
// 64 MiB per worker: file-text word searches at 100k cases ~10 % less time in process (measured).
db.pragma('cache_size = -65536');
// Pages read through a memory map instead of copied in by read(): ~5–10 % less CPU per search at
// 100k cases (measured). Address space, not memory: the pages are the OS's file cache, shared by
// every worker. The store never shrinks its file in place (VACUUM only INTO a copy).
db.pragma('mmap_size = 1073741824');
const reads = new SqliteReads(db);
const service = new SearchService(reads, new ClassificationCache(reads));

parentPort!.on('message', (req: SearchRequest) => {
  service.search(req.subject, req.query, req.opts).then(
    (response) => parentPort!.postMessage({ id: req.id, ok: true, json: JSON.stringify(response) } satisfies SearchReply),
    (err: unknown) =>
      parentPort!.postMessage({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies SearchReply),
  );
});
parentPort!.postMessage('ready');
