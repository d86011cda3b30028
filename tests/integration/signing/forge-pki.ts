/** Certificates made with node-forge (any dates, any issuer) and a signing key source for them. */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import type { KeySource } from '../../../shared/src/signing';

export const DAY = 24 * 3600_000;
const der = (c: forge.pki.Certificate) =>
  new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), 'binary'));
export const pem = (c: forge.pki.Certificate) => forge.pki.certificateToPem(c);

export interface Made {
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
}

function rsa(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) };
}

/** A certificate for `cn`, issued by `issuer` (self-signed when absent), valid from–to. */
export function certificate(cn: string, o: { issuer?: Made; ca?: boolean; from?: number; to?: number } = {}): Made {
  const keys = rsa();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(o.from ?? Date.now() - DAY);
  cert.validity.notAfter = new Date(o.to ?? Date.now() + 365 * DAY);
  const subject = [
    { name: 'countryName', value: 'SE' },
    { name: 'organizationName', value: 'Testkommunen' },
    { name: 'commonName', value: cn, valueTagClass: forge.asn1.Type.UTF8 as never },
  ];
  cert.setSubject(subject);
  cert.setIssuer(o.issuer ? o.issuer.cert.subject.attributes : subject);
  cert.setExtensions(
    o.ca
      ? [
          { name: 'basicConstraints', cA: true, critical: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
        ]
      : [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
        ],
  );
  cert.sign(o.issuer?.key ?? keys.privateKey, forge.md.sha256.create());
  return { cert, key: keys.privateKey };
}

export function keySource(signer: Made, chain: Made[] = []): KeySource {
  return {
    description: `test key ${signer.cert.subject.getField('CN').value}`,
    certificate: der(signer.cert),
    chain: chain.map((c) => der(c.cert)),
    async sign(data) {
      const md = forge.md.sha256.create();
      md.update(Buffer.from(data).toString('binary'));
      return new Uint8Array(Buffer.from(signer.key.sign(md), 'binary'));
    },
  };
}
