/**
 * The public list's rate limit against a reader who lies about its address: X-Forwarded-For is
 * believed only when the socket's peer is a proxy the server trusts (TRUST_PROXY). From any other
 * peer a forged header, new on every request, never opens a new bucket: over the rate is 429.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../../../sync-server/src/http/client-address';
import { startTestServer, type TestServer } from '../harness';

let server: TestServer;

beforeAll(async () => {
  // A proxy is trusted, but not the loopback address this test connects from.
  server = await startTestServer({ postlistaRate: { capacity: 3, periodMs: 600_000 }, trustProxy: parseTrustProxy('10.0.0.5')! });
});

afterAll(async () => {
  await server?.stop();
});

describe('X-Forwarded-For from an untrusted peer', () => {
  it('never changes the bucket: a reader forging a new address on every request is refused rate_limited (429) after the capacity', async () => {
    const statuses: number[] = [];
    const bodies: unknown[] = [];
    for (let i = 1; i <= 6; i++) {
      const res = await fetch(`${server.url}/postlista.json`, {
        headers: { 'x-forwarded-for': `198.51.100.${i}`, forwarded: `for=198.51.100.${i}`, 'x-real-ip': `198.51.100.${i}` },
      });
      statuses.push(res.status);
      bodies.push(await res.json());
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    for (const body of bodies.slice(3)) expect((body as { error: string }).error).toBe('rate_limited');
  });
});
