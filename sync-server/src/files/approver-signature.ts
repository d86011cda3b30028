/**
 * An approver whose flow step needs their signature may add one new version of the document's PDF
 * without the right to edit the document, but only a version that is the current one with their
 * signature added: appended to an already signed file, or, for the first signature, exactly the
 * signing engine's one-time preparation of the current file (signature page, no object streams)
 * with the signature appended. Anything else would let an approver replace the content.
 */
import { prepareUnsignedPdf, type SigningFontBytes } from '../../../shared/src/signing';
import { findSignatures } from '../../../shared/src/pdf-signature/find-signatures';
import { approverSignatureProblem } from '../../../shared/src/pdf-signature/trust';
import { verifyPdfSignatures } from '../../../shared/src/pdf-signature/verify-pdf';
import type { SigningWindow } from '../../../shared/src/pdf-signature/trust';
import type { CertificateInfo } from '../../../shared/src/pdf-signature/x509';
import type { Flow } from '../../../shared/src/model/flow';

/** Whether the user has an active step requiring a signature in an active flow on the document. */
export function awaitsSignatureFrom(flows: readonly Flow[], documentId: string, userId: string): boolean {
  return flows.some(
    (f) =>
      f.status === 'active' &&
      f.targetCollection === 'documents' &&
      f.targetId === documentId &&
      f.steps.some((s) => s.status === 'active' && s.requiresSignature && s.approverId === userId),
  );
}

const startsWith = (bytes: Uint8Array, prefix: Uint8Array) =>
  bytes.length > prefix.length && Buffer.from(prefix).equals(Buffer.from(bytes.subarray(0, prefix.length)));

/**
 * Which preparation of `current` the new version starts with: the signature page in the embedded
 * fonts (what the product's signers make), none (an invisible signature), or in the standard fonts
 * (a signer without font bytes, for a file that is not PDF/A). Tried in that order, stopping at a match.
 */
async function preparedPrefix(current: Uint8Array, next: Uint8Array, fonts: SigningFontBytes): Promise<Uint8Array | null> {
  for (const prepare of [
    () => prepareUnsignedPdf(current, true, fonts),
    () => prepareUnsignedPdf(current, false),
    () => prepareUnsignedPdf(current, true),
  ]) {
    const prepared = await prepare().catch(() => null);
    if (prepared && startsWith(next, prepared)) return prepared;
  }
  return null;
}

export interface VersionProblem {
  code: 'forbidden' | 'untrusted_signature';
  detail: string;
}

/** Why `next` is not `current` plus the signer's trusted signature (see TrustList), or null when it is. */
export async function approverVersionProblem(
  current: Uint8Array,
  next: Uint8Array,
  signerName: string,
  anchors: readonly CertificateInfo[],
  window: SigningWindow,
  fonts: SigningFontBytes,
): Promise<VersionProblem | null> {
  const forbidden = (detail: string): VersionProblem => ({ code: 'forbidden', detail });
  let base = current;
  if (findSignatures(current).length === 0) {
    const match = await preparedPrefix(current, next, fonts);
    if (!match) return forbidden('the new version is not the current file with a signature added');
    base = match;
  } else if (!startsWith(next, current)) {
    return forbidden('a signed file can only be extended by appending (another signature)');
  }
  const report = verifyPdfSignatures(next, { anchors });
  if (!report.allValid || report.changedAfterLastSignature) return forbidden('the new version does not keep every signature valid');
  const added = report.signatures.filter((s) => s.coveredEnd > base.length);
  if (added.length !== 1) return forbidden('the new version must add exactly one signature, by the approver');
  return approverSignatureProblem(added, signerName, window);
}
