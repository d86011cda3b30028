import { z } from 'zod';
import { TrustCode } from './trust';

/** Why a signature is or is not valid; `ok` is the only valid outcome. */
export const SignatureCode = z.enum([
  'ok',
  /** /ByteRange is not four integers starting at 0 around this signature's /Contents, or leaves the file. */
  'byte-range-invalid',
  /** /Contents is not a readable CMS SignedData with one signer. */
  'cms-malformed',
  /** A digest, signature algorithm, key type or subFilter this verifier does not check. */
  'unsupported-algorithm',
  /** The CMS does not contain the certificate named as signer. */
  'signer-certificate-missing',
  /** The signed bytes' digest differs from the messageDigest attribute: the file was changed. */
  'digest-mismatch',
  /** The signature over the signed attributes does not verify with the certificate's key. */
  'signature-invalid',
  /** The ESS signing-certificate attribute names another certificate. */
  'signing-certificate-mismatch',
  /** ETSI.CAdES.detached without the ESS signing-certificate(-v2) attribute PAdES requires. */
  'signing-certificate-missing',
]);
export type SignatureCode = z.infer<typeof SignatureCode>;

export const SignatureCheck = z.object({
  /** 1-based position in file order (the order of signing). */
  index: z.number().int().min(1),
  objectNumber: z.number().int(),
  status: z.enum(['valid', 'invalid']),
  code: SignatureCode,
  /** Detail for logs (English), e.g. the unsupported algorithm's OID. */
  detail: z.string().optional(),
  subFilter: z.string().optional(),
  signerCommonName: z.string().optional(),
  signerSubject: z.string().optional(),
  issuer: z.string().optional(),
  serialNumber: z.string().optional(),
  certificateValidFrom: z.string().optional(),
  certificateValidTo: z.string().optional(),
  /** ISO 8601; from the CMS signingTime attribute when present, else the dictionary's /M. */
  signingTime: z.string().optional(),
  signingTimeSource: z.enum(['cms', 'pdf']).optional(),
  name: z.string().optional(),
  reason: z.string().optional(),
  location: z.string().optional(),
  contactInfo: z.string().optional(),
  essSigningCertificate: z.enum(['v2', 'v1', 'absent']).optional(),
  /** Whether the CMS carries a signature timestamp token (PAdES B-T). Its own check is not done here. */
  timestamped: z.boolean(),
  /** Only when checked against a trust list: whether the certificate is trusted at the signing time. */
  trust: TrustCode.optional(),
  /** With `trust`: subjects from the signer's certificate up to the trusted CA, as far as it was built. */
  chain: z.array(z.string()).optional(),
  /** One past the last byte the signature covers. */
  coveredEnd: z.number().int(),
  /** The byte range runs to the end of a revision (a `%%EOF`), so nothing of that revision is unsigned. */
  coversWholeRevision: z.boolean(),
});
export type SignatureCheck = z.infer<typeof SignatureCheck>;

export const PdfSignatureReport = z.object({
  fileSize: z.number().int(),
  signatures: z.array(SignatureCheck),
  /** Bytes follow the range of the last signature: the file was changed after it was signed. */
  changedAfterLastSignature: z.boolean(),
  /** At least one signature, all valid and covering their revisions, and nothing appended after the last. */
  allValid: z.boolean(),
});
export type PdfSignatureReport = z.infer<typeof PdfSignatureReport>;
