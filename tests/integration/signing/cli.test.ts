import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, type TestPki, type TestSigner } from './test-pki';
import { protocolPdf } from './test-pdfs';
import forge from 'node-forge';
import { pdffonts, pdfsig, run } from './tools';
import { liberationSans } from '../../fonts';
import { minutesModel, renderMinutes } from '../../../shared/src/meetings-pdf';
import { sampleMeetingPdfSource } from '../../../shared/src/testing/meeting-pdf-sample';
import { signPdf } from '../../../shared/src/signing';
import { certificate, DAY, keySource, type Made } from './forge-pki';

const ROOT = resolve(import.meta.dirname, '../../..');
let pki: TestPki;
let dir: string;
let input: string;
let chair: TestSigner;
let adjuster: TestSigner;

/** Runs a script as `npm run` does (tsx), without npm's own output. */
function cli(script: 'sign' | 'verify-pdf', args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', `${script}.ts`), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  pki = createTestPki();
  dir = mkdtempSync(join(tmpdir(), 'diarium-sign-cli-'));
  chair = pki.signer('Åsa Öberg', 'ordförande');
  adjuster = pki.signer('Bengt Lind', 'justerare');
  input = join(dir, 'protokoll.pdf');
  writeFileSync(input, await protocolPdf(false));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(pki.dir, { recursive: true, force: true });
});

