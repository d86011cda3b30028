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

declare global {
  interface Window {
    benchSync(serverUrl: string, username: string, password: string): Promise<BrowserSyncResult>;
    benchQuery(): Promise<QueryResult[]>;
    benchBulkInsert(serverUrl: string, username: string, password: string): Promise<BulkInsertResult>;
  }
}
