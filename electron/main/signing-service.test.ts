import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import type { BridgeHandlers } from './bridge';
import { dispatch } from './bridge';
import { isSignOutRequest, keyFileName, SigningService, type SigningServiceDeps } from './signing-service';
import { verifyPdfSignatures } from '../../shared/src/pdf-signature/verify-pdf';
import { liberationSans } from '../../tests/fonts';
import { protocolPdf } from '../../tests/integration/signing/test-pdfs';
import { createTestPki } from '../../tests/integration/signing/test-pki';
import { pdfsig } from '../../tests/integration/signing/tools';

const pki = createTestPki();
const anna = pki.signer('Anna Lind', 'hemligt');
const APP_PAGE = 'app://diarium/index.html';
const trusted = (url: string | null) => url === APP_PAGE;

/** The service as main builds it, with the OS dialog answered by `picks` in turn. */
function service(picks: (string | null)[], extra: Partial<SigningServiceDeps> = {}) {
  return new SigningService({
    pickKeyFile: async () => picks.shift() ?? null,
    readFile: async (p) => new Uint8Array(await readFile(p)),
    signingFonts: async () => liberationSans,
    now: Date.now,
    ...extra,
  });
}

/** Every other bridge method refuses: only the signing ones are under test. */
function bridgeOf(s: SigningService): BridgeHandlers {
  const none = async () => {
    throw new Error('not part of this test');
  };
  return { getSecret: none, setSecret: none, showNotification: none, saveRescuedChanges: none, ...s.handlers };
}

describe('SigningService (the bridge handlers of the main process)', () => {
  test('a cancelled dialog changes nothing; a chosen file is named to the page without its folders', async () => {
    const s = service([null, anna.p12Path]);
    expect(await s.handlers.chooseSigningKey()).toBeNull();
    expect(await s.handlers.signingKeyStatus()).toEqual({ state: 'none' });
    const name = await s.handlers.chooseSigningKey();
    expect(name).toMatch(/^signer\d+\.p12$/);
    expect(await s.handlers.signingKeyStatus()).toEqual({ state: 'locked', fileName: name });
  });

  test('unlock: a wrong password is a code; the right one gives the certificate, never the key', async () => {
    const s = service([anna.p12Path]);
    await s.handlers.chooseSigningKey();
    expect(await s.handlers.unlockSigningKey('fel')).toMatchObject({ ok: false, code: 'wrong-password' });
    const unlocked = await s.handlers.unlockSigningKey('hemligt');
    expect(unlocked).toMatchObject({
      ok: true,
      certificate: { commonName: 'Anna Lind', issuer: expect.stringContaining('Testkommunens CA') },
    });
    const status = await s.handlers.signingKeyStatus();
    expect(status).toMatchObject({ state: 'unlocked', certificate: { commonName: 'Anna Lind' } });
    expect(JSON.stringify([unlocked, status])).not.toMatch(/PRIVATE|hemligt|BEGIN/);
    s.forget();
  });

  test('signs through the bridge: validated arguments in, a PDF that the product and pdfsig call valid out', async () => {
    const s = service([anna.p12Path]);
    const bridge = bridgeOf(s);
    await dispatch('chooseSigningKey', APP_PAGE, [], bridge, trusted);
    await dispatch('unlockSigningKey', APP_PAGE, ['hemligt'], bridge, trusted);
    const pdf = await protocolPdf(false);
    await expect(dispatch('signPdf', APP_PAGE, [pdf, { keyPath: '/tmp/other.p12' }], bridge, trusted)).rejects.toThrow(/unknown field/);
    await expect(dispatch('signPdf', 'https://evil.example/', [pdf, {}], bridge, trusted)).rejects.toThrow(/untrusted/);
    const result = await dispatch('signPdf', APP_PAGE, [pdf, { role: 'Ordförande', reason: 'Justerat' }], bridge, trusted);
    if (!result.ok) throw new Error(result.message);
    expect(verifyPdfSignatures(result.pdf).signatures).toMatchObject([
      { status: 'valid', signerCommonName: 'Anna Lind', reason: 'Justerat' },
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'diarium-signing-service-')), 'signed.pdf');
    writeFileSync(file, result.pdf);
    expect(pdfsig(file)).toMatchObject([{ signerName: 'Anna Lind', validation: 'Signature is Valid.', totalDocumentSigned: true }]);
    s.forget();
  });

  test('an idle key is dropped by the timer, not only when next asked (the clock here never moves)', async () => {
    // Frozen at the start, inside the test certificate's validity (issued just now).
    const frozen = Date.now();
    const s = service([anna.p12Path], { now: () => frozen, idleMs: 50 });
    await s.handlers.chooseSigningKey();
    expect(await s.handlers.unlockSigningKey('hemligt')).toMatchObject({ ok: true });
    await vi.waitFor(async () => expect((await s.handlers.signingKeyStatus()).state).toBe('locked'), { timeout: 5000, interval: 20 });
    expect(await s.handlers.signPdf(await protocolPdf(false), {})).toMatchObject({ ok: false, code: 'no-key' });
    // The file stays chosen: the password unlocks it again.
    expect(await s.handlers.unlockSigningKey('hemligt')).toMatchObject({ ok: true });
    s.forget();
  });

  test('sign-out and quit forget the key and the file', async () => {
    const s = service([anna.p12Path]);
    await s.handlers.chooseSigningKey();
    await s.handlers.unlockSigningKey('hemligt');
    s.forget();
    expect(await s.handlers.signingKeyStatus()).toEqual({ state: 'none' });
    expect(await s.handlers.signPdf(await protocolPdf(false), {})).toMatchObject({ ok: false, code: 'no-key' });
    expect(await s.handlers.unlockSigningKey('hemligt')).toMatchObject({ ok: false, code: 'no-key' });
  });
});

describe('isSignOutRequest', () => {
  const server = 'http://127.0.0.1:8787';
  test.each([
    ["the logout of the app's server", { url: 'http://127.0.0.1:8787/api/logout', method: 'POST' }, true],
    ['a GET of the same path', { url: 'http://127.0.0.1:8787/api/logout', method: 'GET' }, false],
    ["another server's logout", { url: 'http://evil.example:8787/api/logout', method: 'POST' }, false],
    ['another port', { url: 'http://127.0.0.1:9999/api/logout', method: 'POST' }, false],
    ['another path', { url: 'http://127.0.0.1:8787/api/logout/x', method: 'POST' }, false],
    ['not a URL', { url: 'logout', method: 'POST' }, false],
  ])('%s → %s', (_why, request, expected) => {
    expect(isSignOutRequest(request, server)).toBe(expected);
  });
});

describe('keyFileName', () => {
  test('drops Windows and POSIX folders', () => {
    expect(keyFileName('C:\\Users\\anna\\e-legitimation.pfx')).toBe('e-legitimation.pfx');
    expect(keyFileName('/home/anna/anna.p12')).toBe('anna.p12');
  });
});
