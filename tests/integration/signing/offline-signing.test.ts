/**
 * A signer signs on their desktop while offline: the signed version and the flow decision that
 * cites it are kept locally and both reach the server when the connection returns, in whatever
 * order the replica sends them. The desktop's signing is the same engine (`signPdf` with a
 * PKCS#12 key) the bridge runs in the main process.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { API, type Document, type FileRecord, type PushResponse } from '../../../shared/src';
import { Flow } from '../../../shared/src/model/flow';
import { pkcs12KeySource, signPdf } from '../../../shared/src/signing';
import { buildFlow } from '../../../renderer/src/lib/flows';
import { newCase, newIncoming, openProcess } from '../fixtures';
import { RawClient, eventually, startTestServer, type TestServer } from '../harness';
import { RemoteClient } from '../remote-client';
import { protocolPdf } from './test-pdfs';
import { createTestPki } from './test-pki';
import { trustCa } from './trust';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

it('a signature made offline and the approval citing it both land when the connection returns', async () => {
  const registrar = await RawClient.as(server.url, 'registrator');
  const push = (state: object, collection: string) =>
    registrar.send<PushResponse>({ t: 'push', collection, rows: [{ newDocumentState: { ...state, _deleted: false } }] });
  const pull = async <T>(collection: string) =>
    (await registrar.send<{ documents: T[] }>({ t: 'pull', collection, checkpoint: null, limit: 5000 })).documents;
  const p = await openProcess({ find: async <T>(c: 'classes' | 'doctypes') => (await pull(c)) as T[] });
  const me = (await RawClient.token(server.url, 'registrator')).user;
  const kase = newCase(me.id, p, 'Avtal om städning');
  expect((await push(kase, 'cases')).rejected).toEqual([]);
  const doc: Document = newIncoming(me.id, p, kase.id, 'Avtal');
  expect((await push(doc, 'documents')).rejected).toEqual([]);
  const up = await fetch(`${server.url}${API.files}?${new URLSearchParams({ documentId: doc.id, name: 'avtal.pdf' })}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${registrar.token}` },
    body: new Uint8Array(await protocolPdf(false)),
  });
  const original = (await up.json()) as FileRecord;

  const signer = await RemoteClient.start(server.url, 'handlaggare');
  try {
    await signer.awaitInitialSync();
    const flow = buildFlow(
      {
        registerId: 'reg-ks',
        targetCollection: 'documents',
        targetId: doc.id,
        caseId: kase.id,
        mode: 'ordered',
        steps: [{ approverId: signer.user.id, role: 'decision_maker', dueDate: '2026-12-01', requiresSignature: true }],
      },
      me.id,
      { nowMs: Date.now(), id: randomUUID(), newStepId: randomUUID },
    );
    expect((await push(flow, 'flows')).rejected).toEqual([]);
    await signer.waitFor('flows', flow.id, 'startedAt', 30_000);
    const bytes = await signer.openFile(original.id);

    await signer.netDown();
    const pki = createTestPki();
    await trustCa(server, pki.caPem);
    const signed = await signPdf(bytes, pkcs12KeySource(pki.signer(signer.user.displayName, 'hemligt').p12, 'hemligt'), {
      signingTime: new Date(),
      role: 'Beslutsfattare',
    });
    const added = await signer.addVersion(doc.id, original.fileKey, signed, 'avtal.pdf');
    expect(added.state).toBe('queued');
    const local = Flow.parse(await signer.findOne('flows', flow.id));
    await signer.patch('flows', flow.id, { steps: local.steps.map((s) => ({ ...s, status: 'approved', signatureFileId: added.id })) });
    expect(await server.storage.getRecord('files', added.id)).toBeNull();

    await signer.netUp();
    await eventually(
      async () => Flow.parse((await server.storage.getRecord('flows', flow.id))!.data).status === 'approved',
      30_000,
      'the flow approved on the server',
    );
    expect((await server.storage.getRecord('files', added.id))!.data).toMatchObject({
      fileKey: original.fileKey,
      fileVersion: 2,
      uploadedBy: signer.user.id,
    });
    expect(await signer.rejections()).toEqual([]);
  } finally {
    await signer.close();
    registrar.close();
  }
});

it('a client-chosen version id is refused when taken or malformed, storing nothing', async () => {
  const registrar = await RawClient.as(server.url, 'registrator');
  try {
    const pull = async <T>(collection: string) =>
      (await registrar.send<{ documents: T[] }>({ t: 'pull', collection, checkpoint: null, limit: 5000 })).documents;
    const files = await pull<FileRecord>('files');
    const taken = files[0]!;
    const post = (id: string) =>
      fetch(
        `${server.url}${API.files}?${new URLSearchParams({ documentId: taken.documentId, name: 'x.pdf', fileKey: taken.fileKey, id })}`,
        { method: 'POST', headers: { authorization: `Bearer ${registrar.token}` }, body: new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n')) },
      );
    const before = (await server.storage.listWhere('files', 'documentId', taken.documentId)).length;
    const duplicate = await post(taken.id);
    expect([duplicate.status, await duplicate.json()]).toEqual([409, { error: 'duplicate_id' }]);
    expect((await post('../etc/passwd')).status).toBe(400);
    expect((await server.storage.listWhere('files', 'documentId', taken.documentId)).length).toBe(before);
  } finally {
    registrar.close();
  }
});
