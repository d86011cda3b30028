import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTlv } from '../../../shared/src/pdf-signature/der';
import { findSignatures } from '../../../shared/src/pdf-signature/find-signatures';
import { verifyPdfSignatures } from '../../../shared/src/pdf-signature/verify-pdf';
import { KeySourceError, pkcs12KeySource, signPdf } from '../../../shared/src/signing';
import { createTestPki, type TestPki } from './test-pki';
import { protocolPdf } from './test-pdfs';
import { pdfsig, run } from './tools';

let pki: TestPki;
let dir: string;
let unsigned: Uint8Array;
let once: Uint8Array;
let twice: Uint8Array;

const CHAIR = 'Åsa Öberg';
const ADJUSTER = 'Bengt Lind';

function save(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

beforeAll(async () => {
  pki = createTestPki();
  dir = mkdtempSync(join(tmpdir(), 'diarium-sign-'));
  const chair = pki.signer(CHAIR, 'ordförande-lösen');
  const adjuster = pki.signer(ADJUSTER, 'justerare');
  unsigned = await protocolPdf(false);
  once = await signPdf(unsigned, pkcs12KeySource(chair.p12, chair.password), {
    role: 'Ordförande',
    reason: 'Protokollet justerat',
    location: 'Stadshuset',
    signingTime: new Date('2026-03-02T09:15:00Z'),
  });
  twice = await signPdf(once, pkcs12KeySource(adjuster.p12, adjuster.password), {
    role: 'Justerare',
    reason: 'Protokollet justerat',
    signingTime: new Date('2026-03-03T14:30:00Z'),
  });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(pki.dir, { recursive: true, force: true });
});

describe('two signers in turn', () => {
  it('adds the second signature as an incremental update: the first file is an exact prefix', () => {
    expect(twice.length).toBeGreaterThan(once.length);
    expect(Buffer.from(twice.subarray(0, once.length)).equals(Buffer.from(once))).toBe(true);
  });

  it('pdfsig reports both signatures valid, the last one covering the whole document', () => {
    const sigs = pdfsig(save('twice.pdf', twice));
    expect(sigs).toHaveLength(2);
    expect(sigs.map((s) => s.signerName)).toEqual([CHAIR, ADJUSTER]);
    for (const s of sigs) {
      expect(s.validation).toBe('Signature is Valid.');
      expect(s.subFilter).toBe('ETSI.CAdES.detached');
    }
    expect(sigs[1]!.totalDocumentSigned).toBe(true);
    // The first signature covers its own revision, not the adjuster's appended one.
    expect(sigs[0]!.totalDocumentSigned).toBe(false);
    const first = pdfsig(save('once.pdf', once));
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ validation: 'Signature is Valid.', totalDocumentSigned: true });
  });

  it('the product verifier agrees and reports signer, certificate and dictionary details', () => {
    const report = verifyPdfSignatures(twice);
    expect(report.allValid).toBe(true);
    expect(report.changedAfterLastSignature).toBe(false);
    expect(report.signatures).toHaveLength(2);
    const [first, second] = report.signatures;
    expect(first).toMatchObject({
      index: 1,
      status: 'valid',
      code: 'ok',
      subFilter: 'ETSI.CAdES.detached',
      signerCommonName: CHAIR,
      signerSubject: `CN=${CHAIR}, O=Testkommunen, C=SE`,
      issuer: 'CN=Testkommunens CA, O=Testkommunen, C=SE',
      serialNumber: '03E9',
      name: CHAIR,
      reason: 'Protokollet justerat',
      location: 'Stadshuset',
      signingTime: '2026-03-02T09:15:00.000Z',
      signingTimeSource: 'pdf',
      essSigningCertificate: 'v2',
      coversWholeRevision: true,
      timestamped: false,
    });
    expect(second).toMatchObject({
      index: 2,
      status: 'valid',
      signerCommonName: ADJUSTER,
      serialNumber: '03EA',
      signingTime: '2026-03-03T14:30:00.000Z',
      coversWholeRevision: true,
    });
    expect(second!.coveredEnd).toBe(twice.length);
  });

  it('openssl shows the signing-certificate-v2 attribute in each CMS and verifies it over the signed bytes', () => {
    const sigs = findSignatures(twice);
    expect(sigs).toHaveLength(2);
    for (const [i, sig] of sigs.entries()) {
      const cms = sig.contents.subarray(0, readTlv(sig.contents, 0).end);
      const cmsPath = save(`sig${i + 1}.der`, cms);
      const printed = run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', cmsPath]);
      expect(printed.status, printed.stderr).toBe(0);
      expect(printed.stdout).toMatch(/id-smime-aa-signingCertificateV2|1\.2\.840\.113549\.1\.9\.16\.2\.47/);
      expect(printed.stdout).toMatch(/messageDigest/);
      expect(printed.stdout).toMatch(/sha256/);

      const [, b, c, d] = sig.byteRange as [number, number, number, number];
      const signed = Buffer.concat([twice.subarray(0, b), twice.subarray(c, c + d)]);
      const contentPath = save(`signed${i + 1}.bin`, signed);
      const verified = run('openssl', [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        cmsPath,
        '-content',
        contentPath,
        '-CAfile',
        pki.caPem,
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ]);
      expect(verified.stderr).toMatch(/Verification successful/);
    }
  });

  it('each signer has a visible box on the signature page with name, role, time and reason', () => {
    const r = run('pdftotext', ['-f', '3', '-l', '3', '-layout', save('visible.pdf', twice), '-']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Underskrifter/);
    for (const text of [
      CHAIR,
      ADJUSTER,
      'Ordförande',
      'Justerare',
      'Undertecknat 2026-03-02 10:15 (svensk tid)',
      'Undertecknat 2026-03-03 15:30 (svensk tid)',
      'Skäl: Protokollet justerat',
    ]) {
      expect(r.stdout).toContain(text);
    }
  });

  it('qpdf finds the signed file structurally sound', () => {
    const r = run('qpdf', ['--check', save('twice-check.pdf', twice)]);
    expect(r.stdout).toMatch(/No syntax or stream encoding errors found/);
  });

  it('a byte changed inside the signed ranges makes both pdfsig and the product say invalid', () => {
    const tampered = twice.slice();
    const protocolText = Buffer.from(twice).indexOf('/Producer');
    // Change a byte of the first revision, which both signatures cover.
    const at = protocolText > 0 ? protocolText + 2 : 20;
    tampered[at] = tampered[at]! ^ 0x01;
    const tool = pdfsig(save('tampered.pdf', tampered));
    expect(tool).toHaveLength(2);
    for (const s of tool) expect(s.validation).not.toBe('Signature is Valid.');
    for (const s of tool) expect(s.validation).toMatch(/Digest Mismatch/);

    const report = verifyPdfSignatures(tampered);
    expect(report.allValid).toBe(false);
    expect(report.signatures.map((s) => [s.status, s.code])).toEqual([
      ['invalid', 'digest-mismatch'],
      ['invalid', 'digest-mismatch'],
    ]);
  });

  it('bytes appended after the last signature are reported as a change after signing', () => {
    const appended = Buffer.concat([twice, Buffer.from('\n1 0 obj\n(ändrad)\nendobj\n')]);
    const report = verifyPdfSignatures(appended);
    expect(report.changedAfterLastSignature).toBe(true);
    expect(report.allValid).toBe(false);
    // The signatures themselves still verify: it is the file that was changed afterwards.
    expect(report.signatures.every((s) => s.status === 'valid')).toBe(true);
    const tool = pdfsig(save('appended.pdf', appended));
    expect(tool[1]!.totalDocumentSigned).toBe(false);
  });

  it('a third signer is refused on a tampered file or one changed after signing', async () => {
    const signer = pki.signer('Tredje Signerare', 'tredje');
    const key = pkcs12KeySource(signer.p12, signer.password);
    const tampered = twice.slice();
    tampered[20] = tampered[20]! ^ 0x01;
    await expect(signPdf(tampered, key, { signingTime: new Date('2026-03-04T08:00:00Z') })).rejects.toMatchObject({
      code: 'existing-signature-invalid',
      message: 'earlier signature #1 (digest-mismatch), #2 (digest-mismatch) is not valid',
    });
    const appended = Buffer.concat([twice, Buffer.from('\n% efteråt\n')]);
    await expect(signPdf(appended, key, { signingTime: new Date('2026-03-04T08:00:00Z') })).rejects.toMatchObject({
      code: 'existing-signature-invalid',
    });
  });
});

