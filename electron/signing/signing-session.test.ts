import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { minutesModel, renderMinutes } from '../../shared/src/meetings-pdf';
import { verifyPdfSignatures } from '../../shared/src/pdf-signature/verify-pdf';
import { sampleMeetingPdfSource } from '../../shared/src/testing/meeting-pdf-sample';
import { liberationSans } from '../../tests/fonts';
import { protocolPdf } from '../../tests/integration/signing/test-pdfs';
import { createTestPki } from '../../tests/integration/signing/test-pki';
import { pdffonts } from '../../tests/integration/signing/tools';
import { SigningSession } from './signing-session';

describe('SigningSession (the desktop key in the main process)', () => {
  const pki = createTestPki();
  const anna = pki.signer('Anna Lind', 'hemligt');
  // The test certificates are issued now, valid for 30 days.
  let clock = Date.now();
  const session = () =>
    new SigningSession({
      readFile: async (p) => new Uint8Array(await readFile(p)),
      signingFonts: async () => liberationSans,
      now: () => clock,
      idleMs: 60_000,
    });

  test('no key, then locked, then unlocked with the certificate only', async () => {
    const s = session();
    expect(s.status()).toEqual({ state: 'none' });
    expect(await s.unlock('hemligt')).toMatchObject({ ok: false, code: 'no-key' });
    s.choose(anna.p12Path, 'anna.p12');
    expect(s.status()).toEqual({ state: 'locked', fileName: 'anna.p12' });
    const unlocked = await s.unlock('hemligt');
    expect(unlocked).toMatchObject({
      ok: true,
      certificate: { commonName: 'Anna Lind', issuer: expect.stringContaining('Testkommunens CA') },
    });
    expect(s.status()).toMatchObject({ state: 'unlocked', fileName: 'anna.p12', certificate: { commonName: 'Anna Lind' } });
    expect(JSON.stringify(s.status())).not.toMatch(/PRIVATE|hemligt/);
  });

  test('wrong password and unreadable files give codes, not exceptions', async () => {
    const s = session();
    s.choose(anna.p12Path, 'anna.p12');
    expect(await s.unlock('fel')).toMatchObject({ ok: false, code: 'wrong-password' });
    s.choose('/nonexistent/x.p12', 'x.p12');
    expect(await s.unlock('x')).toMatchObject({ ok: false, code: 'unreadable' });
    s.choose(anna.certPem, 'anna.pem');
    expect(await s.unlock('hemligt')).toMatchObject({ ok: false, code: 'unreadable' });
  });

  test('signs a PDF that verifies; a second signature keeps the first valid', async () => {
    const s = session();
    s.choose(anna.p12Path, 'anna.p12');
    await s.unlock('hemligt');
    const first = await s.sign(await protocolPdf(false), { role: 'Ordförande', reason: 'Justerat' });
    if (!first.ok) throw new Error(first.message);
    const second = await s.sign(first.pdf, { role: 'Justerare' });
    if (!second.ok) throw new Error(second.message);
    const report = verifyPdfSignatures(second.pdf);
    expect(report.signatures.map((x) => [x.status, x.signerCommonName])).toEqual([
      ['valid', 'Anna Lind'],
      ['valid', 'Anna Lind'],
    ]);
    expect(await s.sign(new TextEncoder().encode('not a pdf'), {})).toMatchObject({ ok: false });
  });

  test('signs PDF/A minutes with the fonts embedded: pdffonts lists no font that is not', async () => {
    const s = session();
    s.choose(anna.p12Path, 'anna.p12');
    await s.unlock('hemligt');
    const minutes = await renderMinutes(minutesModel(sampleMeetingPdfSource()), liberationSans);
    const signed = await s.sign(minutes, { role: 'Ordförande', reason: 'Protokollet justerat' });
    if (!signed.ok) throw new Error(signed.message);
    const file = join(mkdtempSync(join(tmpdir(), 'diarium-session-')), 'minutes.pdf');
    writeFileSync(file, signed.pdf);
    const rows = pdffonts(file);
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows) expect(row.embedded, row.line).toBe(true);
  });

  test('fonts that cannot be loaded fail the signature with a code, not an exception', async () => {
    const s = new SigningSession({
      readFile: async (p) => new Uint8Array(await readFile(p)),
      signingFonts: async () => {
        throw new Error('ENOENT: LiberationSans-Regular.ttf');
      },
      now: () => clock,
      idleMs: 60_000,
    });
    s.choose(anna.p12Path, 'anna.p12');
    await s.unlock('hemligt');
    expect(await s.sign(await protocolPdf(false), {})).toMatchObject({
      ok: false,
      code: 'failed',
      message: expect.stringContaining('ENOENT'),
    });
  });

  test('an idle key is forgotten, and so is a forgotten one', async () => {
    const s = session();
    s.choose(anna.p12Path, 'anna.p12');
    await s.unlock('hemligt');
    clock += 61_000;
    expect(s.status()).toEqual({ state: 'locked', fileName: 'anna.p12' });
    expect(await s.sign(await protocolPdf(false), {})).toMatchObject({ ok: false, code: 'no-key' });
    await s.unlock('hemligt');
    s.forget();
    expect(s.status()).toEqual({ state: 'none' });
  });

  test('a certificate not valid now is refused when unlocked and when used, with its own code', async () => {
    const at = (ms: number) =>
      new SigningSession({
        readFile: async (p) => new Uint8Array(await readFile(p)),
        signingFonts: async () => liberationSans,
        now: () => ms,
        idleMs: 365 * 24 * 3600_000,
      });
    const day = 24 * 3600_000;
    const expired = at(Date.now() + 31 * day);
    expired.choose(anna.p12Path, 'anna.p12');
    expect(await expired.unlock('hemligt')).toMatchObject({ ok: false, code: 'certificate-expired' });
    expect(expired.status()).toEqual({ state: 'locked', fileName: 'anna.p12' });
    const early = at(Date.now() - day);
    early.choose(anna.p12Path, 'anna.p12');
    expect(await early.unlock('hemligt')).toMatchObject({ ok: false, code: 'certificate-not-yet-valid' });
    // Unlocked while valid, used after it expired.
    let now = Date.now();
    const open = new SigningSession({
      readFile: async (p) => new Uint8Array(await readFile(p)),
      signingFonts: async () => liberationSans,
      now: () => now,
      idleMs: 365 * 24 * 3600_000,
    });
    open.choose(anna.p12Path, 'anna.p12');
    expect(await open.unlock('hemligt')).toMatchObject({ ok: true });
    now += 31 * day;
    expect(await open.sign(await protocolPdf(false), {})).toMatchObject({ ok: false, code: 'certificate-expired' });
  });
});
