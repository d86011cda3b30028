/**
 * Checks a detached CMS SignedData (as in a PDF signature's /Contents) against the signed bytes:
 * message digest, the signature over the signed attributes, and the ESS signing-certificate
 * attribute. It reports facts; `verify-pdf.ts` turns them into a verdict.
 */
import { bytesEqual } from './bytes';
import { children, content, decodeOid, DerError, readTlv, whole, type Tlv } from './der';
import { digest } from './digest';
import { DIGEST_BY_OID, OID, RSA_PKCS1_OIDS, type DigestName } from './oids';
import { verifyRsa } from './rsa';
import { parseCertificate, type CertificateInfo } from './x509';

export type EssAttribute = 'v2' | 'v1' | 'absent';

export type CmsCheck =
  | { readonly kind: 'malformed'; readonly detail: string }
  | { readonly kind: 'unsupported'; readonly detail: string; readonly signer?: CertificateInfo }
  | { readonly kind: 'signer-certificate-missing' }
  | {
      readonly kind: 'checked';
      readonly signer: CertificateInfo;
      /** Every certificate the CMS carries (the signer's and any chain), for building a chain. */
      readonly certificates: readonly CertificateInfo[];
      readonly digestAlgorithm: DigestName;
      readonly digestMatches: boolean;
      readonly signatureMatches: boolean;
      readonly essAttribute: EssAttribute;
      readonly essMatches: boolean;
      readonly signingTime?: Date;
      readonly timestamped: boolean;
    };

interface Attribute {
  readonly type: string;
  readonly value: Tlv;
}

function readAttributes(bytes: Uint8Array, set: Tlv): Attribute[] {
  return children(bytes, set).map((attr) => {
    const [type, values] = children(bytes, attr);
    const value = values && children(bytes, values)[0];
    if (!type || !value) throw new DerError('bad attribute');
    return { type: decodeOid(bytes, type), value };
  });
}

