/** What a client child process reports after its initial sync. */
export interface SyncResult {
  /** From opening the local database until the initial sync of every collection is done. */
  ms: number;
  /** Records the pull handlers received (null where the replication does not count them). */
  received: number | null;
  /** Records in the local database afterwards. */
  stored: number;
  /** Peak resident memory of the client process, in bytes. */
  peakRss: number;
}
