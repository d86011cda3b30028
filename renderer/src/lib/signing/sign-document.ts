/**
 * Signing a document's PDF for a flow step: read the current version, have the signing service
 * add the signature, add the result as the next version of the same file (sent now, or when the
 * connection returns). The server accepts it only if it is that version plus exactly one valid
 * signature by this user.
 */
import type { FileRecord } from '../../../../shared/src';
import type { SigningErrorCode, SignPdfRequest } from '../../../../shared/src/protocol/bridge';
import type { Replica } from '../replica/replica';
import type { SigningService } from './signing-service';

export type SignDocumentResult =
  { ok: true; versionId: string; queued: boolean } | { ok: false; code: SigningErrorCode | 'upload-refused'; message: string };

/** The newest version of each PDF file of a document, newest upload first: what can be signed. */
export function signableFiles(files: readonly FileRecord[]): FileRecord[] {
  const latest = new Map<string, FileRecord>();
  for (const f of files) {
    const seen = latest.get(f.fileKey);
    if (!seen || f.fileVersion > seen.fileVersion) latest.set(f.fileKey, f);
  }
  return [...latest.values()].filter((f) => f.mediaType === 'application/pdf').sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt));
}

export async function signDocumentFile(
  replica: Pick<Replica, 'openFile' | 'addVersion'>,
  service: SigningService,
  file: FileRecord,
  request: SignPdfRequest,
): Promise<SignDocumentResult> {
  const pdf = new Uint8Array(await (await replica.openFile(file.id)).arrayBuffer());
  const signed = await service.sign(pdf, request);
  if (!signed.ok) return signed;
  const added = await replica.addVersion(
    file.documentId,
    file.fileKey,
    new Blob([new Uint8Array(signed.pdf)], { type: 'application/pdf' }),
    file.name,
  );
  if (added.state === 'refused') return { ok: false, code: 'upload-refused', message: 'the server did not accept the signed version' };
  return { ok: true, versionId: added.id, queued: added.state === 'queued' };
}
