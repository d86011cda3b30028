/**
 * Whether a signer's certificate is one the authority trusts at the time it signed: a chain of
 * issuer signatures from it, through CA certificates the signature carries, to a CA on the trust
 * list, every certificate valid at the signing time. Revocation (CRL/OCSP) is not checked here.
 */
import { z } from 'zod';
import { bytesEqual } from './bytes';
import { OID, type DigestName } from './oids';
import { verifyRsa } from './rsa';
import type { SignatureCheck } from './signature-report';
import type { CertificateInfo } from './x509';

export const TrustCode = z.enum([
  /** Chains to a CA on the trust list; every certificate on the way valid at the signing time. */
  'trusted',
  /** No chain to a CA on the trust list (e.g. self-signed, or another CA). */
  'untrusted',
  /** A certificate of the chain had expired (or its dates are unreadable) at the signing time. */
  'expired',
  /** A certificate of the chain was not yet valid at the signing time. */
  'not-yet-valid',
  /** The signature states no signing time (CMS signingTime or the dictionary's /M), so validity cannot be judged. */
  'no-signing-time',
]);
export type TrustCode = z.infer<typeof TrustCode>;

export interface TrustVerdict {
  readonly trust: TrustCode;
  /** Subjects from the signer up to the trusted CA (as far as the chain was built). */
  readonly chain: string[];
}

const CERT_DIGEST: Readonly<Record<string, DigestName>> = {
  [OID.sha1WithRSA]: 'sha1',
  [OID.sha256WithRSA]: 'sha256',
  [OID.sha384WithRSA]: 'sha384',
  [OID.sha512WithRSA]: 'sha512',
};
const MAX_DEPTH = 6;

/** Whether `parent` issued `child`: names match and the parent's key verifies the child's signature. */
export function issuedBy(child: CertificateInfo, parent: CertificateInfo): boolean {
  const algorithm = CERT_DIGEST[child.signatureAlgorithm];
  return (
    !!algorithm &&
    parent.publicKeyAlgorithm === OID.rsaEncryption &&
    bytesEqual(child.issuerDer, parent.subjectDer) &&
    verifyRsa(parent.subjectPublicKeyInfo, algorithm, child.tbsDer, child.signatureValue)
  );
}

/** Why a certificate is not valid at `at` (unreadable dates count as expired), or null. */
export function validityAt(c: Pick<CertificateInfo, 'notBefore' | 'notAfter'>, at: Date): 'expired' | 'not-yet-valid' | null {
  if (!c.notBefore || !c.notAfter) return 'expired';
  if (at < c.notBefore) return 'not-yet-valid';
  return at > c.notAfter ? 'expired' : null;
}

export function checkTrust(
  signer: CertificateInfo,
  carried: readonly CertificateInfo[],
  anchors: readonly CertificateInfo[],
  signingTime: Date | undefined,
): TrustVerdict {
  const chain = [signer.subject];
  if (!signingTime) return { trust: 'no-signing-time', chain };
  const own = validityAt(signer, signingTime);
  if (own) return { trust: own, chain };
  let current = signer;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const anchor = anchors.find((a) => a.isCa && issuedBy(current, a));
    if (anchor) return { trust: validityAt(anchor, signingTime) ?? 'trusted', chain: [...chain, anchor.subject] };
    const next = carried.find((c) => c.isCa && c !== current && !chain.includes(c.subject) && issuedBy(current, c));
    if (!next) break;
    chain.push(next.subject);
    const problem = validityAt(next, signingTime);
    if (problem) return { trust: problem, chain };
    current = next;
  }
  return { trust: 'untrusted', chain };
}

const normalName = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('sv');

/**
 * Whether a certificate is the approver's: its subject common name equals the user's display
 * name (Unicode NFC, case and runs of spaces ignored). Sound only together with the trust list:
 * a CA on it vouches for the name it put in the certificate.
 */
export function certificateNameMatches(commonName: string | undefined, displayName: string): boolean {
  return commonName !== undefined && normalName(commonName) === normalName(displayName);
}

/**
 * When a signature can have been made: not before the file it signs existed, not after it was
 * handed in. The signing time is the signer's claim; this bound keeps a certificate that expired
 * (or an ex-employee's) from signing today with a time inside its old validity.
 */
export interface SigningWindow {
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** What a signature step demands of the approver's signatures in a verified report. */
export function approverSignatureProblem(
  signatures: readonly SignatureCheck[],
  displayName: string,
  window: SigningWindow,
): { code: 'forbidden' | 'untrusted_signature'; detail: string } | null {
  const mine = signatures.filter((s) => certificateNameMatches(s.signerCommonName, displayName));
  if (mine.length === 0) return { code: 'forbidden', detail: `no signature by ${displayName}` };
  const inWindow = (s: SignatureCheck) =>
    s.signingTime !== undefined && new Date(s.signingTime) >= window.notBefore && new Date(s.signingTime) <= window.notAfter;
  if (mine.some((s) => s.trust === 'trusted' && inWindow(s))) return null;
  if (mine.some((s) => s.trust === 'trusted')) {
    return {
      code: 'untrusted_signature',
      detail: `the signature by ${displayName} claims a signing time outside ${window.notBefore.toISOString()}–${window.notAfter.toISOString()}`,
    };
  }
  return {
    code: 'untrusted_signature',
    detail: `the signature by ${displayName} is ${mine.map((s) => `${s.trust ?? 'unchecked'} (chain: ${(s.chain ?? []).join(' → ')})`).join('; ')}`,
  };
}
