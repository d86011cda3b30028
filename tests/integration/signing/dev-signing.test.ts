/**
 * The development test key (web mode): off unless the server was started with it; when on, a
 * signed-in user gets a PAdES signature under their own name from a test issuer, which pdfsig
 * accepts as a valid signature and an approval flow accepts for that user's signature step.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type Document, type FileRecord, type PushResponse } from '../../../shared/src';
import { Flow } from '../../../shared/src/model/flow';
import { DEV_SIGNING_API, DEV_TEST_KEY_ISSUER_CN, isDevTestIssuer, type DevSigningStatus } from '../../../shared/src/protocol/dev-signing';
import { verifyPdfSignatures } from '../../../shared/src/pdf-signature/verify-pdf';
import { buildFlow } from '../../../renderer/src/lib/flows';
import { findSigningService } from '../../../renderer/src/lib/signing/signing-service';
import { newCase, newIncoming, openProcess, tinyPdf } from '../fixtures';
import { RawClient, startTestServer, type TestServer } from '../harness';
import { protocolPdf } from './test-pdfs';
import { pdfsig } from './tools';

let on: TestServer;
let off: TestServer;
beforeAll(async () => {
  [on, off] = await Promise.all([startTestServer({ devTestKey: true }), startTestServer()]);
});
afterAll(async () => {
  await Promise.all([on?.stop(), off?.stop()]);
});

const sign = (server: TestServer, token: string | null, body: Uint8Array, query = '') =>
  fetch(`${server.url}${DEV_SIGNING_API.sign}${query}`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: new Uint8Array(body),
  });

describe('development test key', () => {
  it('is off unless the server was started with it: every path is 404, signed in or not', async () => {
    const { token } = await RawClient.token(off.url, 'handlaggare');
    expect((await fetch(`${off.url}${DEV_SIGNING_API.status}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
    expect((await sign(off, token, await protocolPdf(false))).status).toBe(404);
    expect((await sign(off, null, await protocolPdf(false))).status).toBe(404);
    // The renderer then finds no signing service, and says signing needs the desktop app.
    expect(await findSigningService(null, off.url, token, fetch)).toBeNull();
  });

  it('tells a signed-in client it is on, and with which issuer', async () => {
    const { token } = await RawClient.token(on.url, 'handlaggare');
    const status = (await (
      await fetch(`${on.url}${DEV_SIGNING_API.status}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as DevSigningStatus;
    expect(status).toEqual({ available: true, issuer: DEV_TEST_KEY_ISSUER_CN });
  });

  it('needs a signed-in user', async () => {
    expect((await sign(on, null, await protocolPdf(false))).status).toBe(401);
    expect((await sign(on, 'forged-token', await protocolPdf(false))).status).toBe(401);
    expect((await fetch(`${on.url}${DEV_SIGNING_API.status}`)).status).toBe(401);
  });

  it("signs under the user's own name from the test issuer; pdfsig says valid", async () => {
    const { token, user } = await RawClient.token(on.url, 'handlaggare');
    const res = await sign(on, token, await protocolPdf(false), `?${new URLSearchParams({ role: 'Handläggare', reason: 'Godkänt' })}`);
    expect(res.status).toBe(200);
    const signed = new Uint8Array(await res.arrayBuffer());
    const [mine] = verifyPdfSignatures(signed).signatures;
    expect(mine).toMatchObject({ status: 'valid', signerCommonName: user.displayName });
    expect(isDevTestIssuer(mine!.issuer ?? '')).toBe(true);
    const file = join(mkdtempSync(join(tmpdir(), 'diarium-devsign-')), 'signed.pdf');
    writeFileSync(file, signed);
    expect(pdfsig(file)).toMatchObject([{ signerName: user.displayName, validation: 'Signature is Valid.', totalDocumentSigned: true }]);
  });

  it("signs through the renderer's signing service, two users in turn, both valid for pdfsig", async () => {
    const officer = await RawClient.token(on.url, 'handlaggare');
    const quality = await RawClient.token(on.url, 'kvalitet');
    const first = await findSigningService(null, on.url, officer.token, fetch);
    const second = await findSigningService(null, on.url, quality.token, fetch);
    if (first?.kind !== 'test-key' || second?.kind !== 'test-key')
      throw new Error('expected the test-key service from a server started with it');
    expect(first.issuer).toBe(DEV_TEST_KEY_ISSUER_CN);
    const once = await first.sign(await protocolPdf(false), { role: 'Handläggare', reason: 'Godkänt' });
    if (!once.ok) throw new Error(once.message);
    const twice = await second.sign(once.pdf, { role: 'Beslutsfattare' });
    if (!twice.ok) throw new Error(twice.message);
    expect(Buffer.from(twice.pdf.subarray(0, once.pdf.length)).equals(Buffer.from(once.pdf))).toBe(true);
    expect(verifyPdfSignatures(twice.pdf).signatures.map((x) => [x.status, x.signerCommonName])).toEqual([
      ['valid', officer.user.displayName],
      ['valid', quality.user.displayName],
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'diarium-devsign-')), 'two.pdf');
    writeFileSync(file, twice.pdf);
    expect(pdfsig(file).map((x) => [x.signerName, x.validation])).toEqual([
      [officer.user.displayName, 'Signature is Valid.'],
      [quality.user.displayName, 'Signature is Valid.'],
    ]);
    expect(await first.sign(new TextEncoder().encode('inte en pdf'), {})).toMatchObject({ ok: false, code: 'unreadable-pdf' });
  });

  it('refuses what is not a PDF with a code, writing nothing', async () => {
    const { token } = await RawClient.token(on.url, 'handlaggare');
    const res = await sign(on, token, new TextEncoder().encode('inte en pdf'));
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ error: 'unreadable-pdf' });
  });

  it("completes the signer's approval-flow step", async () => {
    const registrar = await RawClient.as(on.url, 'registrator');
    const officerLogin = await RawClient.token(on.url, 'handlaggare');
    const officer = await RawClient.connect(on.url, officerLogin.token);
    const push = (c: RawClient, collection: string, state: object, assumed: object | null = null) =>
      c.send<PushResponse>({
        t: 'push',
        collection,
        rows: [{ assumedMasterState: assumed, newDocumentState: { ...state, _deleted: false } }],
      });
    const pull = async <T>(collection: string) =>
      (await registrar.send<{ documents: T[] }>({ t: 'pull', collection, checkpoint: null, limit: 5000 })).documents;
    const p = await openProcess({ find: async <T>(c: 'classes' | 'doctypes') => (await pull(c)) as T[] });
    const me = (await RawClient.token(on.url, 'registrator')).user;
    const kase = newCase(me.id, p, 'Avtal om snöröjning');
    expect((await push(registrar, 'cases', kase)).rejected).toEqual([]);
    const doc: Document = newIncoming(me.id, p, kase.id, 'Avtal');
    expect((await push(registrar, 'documents', doc)).rejected).toEqual([]);
    const upload = async (token: string, bytes: Uint8Array, fileKey?: string) => {
      const res = await fetch(
        `${on.url}${API.files}?${new URLSearchParams({ documentId: doc.id, name: 'avtal.pdf', ...(fileKey ? { fileKey } : {}) })}`,
        { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: new Uint8Array(bytes) },
      );
      expect(res.status).toBe(201);
      return (await res.json()) as FileRecord;
    };
    const original = await protocolPdf(false);
    const first = await upload(registrar.token, original);
    const flow = buildFlow(
      {
        registerId: 'reg-ks',
        targetCollection: 'documents',
        targetId: doc.id,
        caseId: kase.id,
        mode: 'ordered',
        steps: [{ approverId: officerLogin.user.id, role: 'approver', dueDate: '2026-12-01', requiresSignature: true }],
      },
      me.id,
      { nowMs: Date.now(), id: randomUUID(), newStepId: randomUUID },
    );
    expect((await push(registrar, 'flows', flow)).rejected).toEqual([]);
    const signed = new Uint8Array(await (await sign(on, officerLogin.token, original)).arrayBuffer());
    // Lying approvers: other content signed by themselves, or the right content signed by someone else.
    const forged = async (token: string, bytes: Uint8Array) =>
      (
        await fetch(`${on.url}${API.files}?${new URLSearchParams({ documentId: doc.id, name: 'avtal.pdf', fileKey: first.fileKey })}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: new Uint8Array(bytes),
        })
      ).status;
    const otherContent = new Uint8Array(await (await sign(on, officerLogin.token, tinyPdf('Ett helt annat avtal'))).arrayBuffer());
    expect(await forged(officerLogin.token, otherContent)).toBe(403);
    const byRegistrar = new Uint8Array(await (await sign(on, registrar.token, original)).arrayBuffer());
    expect(await forged(officerLogin.token, byRegistrar)).toBe(403);
    expect(await forged(officerLogin.token, original)).toBe(403);
    const reader = await RawClient.token(on.url, 'lasare');
    expect(await forged(reader.token, signed)).toBe(403);
    expect((await on.storage.listWhere('files', 'documentId', doc.id)).length).toBe(1);
    const version = await upload(officerLogin.token, signed, first.fileKey);
    const current = Flow.parse((await on.storage.getRecord('flows', flow.id))!.data);
    const decided = { ...current, steps: current.steps.map((s) => ({ ...s, status: 'approved' as const, signatureFileId: version.id })) };
    expect((await push(officer, 'flows', decided, current)).rejected).toEqual([]);
    expect(Flow.parse((await on.storage.getRecord('flows', flow.id))!.data).status).toBe('approved');
    registrar.close();
    officer.close();
  });
});
