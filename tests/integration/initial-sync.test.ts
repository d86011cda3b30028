import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WINDOW_MONTHS, type CollectionName, type PushResponse } from '../../shared/src';
import { WORKING_SET_API } from '../../shared/src/protocol/working-set';
import type { WebSocketFactory } from '../../renderer/src/lib/replica/connection';
import { PULL_BATCH } from '../../renderer/src/lib/replica/pull-gather';
import { loadBenchData } from '../bench/data';
import { pullAll } from '../bench/pull-all';
import { newCase, openProcess } from './fixtures';
import { connectClient, eventually, RawClient, startTestServer, type TestClient, type TestServer } from './harness';

// Enough cases and documents for several full pull batches in each collection (of the window: about three in four).
const CASES = 6000;
const WRITES_DURING_SYNC = 12;

let server: TestServer;
const open: TestClient[] = [];

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-it-initial-'));
  // Half the older cases left open (the generator's share before session 14): a window of many batches.
  await loadBenchData(dataDir, { seed: 3, nowMs: Date.now(), cases: CASES, documentsPerCase: 3, foreignShare: 0.1, closedShare: 0.45 });
  server = await startTestServer({ dataDir });
}, 120_000);
afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
  await server.stop();
});

async function idsOnServer(username: string, collection: CollectionName): Promise<string[]> {
  const login = await RawClient.token(server.url, username);
  const all = await pullAll({ serverUrl: server.url, token: login.token }, [collection], WebSocket as unknown as WebSocketFactory, fetch);
  return all
    .get(collection)!
    .map((r) => r.id)
    .sort();
}

async function idsInReplica(client: TestClient, collection: CollectionName): Promise<string[]> {
  const docs = await client.replica.db[collection].find().exec();
  return docs.map((d) => String(d.primary)).sort();
}

describe('initial sync of a large register', () => {
  it('delivers every record, and changes made while it runs, to a fresh client', async () => {
    const writer = await RawClient.as(server.url, 'registrator2');
    const writerLogin = await RawClient.token(server.url, 'registrator2');
    const config = await pullAll(
      { serverUrl: server.url, token: writer.token },
      ['classes', 'doctypes'],
      WebSocket as unknown as WebSocketFactory,
      fetch,
    );
    const p = await openProcess({ find: async <T>(c: 'classes' | 'doctypes') => config.get(c) as T[] });

    // The longest window (ten years, the bench register's span): enough records for several batches.
    const registrar = await RawClient.token(server.url, 'registrator');
    const setting = await fetch(`${server.url}${WORKING_SET_API.root}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${registrar.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ months: WINDOW_MONTHS.max }),
    });
    expect(setting.status).toBe(200);
    const before = { cases: await idsOnServer('registrator', 'cases'), documents: await idsOnServer('registrator', 'documents') };
    const client = await connectClient(server, 'registrator');
    open.push(client);
    // Cases registered elsewhere while the client is still downloading: each must reach it.
    const written: string[] = [];
    for (let i = 0; i < WRITES_DURING_SYNC; i++) {
      const c = newCase(writerLogin.user.id, p, `Under första synken ${i}`);
      const res = await writer.send<PushResponse>({
        t: 'push',
        collection: 'cases',
        rows: [{ assumedMasterState: null, newDocumentState: { ...c, _deleted: false } }],
      });
      expect(res.rejected).toEqual([]);
      written.push(c.id);
      await new Promise((r) => setTimeout(r, 15));
    }
    writer.close();
    await client.replica.awaitInitialSync();
    // Done means done: everything there was before the download started is stored when it ends.
    const held = { cases: new Set(await idsInReplica(client, 'cases')), documents: new Set(await idsInReplica(client, 'documents')) };
    expect(before.cases.filter((id) => !held.cases.has(id))).toEqual([]);
    expect(before.documents.filter((id) => !held.documents.has(id))).toEqual([]);

    const serverCases = await idsOnServer('registrator', 'cases');
    const serverDocuments = await idsOnServer('registrator', 'documents');
    expect(serverCases.length).toBeGreaterThan(2 * PULL_BATCH);
    expect(serverDocuments.length).toBeGreaterThan(2 * PULL_BATCH);
    for (const id of written) expect(serverCases).toContain(id);

    await eventually(
      async () => (await idsInReplica(client, 'cases')).length === serverCases.length || null,
      30_000,
      'every case in the replica',
    );
    expect(await idsInReplica(client, 'cases')).toEqual(serverCases);
    await eventually(
      async () => (await idsInReplica(client, 'documents')).length === serverDocuments.length || null,
      30_000,
      'every document in the replica',
    );
    expect(await idsInReplica(client, 'documents')).toEqual(serverDocuments);
  }, 120_000);

  it('keeps receiving changes after the initial sync', async () => {
    // The longest window (ten years, the bench register's span): enough records for several batches.
    const registrar = await RawClient.token(server.url, 'registrator');
    const setting = await fetch(`${server.url}${WORKING_SET_API.root}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${registrar.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ months: WINDOW_MONTHS.max }),
    });
    expect(setting.status).toBe(200);
    const client = await connectClient(server, 'registrator');
    open.push(client);
    await client.replica.awaitInitialSync();
    const writer = await RawClient.as(server.url, 'registrator2');
    const writerLogin = await RawClient.token(server.url, 'registrator2');
    const config = await pullAll(
      { serverUrl: server.url, token: writer.token },
      ['classes', 'doctypes'],
      WebSocket as unknown as WebSocketFactory,
      fetch,
    );
    const p = await openProcess({ find: async <T>(c: 'classes' | 'doctypes') => config.get(c) as T[] });
    for (let i = 0; i < 5; i++) {
      const c = newCase(writerLogin.user.id, p, `Efter första synken ${i}`);
      const res = await writer.send<PushResponse>({
        t: 'push',
        collection: 'cases',
        rows: [{ assumedMasterState: null, newDocumentState: { ...c, _deleted: false } }],
      });
      expect(res.rejected).toEqual([]);
      const got = await eventually(() => client.replica.db.cases.findOne(c.id).exec(), 20_000, `case ${i} at the client`);
      expect(got.get('title')).toBe(`Efter första synken ${i}`);
    }
    writer.close();
  }, 120_000);
});
