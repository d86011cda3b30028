/** Reads what a signature report shows from an X.509 certificate, and the parts CMS needs verbatim. */
import { toHex, utf8Decode } from './bytes';
import { children, content, decodeOid, DerError, readTlv, whole, type Tlv } from './der';
import { NAME_ATTRIBUTES } from './oids';

export interface CertificateInfo {
  readonly der: Uint8Array;
  /** The issuer Name and serialNumber INTEGER exactly as encoded (for IssuerAndSerialNumber). */
  readonly issuerDer: Uint8Array;
  readonly serialDer: Uint8Array;
  /** Serial number as uppercase hex without leading zero bytes. */
  readonly serialHex: string;
  readonly subject: string;
  readonly subjectCommonName?: string;
  readonly issuer: string;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  readonly subjectPublicKeyInfo: Uint8Array;
  readonly publicKeyAlgorithm: string;
  /** The subject Name exactly as encoded (compared with a child's issuerDer when building a chain). */
  readonly subjectDer: Uint8Array;
  /** What the issuer signed: the TBSCertificate, its algorithm OID and the signature bits. */
  readonly tbsDer: Uint8Array;
  readonly signatureAlgorithm: string;
  readonly signatureValue: Uint8Array;
  /** basicConstraints cA (false when the extension is absent). */
  readonly isCa: boolean;
}

const BASIC_CONSTRAINTS = '2.5.29.19';

/** Whether the extensions ([3] EXPLICIT SEQUENCE OF Extension) say this is a CA certificate. */
function readIsCa(bytes: Uint8Array, extensions: Tlv | undefined): boolean {
  const list = extensions && children(bytes, extensions)[0];
  for (const ext of list ? children(bytes, list) : []) {
    const parts = children(bytes, ext);
    if (!parts[0] || decodeOid(bytes, parts[0]) !== BASIC_CONSTRAINTS) continue;
    const value = parts[parts.length - 1]!;
    const constraints = children(bytes, readTlv(bytes, value.contentStart, value.contentEnd));
    const cA = constraints[0];
    return !!cA && cA.tag === 0x01 && content(bytes, cA)[0] !== 0;
  }
  return false;
}

function decodeString(bytes: Uint8Array, t: Tlv): string {
  const raw = content(bytes, t);
  if (t.tag === 0x0c) return utf8Decode(raw);
  if (t.tag === 0x1e) {
    let s = '';
    for (let i = 0; i + 1 < raw.length; i += 2) s += String.fromCharCode(raw[i]! * 256 + raw[i + 1]!);
    return s;
  }
  return String.fromCharCode(...raw);
}

/** RDNs in encoded order, as [shortName, value] pairs. */
function readName(bytes: Uint8Array, name: Tlv): [string, string][] {
  const out: [string, string][] = [];
  for (const rdn of children(bytes, name)) {
    for (const atv of children(bytes, rdn)) {
      const [type, value] = children(bytes, atv);
      if (!type || !value) throw new DerError('bad name attribute');
      const o = decodeOid(bytes, type);
      out.push([NAME_ATTRIBUTES[o] ?? o, decodeString(bytes, value)]);
    }
  }
  return out;
}

/** RFC 4514 order (most specific first), e.g. `CN=Anna Andersson, O=Kommunen, C=SE`. */
function formatName(parts: [string, string][]): string {
  return [...parts]
    .reverse()
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

/**
 * RFC 5280 4.1.2.5: UTCTime is exactly YYMMDDHHMMSSZ (YY >= 50 → 19YY, < 50 → 20YY); GeneralizedTime
 * is exactly YYYYMMDDHHMMSSZ, without fractional seconds. Anything else (other lengths, offsets,
 * fractions, impossible dates) is not a validity time: undefined, which every check treats as invalid.
 */
export function readCertificateTime(tag: number, text: string): Date | undefined {
  const m =
    tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
      : tag === 0x18
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
        : null;
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const fullYear = tag === 0x17 ? year + (year >= 50 ? 1900 : 2000) : year;
  const d = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  d.setUTCFullYear(fullYear, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  const exact =
    d.getUTCFullYear() === fullYear &&
    d.getUTCMonth() === month - 1 &&
    d.getUTCDate() === day &&
    d.getUTCHours() === hour &&
    d.getUTCMinutes() === minute &&
    d.getUTCSeconds() === second;
  return exact ? d : undefined;
}

function readTime(bytes: Uint8Array, t: Tlv): Date | undefined {
  return readCertificateTime(t.tag, String.fromCharCode(...content(bytes, t)));
}

export function parseCertificate(der: Uint8Array): CertificateInfo {
  const cert = readTlv(der, 0);
  const tbs = children(der, cert)[0];
  if (cert.tag !== 0x30 || !tbs || tbs.tag !== 0x30) throw new DerError('not an X.509 certificate');
  const fields = children(der, tbs);
  const at = fields[0]?.tag === 0xa0 ? 1 : 0;
  const [serial, , issuer, validity, subject, spki, ...optional] = fields.slice(at);
  const [, signatureAlgorithm, signatureValue] = children(der, cert);
  if (!signatureAlgorithm || !signatureValue || signatureValue.tag !== 0x03) throw new DerError('certificate without signature');
  if (!serial || !issuer || !validity || !subject || !spki) throw new DerError('truncated certificate');
  const [notBefore, notAfter] = children(der, validity);
  const subjectParts = readName(der, subject);
  const algorithm = children(der, children(der, spki)[0]!)[0];
  let serialBytes = content(der, serial);
  while (serialBytes.length > 1 && serialBytes[0] === 0) serialBytes = serialBytes.subarray(1);
  return {
    der: whole(der, cert),
    issuerDer: whole(der, issuer),
    serialDer: whole(der, serial),
    serialHex: toHex(serialBytes).toUpperCase(),
    subject: formatName(subjectParts),
    subjectCommonName: subjectParts.find(([k]) => k === 'CN')?.[1],
    issuer: formatName(readName(der, issuer)),
    notBefore: notBefore && readTime(der, notBefore),
    notAfter: notAfter && readTime(der, notAfter),
    subjectPublicKeyInfo: whole(der, spki),
    publicKeyAlgorithm: algorithm ? decodeOid(der, algorithm) : '',
    subjectDer: whole(der, subject),
    tbsDer: whole(der, tbs),
    signatureAlgorithm: decodeOid(der, children(der, signatureAlgorithm)[0]!),
    // A BIT STRING: the first content byte counts unused bits (0 for a signature).
    signatureValue: content(der, signatureValue).subarray(1),
    isCa: readIsCa(
      der,
      optional.find((f) => f.tag === 0xa3),
    ),
  };
}
