import { describe, expect, test } from 'vitest';
import { fetchPublicationPreview, reasonText } from './preview';

const SESSION = { serverUrl: 'http://server', token: 'tok' };
const answer = (status: number, body: unknown) => (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;

describe('publication preview (client)', () => {
  test('asks for the day with the session token and returns the preview', async () => {
    let asked = '';
    let auth = '';
    const preview = {
      date: '2026-12-07',
      published: [],
      blocked: [{ id: 'd', documentNumber: 'KS 2026-00042-1', reasons: [{ kind: 'file-restricted' }] }],
      blockedFiles: [],
    };
    const fetchImpl = (async (url: string, init: RequestInit) => {
      asked = url;
      auth = (init.headers as Record<string, string>).authorization!;
      return new Response(JSON.stringify(preview), { status: 200 });
    }) as unknown as typeof fetch;
    expect(await fetchPublicationPreview(SESSION, '2026-12-07', fetchImpl)).toEqual({ ok: true, preview });
    expect(asked).toBe('http://server/api/publication/preview?date=2026-12-07');
    expect(auth).toBe('Bearer tok');
  });
  test('refusals and failures become one error each', async () => {
    expect(await fetchPublicationPreview(SESSION, 'x', answer(403, { error: 'forbidden' }))).toEqual({ ok: false, error: 'forbidden' });
    expect(await fetchPublicationPreview(SESSION, 'x', answer(401, { error: 'unauthorized' }))).toEqual({
      ok: false,
      error: 'unauthorized',
    });
    expect(await fetchPublicationPreview(SESSION, 'x', answer(400, { error: 'bad_date' }))).toEqual({ ok: false, error: 'badDate' });
    expect(await fetchPublicationPreview(SESSION, 'x', answer(500, { error: 'internal' }))).toEqual({ ok: false, error: 'unreachable' });
    expect(await fetchPublicationPreview(SESSION, 'x', answer(200, { nonsense: true }))).toEqual({ ok: false, error: 'unreachable' });
    const offline = (async () => {
      throw new TypeError('failed to fetch');
    }) as unknown as typeof fetch;
    expect(await fetchPublicationPreview(SESSION, 'x', offline)).toEqual({ ok: false, error: 'unreachable' });
  });
  test('every reason in Swedish, naming the field, never a value', () => {
    expect(reasonText({ kind: 'restricted', restrictionKind: 'secrecy', legalGround: 'OSL 26 kap. 1 §', inherited: false })).toBe(
      'Sekretess (OSL 26 kap. 1 §): handlingen är begränsad',
    );
    expect(reasonText({ kind: 'restricted', restrictionKind: 'privacy', legalGround: 'OSL 21 kap. 3 §', inherited: true })).toBe(
      'Integritet (OSL 21 kap. 3 §): ärendet är begränsat',
    );
    expect(reasonText({ kind: 'shielded', record: 'document', field: 'sender' })).toBe('Skyddat fält i handlingen: Avsändare');
    expect(reasonText({ kind: 'shielded', record: 'case', field: 'title' })).toBe('Skyddat fält i ärendet: Rubrik');
    expect(reasonText({ kind: 'protected-identity', field: 'caseTitle' })).toBe('Part med skyddade personuppgifter nämns i ärendemeningen');
    expect(reasonText({ kind: 'personal-identity-number', field: 'fileText' })).toBe('Personnummer i filens text');
    expect(reasonText({ kind: 'file-text-unchecked' })).toBe('Filens text har inte kunnat kontrolleras');
  });
});
