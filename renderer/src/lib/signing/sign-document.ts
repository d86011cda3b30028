/**
 * Signing a document's PDF for a flow step: read the current version, have the signing service
 * add the signature, upload the result as the next version of the same file. The server accepts
 * it only if it is that version plus exactly one valid signature by this user.
 */
import type { FileRecord } from '../../../../shared/src';
import type { SigningErrorCode, SignPdfRequest } from '../../../../shared/src/protocol/bridge';
import type { Replica } from '../replica/replica';
import type { SigningService } from './signing-service';

export type SignDocumentResult = { ok: true; version: FileRecord } | { ok: false; code: SigningErrorCode | 'offline' | 'upload-refused'; message: string };

/** The newest version of each PDF file of a document, newest upload first: what can be signed. */
export function signableFiles(files: readonly FileRecord[]): FileRecord[] {
  const latest = new Map<string, FileRecord>();
  for (const f of files) {
    const seen = latest.get(f.fileKey);
    if (!seen || f.fileVersion > seen.fileVersion) latest.set(f.fileKey, f);
  }
  return [...latest.values()].filter((f) => f.mediaType === 'application/pdf').sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt));
}

export async function signDocumentFile(replica: Pick<Replica, 'openFile' | 'uploadVersion'>, service: SigningService, file: FileRecord, request: SignPdfRequest): Promise<SignDocumentResult> {
  const pdf = new Uint8Array(await (await replica.openFile(file.id)).arrayBuffer());
  const signed = await service.sign(pdf, request);
  if (!signed.ok) return signed;
  try {
    const version = await replica.uploadVersion(file.documentId, file.fileKey, new Blob([new Uint8Array(signed.pdf)], { type: 'application/pdf' }), file.name);
    return { ok: true, version };
  } catch (err) {
    const offline = err instanceof Error && err.message === 'offline';
    return { ok: false, code: offline ? 'offline' : 'upload-refused', message: err instanceof Error ? err.message : String(err) };
  }
}
