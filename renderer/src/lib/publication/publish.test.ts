import { describe, expect, test } from 'vitest';
import { documentPublication, fetchPublishedDocuments } from './publish';

const SESSION = { serverUrl: 'http://server', token: 'tok' };
const answer = (status: number, body: unknown) => (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;
const VIEW = {
  documentId: 'd1',
  documentNumber: 'KSH 2026-00012',
  entry: { verdict: 'pass', output: { title: 'Riktlinjer' } },
  files: [{ id: 'f1', name: 'riktlinjer.pdf', decision: { verdict: 'pass', output: { id: 'f1' } } }],
  refusal: null,
  publication: null,
};

describe('document publication (client)', () => {
  test('asks, publishes and withdraws on the document’s route with the session token', async () => {
    const calls: string[] = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      calls.push(`${init.method} ${url} ${(init.headers as Record<string, string>).authorization}`);
      return new Response(JSON.stringify(VIEW), { status: 200 });
    }) as unknown as typeof fetch;
    for (const act of [null, 'publish', 'withdraw'] as const)
      expect(await documentPublication(SESSION, 'd1', act, fetchImpl)).toEqual({ ok: true, view: VIEW });
    expect(calls).toEqual([
      'GET http://server/api/publication/documents/d1 Bearer tok',
      'POST http://server/api/publication/documents/d1/publish Bearer tok',
      'POST http://server/api/publication/documents/d1/withdraw Bearer tok',
    ]);
  });
  test('each refusal is its code; anything else is unreachable', async () => {
    for (const error of ['forbidden', 'publication_blocked', 'register_unlisted', 'already_published', 'not_published'])
      expect(await documentPublication(SESSION, 'd1', 'publish', answer(409, { error }))).toEqual({ ok: false, error });
    expect(await documentPublication(SESSION, 'd1', null, answer(401, { error: 'unauthorized' }))).toEqual({
      ok: false,
      error: 'unauthorized',
    });
    expect(await documentPublication(SESSION, 'd1', null, answer(500, { error: 'internal' }))).toEqual({ ok: false, error: 'unreachable' });
    expect(await documentPublication(SESSION, 'd1', null, answer(200, { nonsense: true }))).toEqual({ ok: false, error: 'unreachable' });
    const offline = (async () => {
      throw new TypeError('failed to fetch');
    }) as unknown as typeof fetch;
    expect(await documentPublication(SESSION, 'd1', 'withdraw', offline)).toEqual({ ok: false, error: 'unreachable' });
  });
});

describe('published documents (client)', () => {
  test('lists what is published now; refusals and failures become one error each', async () => {
    const list = [
      {
        documentId: 'd1',
        documentNumber: 'KSH 2026-00012',
        title: 'Riktlinjer',
        shown: true,
        publishedByName: 'Anna Lind',
        publishedAt: '2026-12-07T10:00:00.000Z',
      },
    ];
    let asked = '';
    const fetchImpl = (async (url: string) => {
      asked = url;
      return new Response(JSON.stringify(list), { status: 200 });
    }) as unknown as typeof fetch;
    expect(await fetchPublishedDocuments(SESSION, fetchImpl)).toEqual({ ok: true, documents: list });
    expect(asked).toBe('http://server/api/publication/documents');
    expect(await fetchPublishedDocuments(SESSION, answer(403, { error: 'forbidden' }))).toEqual({ ok: false, error: 'forbidden' });
    expect(await fetchPublishedDocuments(SESSION, answer(200, [{ documentId: 1 }]))).toEqual({ ok: false, error: 'unreachable' });
  });
});
