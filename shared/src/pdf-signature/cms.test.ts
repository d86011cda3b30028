import forge from 'node-forge';
import { beforeAll, describe, expect, test } from 'vitest';
import { fromBinaryString, toBinaryString } from './bytes';
import { buildCadesSignedData } from './cms-build';
import { checkCms } from './cms-verify';
import { digest } from './digest';
import { parseCertificate } from './x509';

interface TestKey {
  readonly cert: Uint8Array;
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** A real RSA key and self-signed certificate (1024 bits keeps forge's key generation quick). */
function makeKey(commonName: string, serial: string): TestKey {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial;
  cert.validity.notBefore = new Date('2026-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2027-01-01T00:00:00Z');
  const name = [
    { shortName: 'C', value: 'SE' },
    { shortName: 'O', value: 'Testkommunen' },
    { shortName: 'CN', value: commonName, valueTagClass: forge.asn1.Type.UTF8 as number },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return {
    cert: fromBinaryString(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes()),
    async sign(data) {
      const md = forge.md.sha256.create();
      md.update(toBinaryString(data));
      return fromBinaryString(keys.privateKey.sign(md));
    },
  };
}

const content = [new TextEncoder().encode('första delen'), new TextEncoder().encode('andra delen')];
let anna: TestKey;
let bengt: TestKey;

beforeAll(() => {
  anna = makeKey('Anna Ärlig', '0a1b');
  bengt = makeKey('Bengt Lind', '02');
});

async function build(key: TestKey, extra: Partial<Parameters<typeof buildCadesSignedData>[0]> = {}) {
  return buildCadesSignedData({
    contentDigest: digest('sha256', content),
    signerCertificate: key.cert,
    sign: (a) => key.sign(a),
    ...extra,
  });
}

describe('CAdES SignedData', () => {
  test('built and checked: digest, signature and ESS signing-certificate-v2 all match', async () => {
    const check = checkCms(await build(anna), content);
    expect(check).toMatchObject({
      kind: 'checked',
      digestAlgorithm: 'sha256',
      digestMatches: true,
      signatureMatches: true,
      essAttribute: 'v2',
      essMatches: true,
      timestamped: false,
    });
    expect(check.kind === 'checked' && check.signer).toMatchObject({
      subject: 'CN=Anna Ärlig, O=Testkommunen, C=SE',
      subjectCommonName: 'Anna Ärlig',
      serialHex: '0A1B',
    });
    // PAdES keeps the signing time in the PDF's /M, so there is no signingTime attribute by default.
    expect(check.kind === 'checked' && check.signingTime).toBeUndefined();
  });

  test('other content does not match the message digest', async () => {
    const check = checkCms(await build(anna), [new TextEncoder().encode('första delen'), new TextEncoder().encode('ändrad')]);
    expect(check).toMatchObject({ kind: 'checked', digestMatches: false, signatureMatches: true });
  });

  test('a signature made with another key does not verify against the certificate', async () => {
    const check = checkCms(await build(anna, { sign: (a) => bengt.sign(a) }), content);
    expect(check).toMatchObject({ kind: 'checked', digestMatches: true, signatureMatches: false });
  });

  test('the signingTime attribute is added when asked for', async () => {
    const check = checkCms(await build(anna, { signingTime: new Date('2026-03-02T09:15:00Z') }), content);
    expect(check).toMatchObject({ kind: 'checked', signatureMatches: true });
    expect(check.kind === 'checked' && check.signingTime?.toISOString()).toBe('2026-03-02T09:15:00.000Z');
  });

  test('the timestamp hook gets the signature value and its token becomes an unsigned attribute', async () => {
    const seen: Uint8Array[] = [];
    // The hook's contract is only "DER in, DER out"; a TSA token is tested in the integration tests.
    const cms = await build(anna, { timestamp: async (value) => (seen.push(value), Uint8Array.of(0x30, 0x00)) });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.length).toBe(128);
    expect(checkCms(cms, content)).toMatchObject({ kind: 'checked', signatureMatches: true, timestamped: true });
  });

  test('bytes that are not CMS are reported as malformed', () => {
    expect(checkCms(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01), content)).toMatchObject({ kind: 'malformed' });
    expect(checkCms(Uint8Array.of(0x30, 0x7f), content)).toMatchObject({ kind: 'malformed' });
  });

  test('trailing zero padding after the CMS (as in a PDF /Contents) is ignored', async () => {
    const cms = await build(bengt);
    const padded = new Uint8Array(cms.length + 100);
    padded.set(cms);
    expect(checkCms(padded, content)).toMatchObject({ kind: 'checked', digestMatches: true, signatureMatches: true });
    expect(parseCertificate(anna.cert).issuer).toBe('CN=Anna Ärlig, O=Testkommunen, C=SE');
  });
});
