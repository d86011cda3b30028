import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLICATION_PREVIEW_API } from '../../../shared/src';
import { RawClient, startTestServer, type TestServer } from '../harness';

/*
 * The public pages' rate limit over real HTTP: one address gets `capacity` requests to /postlista,
 * its JSON and its files together, then 429 with retry-after and a Swedish page or JSON error;
 * signed-in API routes are never counted or refused.
 */

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ postlistaRate: { capacity: 4, periodMs: 120_000 } });
});

afterAll(async () => {
  await server?.stop();
});

describe('rate limit on /postlista', () => {
  it('lets an address make `capacity` requests, then refuses with 429, retry-after and a Swedish answer; the API is untouched', async () => {
    const statuses = [];
    for (const path of ['/postlista', '/postlista.json', '/postlista?ord=bygglov', '/postlista/fil/no-such-file'])
      statuses.push((await fetch(`${server.url}${path}`)).status);
    expect(statuses).toEqual([200, 200, 200, 404]);

    const html = await fetch(`${server.url}/postlista`);
    expect(html.status).toBe(429);
    // One token per 30 s (4 per 120 s).
    const wait = Number(html.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(29);
    expect(wait).toBeLessThanOrEqual(30);
    expect(html.headers.get('content-type')).toContain('text/html');
    const page = await html.text();
    expect(page).toContain('<html lang="sv">');
    expect(page).toContain('<h1>För många förfrågningar</h1>');
    expect(page).not.toMatch(/<script/i);

    const json = await fetch(`${server.url}/postlista.json`);
    expect(json.status).toBe(429);
    expect(json.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await json.json()).toEqual({ error: 'rate_limited', message: 'För många förfrågningar. Försök igen om en stund.' });

    const file = await fetch(`${server.url}/postlista/fil/no-such-file`);
    expect(file.status).toBe(429);
    await file.arrayBuffer();

    // Signed-in routes from the same address, the publisher's preview included, are not limited.
    const { token } = await RawClient.token(server.url, 'registrator');
    for (let i = 0; i < 6; i++) {
      const preview = await fetch(`${server.url}${PUBLICATION_PREVIEW_API}?date=2026-12-07`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(preview.status).toBe(200);
      await preview.arrayBuffer();
    }
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
