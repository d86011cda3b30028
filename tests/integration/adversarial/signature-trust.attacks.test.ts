/**
 * A lying approver against the signature step: certificates made with node-forge, PDFs signed by
 * the real signing engine with them, the decision pushed over the raw protocol. The server decides.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type FileRecord } from '../../../shared/src';
import { Flow } from '../../../shared/src/model/flow';
import { buildFlow } from '../../../renderer/src/lib/flows';
import type { KeySource } from '../../../shared/src/signing';
import { signPdf } from '../../../shared/src/signing';
import { openProcess, type Process } from '../fixtures';
import { RawClient, startTestServer, type TestServer } from '../harness';
import { certificate, DAY, keySource, pem } from '../signing/forge-pki';
import { protocolPdf } from '../signing/test-pdfs';
import { Attacker, newCase, newDocument, rawLister } from './attacks';

let server: TestServer;
let registrar: Attacker;
let officer: Attacker;
let officerName: string;
let process: Process;
let docId: string;
let flowId: string;
let original: Uint8Array;
// Valid for years back, so a backdated signing time fails on the signer's window, not on the CA.
const ca = certificate('Testkommunens CA', { ca: true, from: Date.now() - 1000 * DAY });

async function upload(token: string, bytes: Uint8Array, fileKey?: string): Promise<Response> {
  const params = new URLSearchParams({ documentId: docId, name: 'beslut.pdf', ...(fileKey ? { fileKey } : {}) });
  return fetch(`${server.url}${API.files}?${params}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: new Uint8Array(bytes),
  });
}

/** A fresh file of the document, and its version signed with `key` at `signingTime`, uploaded by the registrar. */
async function signedVersion(key: KeySource, signingTime = new Date()): Promise<FileRecord> {
  const first = (await (await upload(registrar.token, original)).json()) as FileRecord;
  const signed = await signPdf(original, key, { signingTime, reason: 'Godkänt' });
  const res = await upload(registrar.token, signed, first.fileKey);
  expect(res.status).toBe(201);
  return (await res.json()) as FileRecord;
}

/** The approver pushes "approved, here is my signature" for the flow's step. */
async function approveWith(file: FileRecord) {
  const current = Flow.parse((await server.storage.getRecord('flows', flowId))!.data);
  const decided = { ...current, steps: current.steps.map((s) => ({ ...s, status: 'approved' as const, signatureFileId: file.id })) };
  return officer.push('flows', decided, current);
}

