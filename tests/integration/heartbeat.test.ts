import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  AUTH_SUBPROTOCOL_PREFIX,
  PROTOCOL_VERSION,
  SYNC_PATH,
  YJS_PATH_PREFIX,
  YJS_SUBPROTOCOL,
  currentSchemaVersions,
  schemaSubprotocol,
  syncSubprotocol,
  type Hello,
} from '../../shared/src';
import { login } from '../../renderer/src/lib/replica';
import { MemoryBlobCache } from '../../renderer/src/lib/replica/blob-cache';
import { openReplicaWith } from '../../renderer/src/lib/replica/open-replica';
import { BlackHoleProxy } from './black-hole-proxy';
import { newCase, openProcess } from './fixtures';
import { Attacker, accepted, newCase as rawNewCase, rawLister } from './adversarial/attacks';
import {
  PASSWORD,
  RawClient,
  SwitchableNetwork,
  closeReplica,
  eventually,
  replicaLister,
  startTestServer,
  testEnvironment,
  type TestServer,
} from './harness';

/** The server pings every 150 ms; the client pings every 200 ms and gives up after 800 ms of silence. */
const SERVER_HEARTBEAT_MS = 150;
const CLIENT_HEARTBEAT = { intervalMs: 200, deadlineMs: 800 };

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ syncHeartbeatMs: SERVER_HEARTBEAT_MS });
});
afterAll(() => server.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A raw sync socket of `username`; `answersPings: false` is a client whose network went silently away. */
async function rawSocket(
  username: string,
  answersPings: boolean,
): Promise<{ ws: WebSocket; closed: Promise<number>; messages: Record<string, unknown>[] }> {
  const { token } = await RawClient.token(server.url, username);
  const ws = new WebSocket(
    `${server.url.replace(/^http/, 'ws')}${SYNC_PATH}`,
    [syncSubprotocol(PROTOCOL_VERSION), schemaSubprotocol(currentSchemaVersions()), `${AUTH_SUBPROTOCOL_PREFIX}${token}`],
    { autoPong: answersPings },
  );
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  const messages: Record<string, unknown>[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as Record<string, unknown>));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, closed, messages };
}

describe('a half-open sync connection (the network silently gone)', () => {
  it('is found by the client within its deadline, shown offline, and replaced by a new socket when the network returns', async () => {
    const proxy = await BlackHoleProxy.start(server.port);
    const session = await login(proxy.url, 'registrator', PASSWORD);
    const env = { ...testEnvironment(new SwitchableNetwork(), new MemoryBlobCache()), heartbeat: CLIENT_HEARTBEAT };
    const replica = await openReplicaWith(session, env);
    try {
      await eventually(() => replica.status.value.online && replica.status.value.initialSync.done, 60_000, 'the first download');
      // Idle for several deadlines: the pongs keep a live socket online.
      await sleep(3 * CLIENT_HEARTBEAT.deadlineMs);
      expect(replica.status.value.online).toBe(true);

      const socketsBefore = proxy.accepted;
      proxy.blackHole();
      // No close event ever comes through a black hole: only the heartbeat can notice.
      await eventually(() => !replica.status.value.online, 4 * CLIENT_HEARTBEAT.deadlineMs, 'the status to go offline');
      expect(replica.status.value.lastError).toBe('server unreachable');

      // Work goes on offline and waits in the replica.
      const draft = newCase(session.user.id, await openProcess(replicaLister(replica)), 'Registrerat medan nätet var borta');
      await replica.db.cases.insert(draft);

      proxy.resume();
      await eventually(() => replica.status.value.online, 20_000, 'the status to come back online');
      expect(proxy.accepted).toBeGreaterThan(socketsBefore);
      const stored = await eventually(() => server.storage.getRecord('cases', draft.id), 20_000, 'the offline case on the server');
      expect(stored.data).toMatchObject({ id: draft.id, title: 'Registrerat medan nätet var borta' });
    } finally {
      await closeReplica(replica);
      await proxy.stop();
    }
  });

  it('is dropped by the server after two missed pongs, while a client that answers stays', async () => {
    const silent = await rawSocket('handlaggare', false);
    const answering = await rawSocket('kvalitet', true);
    // Terminated (1006: no closing handshake), well within the bound a test can wait.
    expect(await Promise.race([silent.closed, sleep(40 * SERVER_HEARTBEAT_MS).then(() => 'still open')])).toBe(1006);
    expect(answering.ws.readyState).toBe(WebSocket.OPEN);
    // The answering client outlives several more rounds.
    await sleep(5 * SERVER_HEARTBEAT_MS);
    expect(answering.ws.readyState).toBe(WebSocket.OPEN);
    answering.ws.close();
  });
});

describe('a half-open room (Yjs) connection', () => {
  it('is dropped by the server after two missed pongs, so the room is let go; a client that answers stays', async () => {
    const registrar = await Attacker.as(server.url, 'registrator');
    try {
      const c = await accepted<{ id: string }>(
        server,
        registrar,
        'cases',
        rawNewCase(await openProcess(rawLister(registrar)), 'usr-registrator'),
      );
      const room = async (answersPings: boolean) => {
        const ws = new WebSocket(
          `${server.url.replace(/^http/, 'ws')}${YJS_PATH_PREFIX}cases/${c.id}`,
          [YJS_SUBPROTOCOL, `${AUTH_SUBPROTOCOL_PREFIX}${registrar.token}`],
          { autoPong: answersPings },
        );
        const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
        await new Promise<void>((resolve, reject) => {
          ws.once('open', () => resolve());
          ws.once('error', reject);
        });
        return { ws, closed };
      };
      const silent = await room(false);
      const answering = await room(true);
      expect(await Promise.race([silent.closed, sleep(40 * SERVER_HEARTBEAT_MS).then(() => 'still open')])).toBe(1006);
      await sleep(5 * SERVER_HEARTBEAT_MS);
      expect(answering.ws.readyState).toBe(WebSocket.OPEN);
      answering.ws.close();
    } finally {
      registrar.close();
    }
  });
});

describe('the heartbeat in the protocol', () => {
  it('the server says it answers pings, and answers one at once with pong', async () => {
    const { ws, messages } = await rawSocket('registrator', true);
    await eventually(() => messages.some((m) => m.t === 'hello'));
    expect((messages.find((m) => m.t === 'hello') as unknown as Hello).heartbeat).toBe(true);
    ws.send(JSON.stringify({ t: 'ping' }));
    await eventually(() => messages.some((m) => m.t === 'pong'));
    expect(messages.find((m) => m.t === 'pong')).toEqual({ t: 'pong' });
    ws.close();
  });

  it('anything else that calls itself a ping is an invalid message (bad_message), not a pong', async () => {
    const client = await RawClient.as(server.url, 'registrator');
    for (const raw of [
      { t: 'ping', extra: 1 },
      { t: 'ping', pad: 'x'.repeat(80) },
    ])
      client.ws.send(JSON.stringify(raw));
    await eventually(() => client.errors.length === 2);
    expect(client.errors.map((e) => (e.t === 'error' ? e.code : e.t))).toEqual(['bad_message', 'bad_message']);
    expect(client.received.some((m) => m.t === 'pong')).toBe(false);
    client.close();
  });
});
