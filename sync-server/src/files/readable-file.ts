import { projectRecord, type AccessSubject, type FileRecord } from '../../../shared/src';
import type { Storage } from '../storage/storage';
import type { ContextLoader } from '../sync/access-context';
import type { BlobStore } from './blob-store';

/**
 * A file version as this user may read it, with its bytes on disk, or null: the one read check
 * for a file's content (download, PDF/A rendition). "Not there" and "not yours" are alike.
 */
export async function readableFile(
  deps: { storage: Storage; contexts: ContextLoader; blobs: BlobStore },
  subject: AccessSubject,
  fileId: string,
): Promise<FileRecord | null> {
  const rec = await deps.storage.getRecord('files', fileId);
  if (!rec || rec.deleted) return null;
  const [ctx] = await deps.contexts.contexts([rec]);
  const visible = projectRecord(subject, 'files', rec.data as FileRecord, ctx);
  return visible && deps.blobs.has(visible.sha256) ? visible : null;
}