async function trust(token: string, certificatePem: string): Promise<Response> {
  return fetch(`${server.url}${API.trustedCas}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ certificate: certificatePem }),
  });
}

beforeAll(async () => {
  server = await startTestServer();
  registrar = await Attacker.as(server.url, 'registrator');
  const officerLogin = await RawClient.token(server.url, 'handlaggare');
  officerName = officerLogin.user.displayName;
  officer = await Attacker.withToken(server.url, officerLogin.token);
  process = await openProcess(rawLister(registrar));
  const registrarId = (await RawClient.token(server.url, 'registrator')).user.id;
  const c = newCase(process, registrarId, { title: 'Delegationsordning' });
  expect((await registrar.push('cases', c)).rejected).toEqual([]);
  const d = newDocument(process, registrarId, c.id, { title: 'Beslut' });
  expect((await registrar.push('documents', d)).rejected).toEqual([]);
  docId = d.id;
  original = await protocolPdf(false);
  const flow = buildFlow(
    {
      registerId: d.registerId,
      targetCollection: 'documents',
      targetId: d.id,
      caseId: c.id,
      mode: 'ordered',
      steps: [{ approverId: officerLogin.user.id, role: 'approver', dueDate: '2026-12-31', requiresSignature: true }],
    },
    registrarId,
    { nowMs: Date.now(), id: randomUUID(), newStepId: randomUUID },
  );
  expect((await registrar.push('flows', flow)).rejected).toEqual([]);
  flowId = flow.id;
  const admin = await RawClient.token(server.url, 'admin');
  expect((await trust(admin.token, pem(ca.cert))).status).toBe(201);
});

afterAll(async () => {
  registrar?.close();
  officer?.close();
  await server?.stop();
});

describe('signature trust', () => {
  it("refuses a self-signed certificate with the approver's name", async () => {
    const file = await signedVersion(keySource(certificate(officerName)));
    expect((await approveWith(file)).rejected).toMatchObject([{ code: 'untrusted_signature', fields: ['signatureFileId'] }]);
    expect(Flow.parse((await server.storage.getRecord('flows', flowId))!.data).status).toBe('active');
  });

  it('refuses a certificate from a CA on the list that had expired when it signed', async () => {
    const expired = certificate(officerName, { issuer: ca, from: Date.now() - 400 * DAY, to: Date.now() - DAY });
    const file = await signedVersion(keySource(expired, [ca]));
    expect((await approveWith(file)).rejected).toMatchObject([{ code: 'untrusted_signature', fields: ['signatureFileId'] }]);
  });

  it('refuses an expired certificate that claims a signing time inside its validity, before the file existed', async () => {
    const expired = certificate(officerName, { issuer: ca, from: Date.now() - 400 * DAY, to: Date.now() - DAY });
    const file = await signedVersion(keySource(expired, [ca]), new Date(Date.now() - 2 * DAY));
    expect((await approveWith(file)).rejected).toMatchObject([{ code: 'untrusted_signature', fields: ['signatureFileId'] }]);
    // The same lie through the approver's own upload.
    const first = (await (await upload(registrar.token, original)).json()) as FileRecord;
    const res = await upload(
      officer.token,
      await signPdf(original, keySource(expired, [ca]), { signingTime: new Date(Date.now() - 2 * DAY) }),
      first.fileKey,
    );
    expect([res.status, ((await res.json()) as { error: string }).error]).toEqual([403, 'untrusted_signature']);
  });

  it('refuses a certificate from a CA that is not on the list, even one that carries its own CA', async () => {
    const otherCa = certificate('Testkommunens CA', { ca: true });
    const file = await signedVersion(keySource(certificate(officerName, { issuer: otherCa }), [otherCa]));
    expect((await approveWith(file)).rejected).toMatchObject([{ code: 'untrusted_signature', fields: ['signatureFileId'] }]);
  });

  it('refuses a trusted certificate of another person', async () => {
    const file = await signedVersion(keySource(certificate('Johan Falk', { issuer: ca }), [ca]));
    expect((await approveWith(file)).rejected).toMatchObject([{ code: 'forbidden', fields: ['signatureFileId'] }]);
  });

  it("refuses the approver's own upload of a version signed with a self-signed certificate", async () => {
    const first = (await (await upload(registrar.token, original)).json()) as FileRecord;
    const signed = await signPdf(original, keySource(certificate(officerName)), { signingTime: new Date() });
    const res = await upload(officer.token, signed, first.fileKey);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toBe('untrusted_signature');
    expect(
      (await server.storage.listWhere('files', 'documentId', docId)).filter((f) => (f.data as FileRecord).fileKey === first.fileKey),
    ).toHaveLength(1);
  });

  it('refuses trust-list changes from anyone but an administrator, and a certificate that is not a CA', async () => {
    for (const u of ['registrator', 'handlaggare', 'arkivarie', 'kvalitet']) {
      const login = await RawClient.token(server.url, u);
      const res = await trust(login.token, pem(certificate('Falsk CA', { ca: true }).cert));
      expect(res.status, u).toBe(403);
      expect(await res.json()).toEqual({ error: 'forbidden' });
    }
    const admin = await RawClient.token(server.url, 'admin');
    const leaf = await trust(admin.token, pem(certificate(officerName).cert));
    expect([leaf.status, await leaf.json()]).toEqual([400, { error: 'not_a_ca' }]);
    const list = (await (
      await fetch(`${server.url}${API.trustedCas}`, { headers: { authorization: `Bearer ${admin.token}` } })
    ).json()) as { trustedCas: { subject: string; development: boolean }[] };
    // Only the CA the administrator added; no development CA without the development switch.
    expect(list.trustedCas.map((c) => [c.subject, c.development])).toEqual([['CN=Testkommunens CA, O=Testkommunen, C=SE', false]]);
  });

  it("accepts the approver's certificate from a CA on the list, valid when it signed", async () => {
    const file = await signedVersion(keySource(certificate(officerName, { issuer: ca }), [ca]));
    expect((await approveWith(file)).rejected).toEqual([]);
    expect(Flow.parse((await server.storage.getRecord('flows', flowId))!.data).status).toBe('approved');
  });
});