describe('npm run sign / verify-pdf', () => {
  it('signs PDF/A minutes keeping them PDF/A: every font embedded, the signer on the signature page', async () => {
    const minutes = join(dir, 'minutes.pdf');
    writeFileSync(minutes, await renderMinutes(minutesModel(sampleMeetingPdfSource()), liberationSans));
    const signed = join(dir, 'minutes-signed.pdf');
    const r = cli('sign', [minutes, chair.p12Path, chair.password, signed, '--role', 'Ordförande']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const rows = pdffonts(signed);
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows) expect(row.embedded, row.line).toBe(true);
    expect(run('pdftotext', [signed, '-']).stdout).toContain('Åsa Öberg');
  });

  it('signs twice (the second time incrementally) and verifies with exit 0', () => {
    const once = join(dir, 'once.pdf');
    const twice = join(dir, 'twice.pdf');
    const first = cli('sign', [
      input,
      chair.p12Path,
      chair.password,
      once,
      '--name',
      'Åsa Öberg',
      '--role',
      'Ordförande',
      '--reason',
      'Justering',
    ]);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/signature #1 by Åsa Öberg \(ETSI\.CAdES\.detached\)/);
    const second = cli('sign', [once, adjuster.p12Path, adjuster.password, twice, '--role', 'Justerare']);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/signature #2 by Bengt Lind/);
    const onceBytes = readFileSync(once);
    expect(readFileSync(twice).subarray(0, onceBytes.length).equals(onceBytes)).toBe(true);

    const verified = cli('verify-pdf', [twice]);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toMatch(/Signature #1: VALID \(ok\)/);
    expect(verified.stdout).toMatch(/Signature #2: VALID \(ok\)/);
    expect(verified.stdout).toMatch(/signer: +CN=Bengt Lind, O=Testkommunen, C=SE/);
    expect(verified.stdout).toMatch(/^VALID: 2 signature\(s\), unchanged after the last signature\.$/m);
    expect(pdfsig(twice).map((s) => s.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);

    const json = cli('verify-pdf', [twice, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      allValid: true,
      signatures: [{ signerCommonName: 'Åsa Öberg' }, { signerCommonName: 'Bengt Lind' }],
    });
  });

  it('verify-pdf exits 1 for a tampered file, a file changed after signing and an unsigned file', () => {
    const signed = join(dir, 'to-tamper.pdf');
    expect(cli('sign', [input, chair.p12Path, chair.password, signed]).status).toBe(0);
    const bytes = readFileSync(signed);

    const tampered = Buffer.from(bytes);
    tampered[20] = tampered[20]! ^ 0x01;
    writeFileSync(join(dir, 'tampered.pdf'), tampered);
    const t = cli('verify-pdf', [join(dir, 'tampered.pdf')]);
    expect(t.status).toBe(1);
    expect(t.stdout).toMatch(/Signature #1: INVALID \(digest-mismatch\)/);

    writeFileSync(join(dir, 'appended.pdf'), Buffer.concat([bytes, Buffer.from('\n% tillägg\n')]));
    const a = cli('verify-pdf', [join(dir, 'appended.pdf')]);
    expect(a.status).toBe(1);
    expect(a.stdout).toMatch(/NOT VALID: 1 signature\(s\), CHANGED after the last signature/);

    const u = cli('verify-pdf', [input]);
    expect(u.status).toBe(1);
    expect(u.stdout).toMatch(/No signatures found\./);
  });

  it('a wrong password, a missing key file and bad usage fail clearly and leave no output file', () => {
    const out = join(dir, 'never.pdf');
    const wrong = cli('sign', [input, chair.p12Path, 'fel-lösen', out]);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toBe('sign: wrong password for PKCS#12 file signer1.p12\n');

    const missing = cli('sign', [input, join(dir, 'saknas.p12'), 'x', out]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^sign: cannot read .*saknas\.p12: ENOENT$/m);

    const usage = cli('sign', [input, chair.p12Path]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/expected 4 arguments, got 2\nusage: npm run sign/);

    const notPdf = join(dir, 'inte.pdf');
    writeFileSync(notPdf, 'det här är ingen pdf');
    const bad = cli('sign', [notPdf, chair.p12Path, chair.password, out]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^sign: not a readable PDF/);

    expect(existsSync(out)).toBe(false);
    // No temp file left behind either.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('verify-pdf: bad usage and a missing file exit 2', () => {
    expect(cli('verify-pdf', []).status).toBe(2);
    const missing = cli('verify-pdf', [join(dir, 'saknas.pdf')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*saknas\.pdf: ENOENT/);
  });

  it('verify-pdf --trust: trusted with the chain, untrusted with another CA, and an expired certificate reported as such (exit 1)', async () => {
    const signed = join(dir, 'trust.pdf');
    expect(cli('sign', [input, chair.p12Path, chair.password, signed]).status).toBe(0);
    const trusted = cli('verify-pdf', [signed, '--trust', pki.caPem]);
    expect(trusted.stdout).toContain(
      '  certificate: TRUSTED; chain: CN=Åsa Öberg, O=Testkommunen, C=SE → CN=Testkommunens CA, O=Testkommunen, C=SE',
    );
    expect(trusted.status).toBe(0);

    const other = createTestPki();
    try {
      const untrusted = cli('verify-pdf', [signed, '--trust', other.caPem]);
      expect(untrusted.stdout).toContain('  certificate: UNTRUSTED; chain: CN=Åsa Öberg, O=Testkommunen, C=SE');
      expect(untrusted.stdout).toMatch(
        /^NOT TRUSTED: 1 of 1 signature\(s\) by a certificate that was not trusted or not valid when it signed\.$/m,
      );
      expect(untrusted.status).toBe(1);
    } finally {
      rmSync(other.dir, { recursive: true, force: true });
    }

    // A certificate of the same CA that expired yesterday, signing today.
    const ca: Made = {
      cert: forge.pki.certificateFromPem(readFileSync(pki.caPem, 'utf8')),
      key: forge.pki.privateKeyFromPem(readFileSync(join(pki.dir, 'ca.key'), 'utf8')) as forge.pki.rsa.PrivateKey,
    };
    const expiredCert = certificate('Utgången Användare', { issuer: ca, from: Date.now() - 10 * DAY, to: Date.now() - DAY });
    const expiredPdf = join(dir, 'expired.pdf');
    writeFileSync(
      expiredPdf,
      await signPdf(new Uint8Array(readFileSync(input)), keySource(expiredCert, [ca]), { signingTime: new Date() }),
    );
    for (const args of [[expiredPdf], [expiredPdf, '--trust', pki.caPem]]) {
      const expired = cli('verify-pdf', args);
      expect(expired.stdout).toMatch(/Signature #1: VALID \(ok\)/);
      expect(expired.stdout).toContain('  certificate: EXPIRED; chain: CN=Utgången Användare, O=Testkommunen, C=SE');
      expect(expired.stdout).toMatch(/^NOT TRUSTED: 1 of 1 signature\(s\)/m);
      expect(expired.status).toBe(1);
    }
    // pdfsig agrees that the signature itself is intact; the certificate's dates are what fail.
    expect(pdfsig(expiredPdf).map((s) => s.validation)).toEqual(['Signature is Valid.']);
  });
});
