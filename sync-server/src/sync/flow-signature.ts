import { readFile } from 'node:fs/promises';
import { verifyPdfSignatures } from '../../../shared/src/pdf-signature';
import { approverSignatureProblem } from '../../../shared/src/pdf-signature/trust';
import type { BlobStore } from '../files/blob-store';
import type { TrustList } from '../files/trust-list';
import type { FlowSignatureVerifier } from './flow.apply';

/**
 * A step that requires a signature is approved only with a file whose signatures are all valid,
 * unchanged after the last one, and one of them the approver's: a certificate that chains to a
 * CA on the trust list, valid at its signing time, whose subject common name is the approver's
 * name (`approverSignatureProblem`).
 */
export function pdfSignatureVerifier(blobs: BlobStore, trust: TrustList): FlowSignatureVerifier {
  return async ({ file, signer }) => {
    if (file.mediaType !== 'application/pdf') return { valid: false, code: 'forbidden', detail: 'the signed file is not a PDF' };
    if (!blobs.has(file.sha256)) return { valid: false, code: 'forbidden', detail: 'the file content is not on the server' };
    const report = verifyPdfSignatures(new Uint8Array(await readFile(blobs.pathOf(file.sha256))), { anchors: await trust.anchors() });
    if (!report.allValid) return { valid: false, code: 'forbidden', detail: 'the file has no valid signature, or it was changed after signing' };
    const problem = approverSignatureProblem(report.signatures, signer.displayName);
    return problem ? { valid: false, ...problem } : { valid: true };
  };
}
