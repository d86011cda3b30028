/**
 * Throwaway signing keys for development and tests in web mode: one test CA per server process,
 * one certificate per user (CN = the user's display name, so approval-flow signature checks
 * work), all in memory. Never a real signature: the issuer says "testnyckel".
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { DEV_TEST_KEY_ISSUER_CN, DEV_TEST_KEY_ORGANISATION } from '../../../shared/src/protocol/dev-signing';
import type { KeySource } from '../../../shared/src/signing';

interface KeyPair {
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
}

const binary = (bytes: Uint8Array) => Buffer.from(bytes).toString('binary');
const bytesOf = (s: string) => new Uint8Array(Buffer.from(s, 'binary'));
// UTF8String: forge's default PrintableString cannot hold å, ä, ö.
const utf8 = (name: string, value: string): forge.pki.CertificateField => ({ name, value, valueTagClass: forge.asn1.Type.UTF8 as never });
const derOf = (c: forge.pki.Certificate) => bytesOf(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes());

// Node's native key generation: forge's pure-JS RSA generation takes seconds.
function keyPair(): KeyPair {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) };
}

function certificate(
  subject: forge.pki.CertificateField[],
  issuer: forge.pki.CertificateField[],
  publicKey: forge.pki.rsa.PublicKey,
  signer: forge.pki.rsa.PrivateKey,
  ca: boolean,
  nowMs: number,
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(nowMs - 60_000);
  cert.validity.notAfter = new Date(nowMs + 365 * 24 * 3600_000);
  cert.setSubject(subject);
  cert.setIssuer(issuer);
  cert.setExtensions(
    ca
      ? [
          { name: 'basicConstraints', cA: true, critical: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
        ]
      : [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
        ],
  );
  cert.sign(signer, forge.md.sha256.create());
  return cert;
}

export class DevTestKeys {
  private ca: { keys: KeyPair; cert: forge.pki.Certificate; name: forge.pki.CertificateField[] } | null = null;
  private readonly perUser = new Map<string, { displayName: string; key: KeySource }>();

  constructor(private readonly now: () => number) {}

  /** The user's test key (made on first use, again when the display name changed). */
  keyFor(userId: string, displayName: string): KeySource {
    const cached = this.perUser.get(userId);
    if (cached && cached.displayName === displayName) return cached.key;
    const ca = this.authority();
    const keys = keyPair();
    const subject = [
      { name: 'countryName', value: 'SE' },
      utf8('organizationName', DEV_TEST_KEY_ORGANISATION),
      utf8('commonName', displayName),
    ];
    const cert = certificate(subject, ca.name, keys.publicKey, ca.keys.privateKey, false, this.now());
    const key: KeySource = {
      description: `development test key of ${userId}`,
      certificate: derOf(cert),
      chain: [derOf(ca.cert)],
      async sign(data) {
        const md = forge.md.sha256.create();
        md.update(binary(data));
        return bytesOf(keys.privateKey.sign(md));
      },
    };
    this.perUser.set(userId, { displayName, key });
    return key;
  }

  /** The test CA: on the trust list only while the server runs with the development switch. */
  caCertificate(): Uint8Array {
    return derOf(this.authority().cert);
  }

  private authority() {
    if (!this.ca) {
      const keys = keyPair();
      const name = [
        { name: 'countryName', value: 'SE' },
        utf8('organizationName', DEV_TEST_KEY_ORGANISATION),
        utf8('commonName', DEV_TEST_KEY_ISSUER_CN),
      ];
      this.ca = { keys, name, cert: certificate(name, name, keys.publicKey, keys.privateKey, true, this.now()) };
    }
    return this.ca;
  }
}
