import { readFile } from 'node:fs/promises';
import { verifyPdfSignatures } from '../../../shared/src/pdf-signature';
import { approverSignatureProblem } from '../../../shared/src/pdf-signature/trust';
import type { BlobStore } from '../files/blob-store';
import { signingWindow, type TrustList } from '../files/trust-list';
import type { Storage } from '../storage/storage';
import type { FlowSignatureVerifier } from './flow.apply';

/**
 * A step that requires a signature is approved only with a file whose signatures are all valid,
 * unchanged after the last one, and one of them the approver's: a certificate that chains to a
 * CA on the trust list, valid at its signing time, whose subject common name is the approver's
 * name (`approverSignatureProblem`), signed after the server first had the file and before the
 * signed version was uploaded.
 */
export function pdfSignatureVerifier(blobs: BlobStore, trust: TrustList, storage: Storage): FlowSignatureVerifier {
  return async ({ file, signer }) => {
    if (file.mediaType !== 'application/pdf') return { valid: false, code: 'forbidden', detail: 'the signed file is not a PDF' };
    if (!blobs.has(file.sha256)) return { valid: false, code: 'forbidden', detail: 'the file content is not on the server' };
    const report = verifyPdfSignatures(new Uint8Array(await readFile(blobs.pathOf(file.sha256))), { anchors: await trust.anchors() });
    if (!report.allValid)
      return { valid: false, code: 'forbidden', detail: 'the file has no valid signature, or it was changed after signing' };
    const window = await signingWindow(storage, file.documentId, file.fileKey, Date.parse(file.uploadedAt));
    const problem = approverSignatureProblem(report.signatures, signer.displayName, window);
    return problem ? { valid: false, ...problem } : { valid: true };
  };
}
