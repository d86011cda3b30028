/**
 * CMS SignedData for PAdES baseline B-B (ETSI EN 319 142-1, CAdES EN 319 122-1): detached,
 * SHA-256, signed attributes contentType, messageDigest, ESS signing-certificate-v2 and
 * optionally signingTime; the signer certificate included. The private key never comes here:
 * the caller's `sign` function signs the signed attributes, so a key may live in a file, a
 * certificate store, a smart card or a remote signing service.
 */
import { digest } from './digest';
import { algorithmIdentifier, contextTag, integer, octetString, oid, sequence, setOf, time, tlv } from './der-write';
import { concatBytes } from './bytes';
import { content, readTlv } from './der';
import { OID } from './oids';
import { parseCertificate } from './x509';

/**
 * Hook for PAdES B-T: given the signature value, return an RFC 3161 TimeStampToken (DER
 * ContentInfo) from a configured TSA whose message imprint is SHA-256 of that value. It is
 * added as the unsigned attribute id-aa-signatureTimeStampToken; fetching it is the caller's job.
 */
export type SignatureTimestamper = (signatureValue: Uint8Array) => Promise<Uint8Array>;

export interface CadesSignedDataInput {
  /** SHA-256 over the bytes the signature covers (a PDF's /ByteRange). */
  readonly contentDigest: Uint8Array;
  /** DER of the signer certificate. */
  readonly signerCertificate: Uint8Array;
  /** Further DER certificates to embed (intermediate CAs), signer excluded. */
  readonly extraCertificates?: readonly Uint8Array[];
  /**
   * When given, a CMS signingTime attribute. EN 319 142-1 puts the PAdES signing time in the
   * signature dictionary's /M instead, so callers normally leave this out.
   */
  readonly signingTime?: Date;
  /** RSASSA-PKCS1-v1_5 with SHA-256 over the DER signed attributes. */
  readonly sign: (signedAttributes: Uint8Array) => Promise<Uint8Array>;
  readonly timestamp?: SignatureTimestamper;
}

function attribute(type: string, value: Uint8Array): Uint8Array {
  return sequence(oid(type), setOf(value));
}

/** ESSCertIDv2 with the default SHA-256 (omitted, as DER requires for a DEFAULT) and no issuerSerial, as EN 319 122-1 advises. */
function signingCertificateV2(certificate: Uint8Array): Uint8Array {
  return sequence(sequence(sequence(octetString(digest('sha256', [certificate])))));
}

/** The signed attributes as a DER SET (the form that is signed, RFC 5652 §5.4). */
export function buildSignedAttributes(
  input: Pick<CadesSignedDataInput, 'contentDigest' | 'signerCertificate' | 'signingTime'>,
): Uint8Array {
  const attrs = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octetString(input.contentDigest)),
    attribute(OID.signingCertificateV2, signingCertificateV2(input.signerCertificate)),
  ];
  if (input.signingTime) attrs.push(attribute(OID.signingTime, time(input.signingTime)));
  return setOf(...attrs);
}

export async function buildCadesSignedData(input: CadesSignedDataInput): Promise<Uint8Array> {
  if (input.contentDigest.length !== 32) throw new RangeError('contentDigest must be a SHA-256 digest (32 bytes)');
  const cert = parseCertificate(input.signerCertificate);
  const signedAttrs = buildSignedAttributes(input);
  const signature = await input.sign(signedAttrs);

  const unsigned: Uint8Array[] = [];
  if (input.timestamp) unsigned.push(attribute(OID.signatureTimeStampToken, await input.timestamp(signature)));

  const signerInfo = sequence(
    integer(1),
    sequence(cert.issuerDer, cert.serialDer),
    algorithmIdentifier(OID.sha256, false),
    // [0] IMPLICIT: the same contents as the signed SET, retagged.
    tlv(0xa0, content(signedAttrs, readTlv(signedAttrs, 0))),
    algorithmIdentifier(OID.sha256WithRSA, true),
    octetString(signature),
    ...(unsigned.length ? [tlv(0xa1, concatBytes(unsigned))] : []),
  );
  const signedData = sequence(
    integer(1),
    setOf(algorithmIdentifier(OID.sha256, false)),
    sequence(oid(OID.data)),
    contextTag(0, concatBytes([cert.der, ...(input.extraCertificates ?? [])])),
    setOf(signerInfo),
  );
  return sequence(oid(OID.signedData), contextTag(0, signedData));
}
