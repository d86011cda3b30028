import { readFile } from 'node:fs/promises';
import { verifyPdfSignatures } from '../../../shared/src/pdf-signature';
import type { BlobStore } from '../files/blob-store';
import type { FlowSignatureVerifier } from './flow.apply';

/**
 * A step that requires a signature is approved only with a file whose signatures are all valid,
 * unchanged after the last one, and one of them made by the approver. Who signed is read from the
 * certificate's common name and compared with the approver's name in the directory (a stand-in
 * until users carry their certificates' fingerprints).
 */
export function pdfSignatureVerifier(blobs: BlobStore): FlowSignatureVerifier {
  return async ({ file, signer }) => {
    if (file.mediaType !== 'application/pdf') return { valid: false, detail: 'the signed file is not a PDF' };
    if (!blobs.has(file.sha256)) return { valid: false, detail: 'the file content is not on the server' };
    const report = verifyPdfSignatures(new Uint8Array(await readFile(blobs.pathOf(file.sha256))));
    if (!report.allValid) return { valid: false, detail: 'the file has no valid signature, or it was changed after signing' };
    const name = signer.displayName.trim().toLocaleLowerCase('sv');
    const bySigner = report.signatures.some((s) => (s.signerCommonName ?? '').trim().toLocaleLowerCase('sv') === name);
    return bySigner ? { valid: true } : { valid: false, detail: `no signature by ${signer.displayName}` };
  };
}
