/**
 * A key source from the bytes of a PKCS#12 (.p12/.pfx) file and its password, parsed with node-forge
 * (pure). Reading the file is the platform's part: the main process' signing session, `npm run sign`.
 */
import forge from 'node-forge';
import { fromBinaryString, toBinaryString } from '../pdf-signature/bytes';
import { KeySourceError, type KeySource } from './key-source';

// PKCS#12 bag types (RFC 7292 §4.2).
const BAG = { key: '1.2.840.113549.1.12.10.1.1', shroudedKey: '1.2.840.113549.1.12.10.1.2', cert: '1.2.840.113549.1.12.10.1.3' };

function parsePkcs12(bytes: Uint8Array, password: string, label: string): forge.pkcs12.Pkcs12Pfx {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(toBinaryString(bytes));
  } catch {
    throw new KeySourceError('unreadable', `${label} is not a PKCS#12 (.p12/.pfx) file`);
  }
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/MAC could not be verified/i.test(message)) throw new KeySourceError('wrong-password', `wrong password for ${label}`);
    // The MAC (keyed from the password as BMPString) verified, but PBES2 encryption (OpenSSL 3's
    // default) keys from the UTF-8 bytes, which forge gets wrong for non-ASCII passwords.
    if (/decrypt/i.test(message) && [...password].some((c) => c.charCodeAt(0) > 0x7f)) return withUtf8Password(asn1, password, label);
    if (/decrypt/i.test(message)) throw new KeySourceError('wrong-password', `wrong password for ${label}`);
    throw new KeySourceError('unreadable', `${label} could not be read as PKCS#12: ${message}`);
  }
}

function withUtf8Password(asn1: forge.asn1.Asn1, password: string, label: string): forge.pkcs12.Pkcs12Pfx {
  // Only reached after the MAC was verified with the same password; it is dropped for this pass.
  const withoutMac = { ...asn1, value: (asn1.value as forge.asn1.Asn1[]).slice(0, 2) };
  try {
    return forge.pkcs12.pkcs12FromAsn1(withoutMac, false, forge.util.encodeUtf8(password));
  } catch {
    throw new KeySourceError('wrong-password', `wrong password for ${label}`);
  }
}

/** A key and certificate from a PKCS#12 file, unlocked with its password, held in memory only. */
export function pkcs12KeySource(bytes: Uint8Array, password: string, label = 'PKCS#12 file'): KeySource {
  const p12 = parsePkcs12(bytes, password, label);
  const bags = (type: string): forge.pkcs12.Bag[] => p12.getBags({ bagType: type })[type] ?? [];
  const keyBags = [...bags(BAG.shroudedKey), ...bags(BAG.key)];
  const certBags = bags(BAG.cert);
  const certificates = certBags.map((b) => b.cert).filter((c): c is forge.pki.Certificate => !!c);
  const hasUnparsedCert = certBags.some((b) => !b.cert);
  const key = keyBags.map((b) => b.key).find((k): k is forge.pki.rsa.PrivateKey => !!k);
  if (!key) {
    // forge leaves `key` empty for key types it cannot read (EC); the bag itself is there.
    if (keyBags.length) throw new KeySourceError('unsupported-key', `${label}: only RSA keys are supported`);
    throw new KeySourceError('no-private-key', `${label} contains no private key`);
  }
  if (!certificates.length) {
    throw new KeySourceError(
      'no-certificate',
      hasUnparsedCert ? `${label}: the certificate could not be read (only RSA is supported)` : `${label} contains no certificate`,
    );
  }
  const own = certificates.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n?.equals(key.n) && pub.e?.equals(key.e);
  });
  if (!own) throw new KeySourceError('no-certificate', `${label} contains no certificate for its private key`);
  const der = (c: forge.pki.Certificate) => fromBinaryString(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes());

  return {
    description: label,
    certificate: der(own),
    chain: certificates.filter((c) => c !== own).map(der),
    async sign(data) {
      const md = forge.md.sha256.create();
      md.update(toBinaryString(data));
      return fromBinaryString(key.sign(md));
    },
  };
}
