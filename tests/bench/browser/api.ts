import type { Percentiles } from '../stats';

/** What the bench page (main.ts) exposes on `window`, for browser.ts to call. */
export interface BrowserSyncResult {
  ms: number;
  received: number;
}

export interface BulkInsertResult {
  /** createRxDatabase, addCollections and every bulkInsert; the download is not included. */
  ms: number;
  inserted: number;
}

export interface QueryResult extends Percentiles {
  name: string;
  /** Rows the query returned (the same every run). */
  rows: number;
  /** Whether the product answers this question this way (only those have a target). */
  productPath: boolean;
}

/** The first download as a user meets it (tests/bench/first-download.ts); times from the sign-in. */
export interface FirstDownloadResult {
  /** Sign-in, the replica's key and opening the replica: before the first pull. */
  openedMs: number;
  /** `initialSync.usable` set: the first screen stored. */
  flagMs: number;
  /** Own open work and the list's newest rows here (`initialSync.usable`) and the list's first page read. */
  usableMs: number;
  /** The whole window. */
  wholeMs: number;
  received: number;
  cases: number;
  /** Highest JS heap in use (Chromium's performance.memory), sampled every 250 ms; 0 where not reported. */
  peakHeap: number;
}

declare global {
  interface Window {
    benchSync(serverUrl: string, username: string, password: string): Promise<BrowserSyncResult>;
    benchQuery(): Promise<QueryResult[]>;
    benchBulkInsert(serverUrl: string, username: string, password: string): Promise<BulkInsertResult>;
    benchFirstDownload(serverUrl: string, username: string, password: string): Promise<FirstDownloadResult>;
    /** A returning start, the window on disk: opening the replica to the list's first page read (after the sign-in, apart). */
    benchReturning(serverUrl: string, username: string, password: string): Promise<{ ms: number; cases: number }>;
  }
}
