import type { Logger } from '../logger';
import type { Storage } from '../storage/storage';

/**
 * Scrubs the remnants after content was destroyed and says in the log what it could not do: a
 * write-ahead log a reader kept from being truncated still holds the old pages until the next
 * checkpoint, which an operator must know.
 */
export async function scrubAfter(storage: Storage, log: Logger, what: string): Promise<void> {
  try {
    const report = await storage.scrubRemnants();
    if (!report.walTruncated)
      log.warn(`${what}: the write-ahead log could not be truncated (a reader held it); old pages remain until the next checkpoint`);
    if (report.backupsRemoved.length > 0) log.info(`${what}: migration backups removed`, { files: report.backupsRemoved });
  } catch (err) {
    // The destruction itself is committed; a failed scrub leaves remnants, never an undone disposal.
    log.error(`${what}: scrubbing remnants failed`, { err: String(err) });
  }
}
