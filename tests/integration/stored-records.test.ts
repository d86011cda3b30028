import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse, PushResponse } from '../../shared/src';
import { RawClient, startTestServer, type TestServer } from './harness';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('a stored record out of shape (a record migration step missing)', () => {
  it('refuses the edit with stored_record_invalid over the socket, not an internal error', async () => {
    const client = await RawClient.as(server.url, 'registrator');
    const pulled = await client.send<PullResponse>({ t: 'pull', collection: 'documents', checkpoint: null, limit: 500 });
    const doc = pulled.documents.find((d) => d.registerId === 'reg-ks' && d.status === 'registered' && d.restrictionKind === 'none')!;
    // As a document was stored before maskedCopyOf and redactionDrafts existed.
    const stored = (await server.storage.getRecord('documents', doc.id as string))!.data;
    const { maskedCopyOf: _m, redactionDrafts: _r, ...old } = stored;
    await server.storage.transaction(async (tx) => {
      await tx.putRecord('documents', old as { id: string; registerId: string });
    });
    const now = (await server.storage.getRecord('documents', doc.id as string))!.data;
    const res = await client.send<PushResponse>({
      t: 'push',
      collection: 'documents',
      rows: [
        {
          assumedMasterState: now,
          newDocumentState: { ...now, maskedCopyOf: '', redactionDrafts: [], title: 'Ny titel', _deleted: false },
        },
      ],
    });
    expect(res.t).toBe('push');
    expect(res.rejected.map((r) => [r.id, r.code])).toEqual([[doc.id, 'stored_record_invalid']]);
    expect(client.errors).toEqual([]);
    client.close();
  });
});