function readTime(bytes: Uint8Array, t: Tlv): Date | undefined {
  const s = String.fromCharCode(...content(bytes, t));
  const m = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z$/.exec(s);
  if (!m) return undefined;
  let y = Number(m[1]);
  if (t.tag === 0x17) y += y < 50 ? 2000 : 1900;
  return new Date(Date.UTC(y, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

/** Whether the first ESSCertID(v2) in a SigningCertificate(V2) value hashes to the signer certificate. */
function essMatches(bytes: Uint8Array, value: Tlv, version: 'v1' | 'v2', cert: CertificateInfo): boolean {
  const certs = children(bytes, value)[0];
  const first = certs && children(bytes, certs)[0];
  if (!first) return false;
  const parts = children(bytes, first);
  let algorithm: DigestName | undefined = version === 'v1' ? 'sha1' : 'sha256';
  if (version === 'v2' && parts[0]?.tag === 0x30) {
    const alg = children(bytes, parts.shift()!)[0];
    algorithm = alg && DIGEST_BY_OID[decodeOid(bytes, alg)];
  }
  const hash = parts[0];
  if (!algorithm || !hash || hash.tag !== 0x04) return false;
  if (!bytesEqual(content(bytes, hash), digest(algorithm, [cert.der]))) return false;
  // issuerSerial is optional; when present its serial must be the signer's.
  const issuerSerial = parts[1];
  const serial = issuerSerial && children(bytes, issuerSerial)[1];
  return !serial || bytesEqual(whole(bytes, serial), cert.serialDer);
}

export function checkCms(cms: Uint8Array, signedParts: readonly Uint8Array[]): CmsCheck {
  try {
    return checkParsed(cms, signedParts);
  } catch (e) {
    if (e instanceof DerError) return { kind: 'malformed', detail: e.message };
    throw e;
  }
}

function checkParsed(bytes: Uint8Array, signedParts: readonly Uint8Array[]): CmsCheck {
  const contentInfo = readTlv(bytes, 0);
  const [type, explicit] = children(bytes, contentInfo);
  if (!type || decodeOid(bytes, type) !== OID.signedData || !explicit) return { kind: 'malformed', detail: 'not a CMS SignedData' };
  const signedData = children(bytes, explicit)[0];
  if (!signedData) return { kind: 'malformed', detail: 'empty SignedData' };
  const fields = children(bytes, signedData);
  const certificates = fields.find((f) => f.tag === 0xa0);
  const signerInfos = fields[fields.length - 1];
  const infos = signerInfos ? children(bytes, signerInfos) : [];
  if (infos.length !== 1) return { kind: 'malformed', detail: `expected one SignerInfo, found ${infos.length}` };

  const [, sid, digestAlg, signedAttrs, sigAlg, signature, unsignedAttrs] = children(bytes, infos[0]!);
  if (!sid || !digestAlg || !signedAttrs || signedAttrs.tag !== 0xa0 || !sigAlg || !signature || signature.tag !== 0x04) {
    return { kind: 'malformed', detail: 'SignerInfo without signed attributes' };
  }
  if (sid.tag !== 0x30) return { kind: 'unsupported', detail: 'signer identified by subject key identifier' };
  const [issuer, serial] = children(bytes, sid);
  const carried = (certificates ? children(bytes, certificates) : [])
    .filter((c) => c.tag === 0x30)
    .map((c) => parseCertificate(whole(bytes, c)));
  const signer = carried.find(
    (c) => issuer && serial && bytesEqual(c.issuerDer, whole(bytes, issuer)) && bytesEqual(c.serialDer, whole(bytes, serial)),
  );
  if (!signer) return { kind: 'signer-certificate-missing' };

  const digestOid = decodeOid(bytes, children(bytes, digestAlg)[0]!);
  const algorithm = DIGEST_BY_OID[digestOid];
  if (!algorithm) return { kind: 'unsupported', detail: `digest algorithm ${digestOid}`, signer: signer };
  const sigOid = decodeOid(bytes, children(bytes, sigAlg)[0]!);
  if (!RSA_PKCS1_OIDS.has(sigOid) || signer.publicKeyAlgorithm !== OID.rsaEncryption) {
    return { kind: 'unsupported', detail: `signature algorithm ${sigOid}`, signer: signer };
  }

  const attrs = readAttributes(bytes, signedAttrs);
  const messageDigest = attrs.find((a) => a.type === OID.messageDigest);
  const time = attrs.find((a) => a.type === OID.signingTime);
  const v2 = attrs.find((a) => a.type === OID.signingCertificateV2);
  const v1 = attrs.find((a) => a.type === OID.signingCertificate);
  const ess = v2 ? { version: 'v2' as const, attr: v2 } : v1 ? { version: 'v1' as const, attr: v1 } : undefined;

  // What was signed is the DER SET OF the attributes: the [0] IMPLICIT tag read as SET.
  const signedAttrBytes = whole(bytes, signedAttrs).slice();
  signedAttrBytes[0] = 0x31;

  const timestamped =
    !!unsignedAttrs &&
    unsignedAttrs.tag === 0xa1 &&
    readAttributes(bytes, unsignedAttrs).some((a) => a.type === OID.signatureTimeStampToken);
  return {
    kind: 'checked',
    signer: signer,
    certificates: carried,
    digestAlgorithm: algorithm,
    digestMatches:
      !!messageDigest &&
      messageDigest.value.tag === 0x04 &&
      bytesEqual(content(bytes, messageDigest.value), digest(algorithm, signedParts)),
    signatureMatches: verifyRsa(signer.subjectPublicKeyInfo, algorithm, signedAttrBytes, content(bytes, signature)),
    essAttribute: ess?.version ?? 'absent',
    essMatches: !!ess && essMatches(bytes, ess.attr.value, ess.version, signer),
    signingTime: time && readTime(bytes, time.value),
    timestamped,
  };
}
