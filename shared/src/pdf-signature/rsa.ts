import forge from 'node-forge';
import { toBinaryString } from './bytes';
import { digest } from './digest';
import type { DigestName } from './oids';

/** RSASSA-PKCS1-v1_5 verification of `signedBytes` with the key in a SubjectPublicKeyInfo. */
export function verifyRsa(spki: Uint8Array, algorithm: DigestName, signedBytes: Uint8Array, signature: Uint8Array): boolean {
  try {
    const key = forge.pki.publicKeyFromAsn1(forge.asn1.fromDer(toBinaryString(spki))) as forge.pki.rsa.PublicKey;
    return key.verify(toBinaryString(digest(algorithm, [signedBytes])), toBinaryString(signature));
  } catch {
    // forge throws on a signature block (or key) that does not decode: that is a wrong signature.
    return false;
  }
}