describe('inputs', () => {
  it('a wrong PKCS#12 password is a clear error', () => {
    const signer = pki.signer('Fel Lösen', 'rätt');
    let error: unknown;
    try {
      pkcs12KeySource(signer.p12, 'fel');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KeySourceError);
    expect(error).toMatchObject({ code: 'wrong-password', message: 'wrong password for PKCS#12 file' });
  });

  it('a file that is not PKCS#12 is a clear error', () => {
    expect(() => pkcs12KeySource(new TextEncoder().encode('inte en nyckel'), 'x')).toThrow(/not a PKCS#12/);
  });

  it('a timestamp from a TSA (B-T) goes into the CMS through the hook and stays valid', async () => {
    const tsa = pki.timestampAuthority();
    const signer = pki.signer('Tidsstämplad Signerare', 'tid');
    const exchanged: { value: Uint8Array; token: Uint8Array }[] = [];
    const signed = await signPdf(unsigned, pkcs12KeySource(signer.p12, signer.password), {
      signingTime: new Date('2026-05-01T10:00:00Z'),
      timestamp: async (value) => {
        const token = tsa.stamp(value);
        exchanged.push({ value, token });
        return token;
      },
    });
    expect(exchanged).toHaveLength(1);
    expect(verifyPdfSignatures(signed)).toMatchObject({ allValid: true, signatures: [{ status: 'valid', timestamped: true }] });
    expect(pdfsig(save('timestamped.pdf', signed))[0]).toMatchObject({ validation: 'Signature is Valid.', totalDocumentSigned: true });

    const [sig] = findSignatures(signed);
    const cms = sig!.contents.subarray(0, readTlv(sig!.contents, 0).end);
    expect(Buffer.from(cms).includes(Buffer.from(exchanged[0]!.token))).toBe(true);
    const printed = run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', save('timestamped.der', cms)]);
    expect(printed.stdout).toMatch(/id-smime-aa-timeStampToken|1\.2\.840\.113549\.1\.9\.16\.2\.14/);
    // The embedded token's imprint is over the signature value, as PAdES B-T requires.
    const verified = run('openssl', [
      'ts',
      '-verify',
      '-data',
      save('sigvalue.bin', exchanged[0]!.value),
      '-in',
      save('token.tst', exchanged[0]!.token),
      '-token_in',
      '-CAfile',
      pki.caPem,
      '-untrusted',
      tsa.certPem,
    ]);
    expect(verified.stdout).toMatch(/Verification: OK/);
  });

  it('invisible signatures: no signature page; a later visible one is refused clearly, a later invisible one is appended', async () => {
    const signer = pki.signer('Osynlig Signerare', 'osynlig');
    const key = pkcs12KeySource(signer.p12, signer.password);
    const first = await signPdf(unsigned, key, { signingTime: new Date('2026-06-01T10:00:00Z'), visible: false });
    await expect(signPdf(first, key, { signingTime: new Date('2026-06-02T10:00:00Z') })).rejects.toMatchObject({
      code: 'no-signature-page',
    });
    const second = await signPdf(first, key, { signingTime: new Date('2026-06-02T10:00:00Z'), visible: false });
    expect(Buffer.from(second.subarray(0, first.length)).equals(Buffer.from(first))).toBe(true);
    expect(pdfsig(save('invisible.pdf', second)).map((s) => s.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    expect(run('pdftotext', [save('invisible-text.pdf', second), '-']).stdout).not.toContain('Underskrifter');
  });

  it('a PDF saved with object streams is normalised first and then signs validly', async () => {
    const compressed = await protocolPdf(true);
    expect(Buffer.from(compressed).includes('/ObjStm')).toBe(true);
    const signer = pki.signer('Cecilia Ek', 'cecilia');
    const signed = await signPdf(compressed, pkcs12KeySource(signer.p12, signer.password), {
      signingTime: new Date('2026-04-01T08:00:00Z'),
    });
    const tool = pdfsig(save('objstm-signed.pdf', signed));
    expect(tool).toEqual([
      expect.objectContaining({ validation: 'Signature is Valid.', totalDocumentSigned: true, signerName: 'Cecilia Ek' }),
    ]);
    expect(verifyPdfSignatures(signed).allValid).toBe(true);
  });
});
