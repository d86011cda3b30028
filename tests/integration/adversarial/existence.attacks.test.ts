import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_SUBPROTOCOL_PREFIX, YJS_SUBPROTOCOL, type Case, type ClassNode, type Document, type FileRecord } from '../../../shared/src';
import { buildFlow } from '../../../renderer/src/lib/flows';
import { buildRequest, buildRequestCase, requestProcess } from '../../../renderer/src/lib/requests/build';
import { openProcess, tinyPdf, type Process } from '../fixtures';
import { startTestServer, type TestServer } from '../harness';
import { Attacker, accepted, download, newCase, newDocument, plantSecrets, rawLister, uploadFile, type Planted } from './attacks';

/**
 * No existence oracle: to a user of register KS, a record of register SN (or a record of their
 * own register they may not read) and an id that exists nowhere get the same answer, byte for
 * byte except the id the attacker gave (details may name it).
 */
let server: TestServer;
let planted: Planted;
let attacker: Attacker;
let snProcess: Process;
let snCase: Case;
let snDoc: Document;
let snFile: FileRecord;
/** A request case of the attacker's own register, where they may file requests. */
let requestCase: Case;

beforeAll(async () => {
  server = await startTestServer();
  planted = await plantSecrets(server);
  const sn = await Attacker.as(server.url, 'sn.registrator');
  snProcess = await openProcess(rawLister(sn), 'reg-sn');
  snCase = planted.otherRegisterCase;
  snDoc = await accepted<Document>(
    server,
    sn,
    'documents',
    newDocument(snProcess, planted.ids.snRegistrar, snCase.id, { title: 'Handling i SN' }),
  );
  const up = await uploadFile(server, sn.token, snDoc.id, 'sn.pdf', tinyPdf('SN'));
  expect(up.status).toBe(201);
  snFile = (await up.json()) as FileRecord;
  sn.close();
  attacker = await Attacker.as(server.url, 'registrator');
  const node = requestProcess(await rawLister(attacker).find<ClassNode>('classes'), 'reg-ks')!;
  const rc = buildRequestCase(
    { registerId: 'reg-ks', classCode: node.code, responsibleUserId: planted.ids.registrar, receivedDate: '2026-11-20' },
    planted.ids.registrar,
    { nowMs: Date.now(), id: randomUUID() },
  );
  requestCase = await accepted<Case>(server, attacker, 'cases', rc);
});

afterAll(async () => {
  attacker?.close();
  await server?.stop();
});

/** An answer as text with the ids the attacker gave replaced by their role, and the request id dropped. */
function normalised(answer: unknown, ids: Record<string, string>): string {
  let text = JSON.stringify(answer, (k, v: unknown) => (k === 'rid' ? undefined : v));
  for (const [name, id] of Object.entries(ids)) text = text.split(id).join(`<${name}>`);
  return text;
}

async function stored<T>(collection: 'cases' | 'documents', id: string): Promise<T & { syncVersion: number }> {
  const rec = (await server.storage.getRecord(collection, id))!;
  return { ...(rec.data as T), syncVersion: rec.version };
}

