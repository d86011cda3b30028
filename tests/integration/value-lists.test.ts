import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type Case, type ClassNode, type DocumentType, type Register } from '../../shared/src';
import { RawClient, startTestServer, type TestServer } from './harness';
import { newCase, openProcess } from './fixtures';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

async function setGrounds(token: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}${API.legalGrounds}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('the legal grounds value list', () => {
  it('is kept by the administrator, refused to others, and decides which grounds a restriction may cite', async () => {
    const registrar = await RawClient.as(server.url, 'registrator');
    const adminToken = (await RawClient.token(server.url, 'admin')).token;
    const pull = async <T>(c: string) =>
      (await registrar.send<{ documents: T[] }>({ t: 'pull', collection: c, checkpoint: null, limit: 2000 })).documents;
    const ks = (await pull<Register>('registers')).find((r) => r.id === 'reg-ks')!;
    const NEW = 'Kommunal föreskrift 3 §';

    expect((await setGrounds(registrar.token, { registerId: 'reg-ks', legalGrounds: [] })).status).toBe(403);
    expect((await setGrounds(adminToken, { registerId: 'reg-ks', legalGrounds: [{ code: '', text: '' }] })).status).toBe(400);
    expect((await setGrounds(adminToken, { registerId: 'reg-sn', legalGrounds: [] })).status).toBe(403);

    const p = await openProcess({ find: async <T>(c: 'classes' | 'doctypes') => (await pull<ClassNode | DocumentType>(c)) as T[] });
    const me = (await RawClient.token(server.url, 'registrator')).user;
    const restricted: Case = { ...newCase(me.id, p, 'Ärende med lokal grund'), restrictionKind: 'other', legalGround: NEW };
    const before = await registrar.send<{ rejected: { code: string }[] }>({
      t: 'push',
      collection: 'cases',
      rows: [{ newDocumentState: { ...restricted, _deleted: false } }],
    });
    expect(before.rejected.map((r) => r.code)).toEqual(['invalid_legal_ground']);

    const res = await setGrounds(adminToken, {
      registerId: 'reg-ks',
      legalGrounds: [...ks.legalGrounds, { code: NEW, text: 'Lokal föreskrift' }],
    });
    expect(res.status).toBe(200);
    const after = await registrar.send<{ rejected: unknown[] }>({
      t: 'push',
      collection: 'cases',
      rows: [{ newDocumentState: { ...restricted, _deleted: false } }],
    });
    expect(after.rejected).toEqual([]);
    // Every client receives the new list, and the change is in the actor register.
    expect((await pull<Register>('registers')).find((r) => r.id === 'reg-ks')!.legalGrounds.map((g) => g.code)).toContain(NEW);
    const archivist = await RawClient.as(server.url, 'arkivarie');
    const audit = (
      await archivist.send<{ documents: { recordCollection: string; recordId: string }[] }>({
        t: 'pull',
        collection: 'audit',
        checkpoint: null,
        limit: 2000,
      })
    ).documents;
    expect(audit.some((a) => a.recordCollection === 'registers' && a.recordId === 'reg-ks')).toBe(true);
    registrar.close();
    archivist.close();
  });
});
