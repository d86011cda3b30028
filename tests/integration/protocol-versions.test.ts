import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  AUTH_SUBPROTOCOL_PREFIX,
  PROTOCOL_VERSION,
  SYNC_PATH,
  currentSchemaVersions,
  schemaSubprotocol,
  syncSubprotocol,
  type Hello,
  type PullResponse,
} from '../../shared/src';
import { SyncConnection, type WebSocketFactory, type WebSocketLike } from '../../renderer/src/lib/replica/connection';
import { versionMismatchMessage } from '../../renderer/src/lib/replica/version-mismatch';
import { FULL_REPLICA_PROTOCOLS, RawClient, eventually, startTestServer, type TestServer } from './harness';

let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  token = (await RawClient.token(server.url, 'registrator')).token;
});
afterAll(() => server.stop());

type Opened = {
  ws: WebSocket;
  protocol: string;
  first: Promise<Record<string, unknown>>;
  closed: Promise<{ code: number; reason: string }>;
};

/** A raw socket stating `protocols` (the session token added), or the HTTP status of a refused upgrade. */
function open(protocols: string[]): Promise<Opened | { status: number }> {
  const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}${SYNC_PATH}`, [...protocols, `${AUTH_SUBPROTOCOL_PREFIX}${token}`]);
  const first = new Promise<Record<string, unknown>>((resolve) =>
    ws.once('message', (data) => resolve(JSON.parse(String(data)) as Record<string, unknown>)),
  );
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, protocol: ws.protocol, first, closed }));
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.once('error', reject);
  });
}

async function opened(protocols: string[]): Promise<Opened> {
  const r = await open(protocols);
  if ('status' in r) throw new Error(`upgrade refused ${r.status}`);
  return r;
}

describe('protocol versions at the socket', () => {
  it('a client of protocol 2 (the full replica, before the working set) still pulls', async () => {
    const client = await RawClient.as(server.url, 'registrator', FULL_REPLICA_PROTOCOLS);
    const res = await client.send<PullResponse>({ t: 'pull', collection: 'cases', checkpoint: null, limit: 50 });
    expect(res.t).toBe('pull');
    expect(res.documents.length).toBeGreaterThan(0);
    expect(client.ws.protocol).toBe('diarium-sync.v2');
    client.close();
  });

  it('a current client is answered with its protocol, and the server states its own versions', async () => {
    const c = await opened([syncSubprotocol(PROTOCOL_VERSION), schemaSubprotocol(currentSchemaVersions())]);
    expect(c.protocol).toBe(syncSubprotocol(PROTOCOL_VERSION));
    const hello = (await c.first) as unknown as Hello;
    expect(hello).toMatchObject({ t: 'hello', protocol: PROTOCOL_VERSION, schema: currentSchemaVersions() });
    c.ws.close();
  });

  it('a client of a protocol no longer served is closed with 4426, after the socket opened', async () => {
    const c = await opened([syncSubprotocol(PROTOCOL_VERSION - 2)]);
    expect(c.protocol).toBe(syncSubprotocol(PROTOCOL_VERSION - 2));
    expect(await c.closed).toEqual({ code: 4426, reason: 'client too old for this server: update the app' });
  });

  it('a client from the future (newer protocol, or a newer record shape) is closed with 4427', async () => {
    const newer = await opened([syncSubprotocol(PROTOCOL_VERSION + 1), schemaSubprotocol(currentSchemaVersions())]);
    expect((await newer.closed).code).toBe(4427);
    const shapes = currentSchemaVersions();
    const newerShape = await opened([syncSubprotocol(PROTOCOL_VERSION), schemaSubprotocol({ ...shapes, cases: shapes.cases + 1 })]);
    expect(await newerShape.closed).toEqual({ code: 4427, reason: 'client newer than this server' });
  });

  it('a client of protocol 2 or later that states no record shapes is refused at the upgrade', async () => {
    expect(await open([syncSubprotocol(PROTOCOL_VERSION)])).toEqual({ status: 400 });
  });
});

describe('the app when the server no longer serves it', () => {
  it('stops reconnecting and reports the mismatch the UI shows in Swedish', async () => {
    let attempts = 0;
    // The real connection, made to state the protocol before the one still served (which stated no shapes).
    const Old = function (url: string, protocols: string[]) {
      attempts++;
      const stated = protocols
        .filter((p) => !p.startsWith('schema.'))
        .map((p) => (p === syncSubprotocol(PROTOCOL_VERSION) ? syncSubprotocol(PROTOCOL_VERSION - 2) : p));
      const ws = new WebSocket(url, stated);
      ws.on('error', () => undefined);
      return ws as unknown as WebSocketLike;
    } as unknown as WebSocketFactory;
    const conn = new SyncConnection(server.url, token, Old, fetch);
    const states: { versionMismatch?: string; online: boolean }[] = [];
    conn.state.subscribe((s) => states.push(s));
    conn.start();
    await eventually(() => expect(states.some((s) => s.versionMismatch)).toBe(true));
    const refused = states.find((s) => s.versionMismatch)!;
    expect(refused).toMatchObject({ online: false, versionMismatch: 'client_too_old' });
    expect(versionMismatchMessage('client_too_old')).toBe('Den här versionen av Diarium är för gammal för servern. Uppdatera appen.');
    // Back-off would have retried within 250 ms.
    await new Promise((r) => setTimeout(r, 1000));
    expect(attempts).toBe(1);
    conn.stop();
  });
});
