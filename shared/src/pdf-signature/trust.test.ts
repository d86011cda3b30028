import { describe, expect, it } from 'vitest';
import { certificate, DAY, type Made } from '../../../tests/integration/signing/forge-pki';
import { approverSignatureProblem, certificateNameMatches, checkTrust } from './trust';
import forge from 'node-forge';
import { parseCertificate, type CertificateInfo } from './x509';

const info = (m: Made): CertificateInfo =>
  parseCertificate(new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(m.cert)).getBytes(), 'binary')));
const now = new Date();

describe('checkTrust', () => {
  const root = certificate('Rot-CA', { ca: true });
  const intermediate = certificate('Utfärdande CA', { ca: true, issuer: root });
  const anna = certificate('Anna Lind', { issuer: intermediate });

  it('follows carried CA certificates to a trusted root and names the chain', () => {
    expect(checkTrust(info(anna), [info(intermediate)], [info(root)], now)).toEqual({
      trust: 'trusted',
      chain: ['CN=Anna Lind, O=Testkommunen, C=SE', 'CN=Utfärdande CA, O=Testkommunen, C=SE', 'CN=Rot-CA, O=Testkommunen, C=SE'],
    });
    expect(checkTrust(info(anna), [], [info(intermediate)], now).trust).toBe('trusted');
  });

  it('is untrusted without the link, with an impostor CA of the same name, or through a non-CA certificate', () => {
    expect(checkTrust(info(anna), [], [info(root)], now).trust).toBe('untrusted');
    const impostor = certificate('Utfärdande CA', { ca: true, issuer: root });
    expect(checkTrust(info(anna), [info(impostor)], [info(root)], now).trust).toBe('untrusted');
    const leafAsIssuer = certificate('Bo Ek', { issuer: root });
    const underLeaf = certificate('Anna Lind', { issuer: leafAsIssuer });
    expect(checkTrust(info(underLeaf), [info(leafAsIssuer)], [info(root)], now).trust).toBe('untrusted');
    // A self-signed person's certificate on the list is still no CA.
    const self = certificate('Anna Lind');
    expect(checkTrust(info(self), [], [info(self)], now).trust).toBe('untrusted');
  });

  it('judges validity at the signing time, for the signer and every CA on the way', () => {
    const old = certificate('Anna Lind', { issuer: root, from: Date.now() - 20 * DAY, to: Date.now() - 10 * DAY });
    expect(checkTrust(info(old), [], [info(root)], now).trust).toBe('expired');
    expect(checkTrust(info(old), [], [info(root)], new Date(Date.now() - 15 * DAY)).trust).toBe('not-yet-valid'); // the root is valid from yesterday
    expect(checkTrust(info(anna), [info(intermediate)], [info(root)], new Date(Date.now() + 400 * DAY)).trust).toBe('expired');
    expect(checkTrust(info(anna), [info(intermediate)], [info(root)], new Date(Date.now() - 2 * DAY)).trust).toBe('not-yet-valid');
    expect(checkTrust(info(anna), [info(intermediate)], [info(root)], undefined).trust).toBe('no-signing-time');
  });
});

describe("the approver's signature", () => {
  it('matches the subject common name to the display name, ignoring case, spacing and Unicode form', () => {
    expect(certificateNameMatches('ÅSA  Öberg ', 'Åsa Öberg')).toBe(true);
    expect(certificateNameMatches('A\u030asa Öberg', 'Åsa Öberg')).toBe(true);
    expect(certificateNameMatches('Åsa Öberg-Lind', 'Åsa Öberg')).toBe(false);
    expect(certificateNameMatches(undefined, 'Åsa Öberg')).toBe(false);
  });

  const window = { notBefore: new Date('2026-12-01T00:00:00Z'), notAfter: new Date('2026-12-02T00:00:00Z') };
  const base = {
    index: 1,
    objectNumber: 1,
    status: 'valid' as const,
    code: 'ok' as const,
    timestamped: false,
    coveredEnd: 1,
    coversWholeRevision: true,
    signingTime: '2026-12-01T10:00:00.000Z',
  };

  it('is forbidden without a signature in the name, untrusted without a trusted one', () => {
    expect(approverSignatureProblem([{ ...base, signerCommonName: 'Bo Ek', trust: 'trusted' }], 'Anna Lind', window)?.code).toBe(
      'forbidden',
    );
    expect(
      approverSignatureProblem(
        [{ ...base, signerCommonName: 'Anna Lind', trust: 'expired', chain: ['CN=Anna Lind'] }],
        'Anna Lind',
        window,
      ),
    ).toEqual({ code: 'untrusted_signature', detail: 'the signature by Anna Lind is expired (chain: CN=Anna Lind)' });
    expect(
      approverSignatureProblem(
        [
          { ...base, signerCommonName: 'Anna Lind', trust: 'untrusted' },
          { ...base, signerCommonName: 'anna lind', trust: 'trusted' },
        ],
        'Anna Lind',
        window,
      ),
    ).toBeNull();
  });

  it('refuses a trusted signature claiming a time before the file existed or after it was handed in', () => {
    for (const signingTime of ['2026-11-30T23:59:59.000Z', '2026-12-02T00:00:01.000Z', undefined]) {
      expect(
        approverSignatureProblem([{ ...base, signerCommonName: 'Anna Lind', trust: 'trusted', signingTime }], 'Anna Lind', window)?.code,
        signingTime,
      ).toBe('untrusted_signature');
    }
  });
});
