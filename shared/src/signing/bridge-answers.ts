/**
 * How a signer (the desktop's main process, the server's development test key) words its answers
 * on the bridge: the certificate's readable fields, and failures as codes the renderer shows in
 * Swedish, with an English message for logs.
 */
import { parseCertificate } from '../pdf-signature/x509';
import type { SigningCertificateInfo, SigningErrorCode } from '../protocol/bridge';
import { KeySourceError } from './key-source';
import { SigningError } from './signing-error';

export function certificateInfo(der: Uint8Array): SigningCertificateInfo {
  const c = parseCertificate(der);
  return {
    subject: c.subject,
    commonName: c.subjectCommonName ?? '',
    issuer: c.issuer,
    notBefore: c.notBefore?.toISOString() ?? '',
    notAfter: c.notAfter?.toISOString() ?? '',
  };
}

/** Maps what signing threw to a code the renderer words in Swedish; the message is for logs. */
export function signingFailure(error: unknown): { ok: false; code: SigningErrorCode; message: string } {
  if (error instanceof KeySourceError || error instanceof SigningError) return { ok: false, code: error.code, message: error.message };
  return { ok: false, code: 'failed', message: error instanceof Error ? error.message : String(error) };
}
