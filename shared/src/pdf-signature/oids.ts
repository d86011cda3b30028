/** Object identifiers used by CMS / CAdES / PAdES signatures. */
export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  /** ESS signing-certificate-v2 (RFC 5035), mandatory in CAdES/PAdES baseline B-B. */
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  /** ESS signing-certificate (v1, SHA-1), accepted when reading older signatures. */
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  /** Unsigned attribute holding an RFC 3161 timestamp over the signature value (B-T). */
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha1WithRSA: '1.2.840.113549.1.1.5',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  sha384WithRSA: '1.2.840.113549.1.1.12',
  sha512WithRSA: '1.2.840.113549.1.1.13',
  commonName: '2.5.4.3',
} as const;

export type DigestName = 'sha1' | 'sha256' | 'sha384' | 'sha512';

export const DIGEST_BY_OID: Readonly<Record<string, DigestName>> = {
  [OID.sha1]: 'sha1',
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
};

/** Signature algorithms verified as RSASSA-PKCS1-v1_5 (the digest comes from the SignerInfo). */
export const RSA_PKCS1_OIDS: ReadonlySet<string> = new Set([
  OID.rsaEncryption,
  OID.sha1WithRSA,
  OID.sha256WithRSA,
  OID.sha384WithRSA,
  OID.sha512WithRSA,
]);

/** Short names for distinguished-name attributes, for display. */
export const NAME_ATTRIBUTES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.42': 'GN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'emailAddress',
};
