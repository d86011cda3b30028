import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AUTH_SUBPROTOCOL_PREFIX,
  PROTOCOL_VERSION,
  SYNC_PATH,
  currentSchemaVersions,
  schemaSubprotocol,
  syncSubprotocol,
} from '../../../shared/src';
import { RawClient, startTestServer, type TestServer } from '../harness';

/** One account opening sockets without end: beyond its share the upgrade is refused with 429. */
let server: TestServer;
const open: WebSocket[] = [];

/** The HTTP status of a sync upgrade (101 when it was accepted; the socket is kept open then). */
function upgrade(token: string): Promise<number> {
  const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}${SYNC_PATH}`, [
    syncSubprotocol(PROTOCOL_VERSION),
    schemaSubprotocol(currentSchemaVersions()),
    `${AUTH_SUBPROTOCOL_PREFIX}${token}`,
  ]);
  ws.on('error', () => undefined);
  return new Promise((resolve) => {
    ws.once('open', () => {
      open.push(ws);
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
  });
}

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  for (const ws of open) ws.terminate();
  await server?.stop();
});

describe('sync socket caps', () => {
  it("refuses a session's ninth sync socket with 429, and admits again once one is closed", async () => {
    const { token } = await RawClient.token(server.url, 'lasare');
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push(await upgrade(token));
    expect(statuses).toEqual([101, 101, 101, 101, 101, 101, 101, 101, 429]);
    const one = open.pop()!;
    await new Promise<void>((resolve) => {
      one.once('close', () => resolve());
      one.close();
    });
    // The server frees the place when it sees the close: until then the answer is still 429.
    await vi.waitFor(async () => expect(await upgrade(token)).toBe(101), { timeout: 10_000, interval: 20 });
  });

  it("refuses a user's seventeenth sync socket with 429 across sessions; another user is not affected", async () => {
    const sessions = await Promise.all([1, 2, 3].map(async () => (await RawClient.token(server.url, 'politiker')).token));
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push(await upgrade(sessions[0]!));
    for (let i = 0; i < 8; i++) statuses.push(await upgrade(sessions[1]!));
    statuses.push(await upgrade(sessions[2]!));
    expect(statuses).toEqual([...Array<number>(16).fill(101), 429]);
    const other = await RawClient.token(server.url, 'arkivarie');
    expect(await upgrade(other.token)).toBe(101);
  });
});
