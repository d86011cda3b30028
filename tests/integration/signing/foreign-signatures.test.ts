// The product's verifier against CMS signatures it did not make: openssl's `cms -sign`, as
// other signing software would produce them (extra attributes, CMS signingTime, ESS or not).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPdfSignatures } from '../../../shared/src/pdf-signature/verify-pdf';
import { addSignaturePlaceholder, prepareUnsignedPdf } from '../../../shared/src/signing';
import { createTestPki, type TestSigner } from './test-pki';
import { protocolPdf } from './test-pdfs';
import { openssl, pdfsig } from './tools';

let dir: string;
let signer: TestSigner;
let pkiDir: string;

/** Signs with `openssl cms -sign` (detached, SHA-256); `-cades` adds ESS signing-certificate-v2. */
class OpensslSigner extends Signer {
  constructor(private readonly cades: boolean) {
    super();
  }
  override async sign(data: Buffer): Promise<Buffer> {
    const input = join(dir, 'signed-bytes.bin');
    const output = join(dir, 'openssl.p7s');
    writeFileSync(input, data);
    openssl([
      'cms',
      '-sign',
      '-binary',
      '-md',
      'sha256',
      '-in',
      input,
      '-signer',
      signer.certPem,
      '-inkey',
      signer.keyPem,
      '-outform',
      'DER',
      '-out',
      output,
      ...(this.cades ? ['-cades'] : []),
    ]);
    return readFileSync(output);
  }
}

async function signWithOpenssl(subFilter: string, cades: boolean): Promise<Uint8Array> {
  const base = await prepareUnsignedPdf(await protocolPdf(false), false);
  const prepared = await addSignaturePlaceholder(base, {
    subFilter,
    signingTime: new Date('2026-02-01T12:00:00Z'),
    name: 'Extern',
    signatureLength: 8192,
  });
  return new Uint8Array(await new SignPdf().sign(Buffer.from(prepared), new OpensslSigner(cades)));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'diarium-foreign-'));
  const pki = createTestPki();
  pkiDir = pki.dir;
  signer = pki.signer('Extern Signerare', 'extern');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(pkiDir, { recursive: true, force: true });
});

describe('verifying signatures made by openssl', () => {
  it('adbe.pkcs7.detached without ESS: valid, signing time from the CMS attribute', async () => {
    const pdf = await signWithOpenssl('adbe.pkcs7.detached', false);
    const file = join(dir, 'pkcs7.pdf');
    writeFileSync(file, pdf);
    expect(pdfsig(file)[0]?.validation).toBe('Signature is Valid.');
    const report = verifyPdfSignatures(pdf);
    expect(report.allValid).toBe(true);
    expect(report.signatures[0]).toMatchObject({
      status: 'valid',
      code: 'ok',
      essSigningCertificate: 'absent',
      signingTimeSource: 'cms',
      signerCommonName: 'Extern Signerare',
    });
  });

  it('ETSI.CAdES.detached with openssl -cades: valid with ESS v2', async () => {
    const report = verifyPdfSignatures(await signWithOpenssl('ETSI.CAdES.detached', true));
    expect(report.signatures[0]).toMatchObject({ status: 'valid', code: 'ok', essSigningCertificate: 'v2' });
  });

  it('ETSI.CAdES.detached without the ESS attribute is not accepted as PAdES', async () => {
    const report = verifyPdfSignatures(await signWithOpenssl('ETSI.CAdES.detached', false));
    expect(report.signatures[0]).toMatchObject({ status: 'invalid', code: 'signing-certificate-missing' });
    expect(report.allValid).toBe(false);
  });
});
