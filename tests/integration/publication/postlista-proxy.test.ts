/**
 * Behind a trusted reverse proxy (TRUST_PROXY names it), each reader the proxy forwards for has a
 * bucket of its own; without the setting they would all share the proxy's one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../../../sync-server/src/http/client-address';
import { startTestServer, type TestServer } from '../harness';

let server: TestServer;

beforeAll(async () => {
  // The test connects from loopback: here that is the proxy.
  server = await startTestServer({ postlistaRate: { capacity: 2, periodMs: 600_000 }, trustProxy: parseTrustProxy('127.0.0.1,::1')! });
});

afterAll(async () => {
  await server?.stop();
});

const read = async (forwardedFor: string) => {
  const res = await fetch(`${server.url}/postlista.json`, { headers: { 'x-forwarded-for': forwardedFor } });
  await res.arrayBuffer();
  return res.status;
};

describe('/postlista behind a trusted proxy', () => {
  it('counts each forwarded reader on its own: one over its rate is refused, the next reader is not', async () => {
    // The first reader forges an address before the one the proxy appended: the appended one counts.
    expect([await read('1.1.1.1, 198.51.100.1'), await read('2.2.2.2, 198.51.100.1'), await read('198.51.100.1')]).toEqual([200, 200, 429]);
    expect([await read('198.51.100.2'), await read('198.51.100.2'), await read('198.51.100.2')]).toEqual([200, 200, 429]);
  });
});
