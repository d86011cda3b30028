import type { RejectionCode } from '../../../shared/src';
import type { PendingUpload, RejectionNotice } from './replica/types';

/** One file added to a document on this device, as the document's file list shows it. */
export type UploadRow =
  | { key: string; name: string; size: number; state: 'queued' | 'uploaded' }
  | { key: string; name: string; size: number; state: 'uploading'; progress: number | null }
  | { key: string; name: string; size: number | null; state: 'refused'; code: RejectionCode };

/**
 * The true state of each upload of one document, once each: queued, uploading (with progress),
 * uploaded (until its file record is in the list), refused (until dismissed). Uploads and
 * refusals of other documents are not this document's business.
 */
export function uploadRows(
  documentId: string,
  uploads: readonly PendingUpload[],
  rejections: readonly RejectionNotice[],
  listedFileIds: ReadonlySet<string>,
): UploadRow[] {
  const rows = new Map<string, UploadRow>();
  for (const u of uploads) {
    if (u.documentId !== documentId || (u.fileId && listedFileIds.has(u.fileId))) continue;
    rows.set(
      u.key,
      u.state === 'uploading'
        ? { key: u.key, name: u.name, size: u.size, state: 'uploading', progress: u.progress }
        : { key: u.key, name: u.name, size: u.size, state: u.state },
    );
  }
  for (const r of rejections) {
    if (r.collection !== 'files' || r.attempted.documentId !== documentId) continue;
    rows.set(r.id, { key: r.id, name: String(r.attempted.name ?? ''), size: null, state: 'refused', code: r.code });
  }
  return [...rows.values()];
}