describe('an existing record of another register answers as an id that does not exist', () => {
  it('an edit push with an assumed state', async () => {
    for (const [collection, id] of [
      ['cases', snCase.id],
      ['documents', snDoc.id],
    ] as const) {
      const current = await stored<Record<string, unknown>>(collection, id);
      const edited = { ...current, title: 'Ändrad' };
      const missing = randomUUID();
      const existing = await attacker.push(collection, edited, current);
      const nowhere = await attacker.push(collection, { ...edited, id: missing }, { ...current, id: missing });
      expect(existing.rejected.map((r) => r.code)).toEqual(['not_found']);
      expect(normalised(existing, { id })).toBe(normalised(nowhere, { id: missing }));
    }
  });

  it('a blind push (no assumed state) of an existing id', async () => {
    // As stored (SN's number and all), and as a new record of SN would be built.
    const asStored = await stored<Case>('cases', snCase.id);
    const asNew = newCase(snProcess, planted.ids.registrar, { id: snCase.id, title: 'Nytt' });
    for (const body of [asStored, asNew] as Record<string, unknown>[]) {
      const missing = randomUUID();
      const existing = await attacker.push('cases', body);
      const nowhere = await attacker.push('cases', { ...body, id: missing });
      expect(existing.rejected).toHaveLength(1);
      expect(normalised(existing, { id: snCase.id })).toBe(normalised(nowhere, { id: missing }));
    }
    // A create the attacker's own register would accept cannot be: refused where it would write
    // (the one answer an id taken anywhere can give), and nothing of the SN case changed.
    const before = JSON.stringify(await server.storage.getRecord('cases', snCase.id));
    const own = await attacker.push('cases', newCase(planted.process, planted.ids.registrar, { id: snCase.id, title: 'Eget' }));
    expect(own.rejected.map((r) => [r.code, r.detail])).toEqual([['forbidden', `id ${snCase.id} cannot be used for a new record`]]);
    expect(JSON.stringify(await server.storage.getRecord('cases', snCase.id))).toBe(before);
  });

  it('a flow started on the document of another register', async () => {
    const flowOn = (targetId: string, caseId: string) =>
      buildFlow(
        {
          registerId: 'reg-ks',
          targetCollection: 'documents',
          targetId,
          caseId,
          mode: 'ordered',
          steps: [{ approverId: planted.ids.registrar, role: 'approver', dueDate: '2026-12-31', requiresSignature: false }],
        },
        planted.ids.registrar,
        { nowMs: Date.now(), id: 'flow-id', newStepId: () => 'step-id' },
      );
    const [missingDoc, missingCase] = [randomUUID(), randomUUID()];
    const existing = await attacker.push('flows', flowOn(snDoc.id, snCase.id) as unknown as Record<string, unknown>);
    const nowhere = await attacker.push('flows', flowOn(missingDoc, missingCase) as unknown as Record<string, unknown>);
    expect(existing.rejected.map((r) => r.code)).toEqual(['unknown_reference']);
    expect(normalised(existing, { doc: snDoc.id, kase: snCase.id })).toBe(normalised(nowhere, { doc: missingDoc, kase: missingCase }));
  });

  it('an information request naming a case or a document of another register as an item', async () => {
    for (const [collection, id] of [
      ['cases', snCase.id],
      ['documents', snDoc.id],
    ] as const) {
      const requestFor = (targetId: string) =>
        buildRequest(
          {
            registerId: 'reg-ks',
            caseId: requestCase.id,
            anonymous: true,
            requesterName: '',
            requesterContact: '',
            receivedDate: '2026-11-20',
            description: 'Begäran',
            deliveryMethod: 'email',
            dueDate: '',
            responsibleUserId: planted.ids.registrar,
            targets: [{ collection, id: targetId }],
          },
          planted.ids.registrar,
          { nowMs: Date.now(), id: 'request-id', newItemId: () => 'item-id' },
        ) as unknown as Record<string, unknown>;
      const missing = randomUUID();
      const existing = await attacker.push('requests', requestFor(id));
      const nowhere = await attacker.push('requests', requestFor(missing));
      expect(existing.rejected.map((r) => r.code)).toEqual(['unknown_reference']);
      expect(normalised(existing, { id })).toBe(normalised(nowhere, { id: missing }));
    }
  });

  it('a file download by id', async () => {
    const existing = await download(server, attacker.token, snFile.id);
    const nowhere = await download(server, attacker.token, randomUUID());
    expect(existing.status).toBe(404);
    expect([existing.status, existing.body]).toEqual([nowhere.status, nowhere.body]);
  });

  it('a file upload to a document of another register', async () => {
    const answer = async (documentId: string) => {
      const res = await uploadFile(server, attacker.token, documentId, 'bilaga.pdf', tinyPdf('bilaga'));
      return [res.status, res.headers.get('content-type'), await res.text()];
    };
    const existing = await answer(snDoc.id);
    expect(existing[0]).toBe(404);
    expect(existing).toEqual(await answer(randomUUID()));
  });

  it('a notes room upgrade for a case of another register', async () => {
    const existing = await upgradeAnswer(attacker.token, snCase.id);
    expect(existing).toMatch(/^HTTP\/1\.1 403 /);
    expect(existing).toBe(await upgradeAnswer(attacker.token, randomUUID()));
  });
});

describe('a record of the own register the user may not read answers as an id that does not exist', () => {
  it('the download of a file of a restricted document', async () => {
    const existing = await download(server, attacker.token, planted.restrictedDocFile.id);
    const nowhere = await download(server, attacker.token, randomUUID());
    expect(existing.status).toBe(404);
    expect([existing.status, existing.body]).toEqual([nowhere.status, nowhere.body]);
  });
});

/** The raw HTTP answer to a notes room upgrade (status line and headers, the date left out). */
async function upgradeAnswer(token: string, caseId: string): Promise<string> {
  const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/yjs/cases/${caseId}`, [
    YJS_SUBPROTOCOL,
    `${AUTH_SUBPROTOCOL_PREFIX}${token}`,
  ]);
  ws.on('error', () => undefined);
  return new Promise((resolve) => {
    ws.once('unexpected-response', (_req, res) => {
      const headers = Object.entries(res.headers)
        .filter(([k]) => k !== 'date')
        .map(([k, v]) => `${k}: ${String(v)}`);
      res.resume();
      resolve([`HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}`, ...headers].join('\r\n'));
    });
    ws.once('open', () => {
      ws.close();
      resolve('opened');
    });
  });
}
