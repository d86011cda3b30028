import { describe, expect, test } from 'vitest';
import { fetchRegisterListings, setRegisterListed } from './registers';

const SESSION = { serverUrl: 'http://server', token: 'tok' };
const LISTINGS = [
  { registerId: 'reg-ks', name: 'Kommunstyrelsen', listed: true },
  { registerId: 'reg-sn', name: 'Socialnämnden', listed: false },
];

describe('registers on the public list (client)', () => {
  test('lists, and changes one with PUT {listed} before listing again', async () => {
    const calls: string[] = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      calls.push(`${init.method ?? 'GET'} ${url} ${String(init.body ?? '')}`.trim());
      return new Response(JSON.stringify(url.endsWith('/registers') ? LISTINGS : { ...LISTINGS[1] }), { status: 200 });
    }) as unknown as typeof fetch;
    expect(await fetchRegisterListings(SESSION, fetchImpl)).toEqual({ ok: true, registers: LISTINGS });
    expect(await setRegisterListed(SESSION, 'reg-sn', false, fetchImpl)).toEqual({ ok: true, registers: LISTINGS });
    expect(calls).toEqual([
      'GET http://server/api/publication/registers',
      'PUT http://server/api/publication/registers/reg-sn {"listed":false}',
      'GET http://server/api/publication/registers',
    ]);
  });
  test('refusals and failures', async () => {
    const answer = (status: number) => (async () => new Response('{}', { status })) as unknown as typeof fetch;
    expect(await fetchRegisterListings(SESSION, answer(403))).toEqual({ ok: false, error: 'forbidden' });
    expect(await setRegisterListed(SESSION, 'reg-sn', true, answer(401))).toEqual({ ok: false, error: 'unauthorized' });
    expect(await fetchRegisterListings(SESSION, answer(200))).toEqual({ ok: false, error: 'unreachable' });
    const offline = (async () => {
      throw new TypeError('failed to fetch');
    }) as unknown as typeof fetch;
    expect(await setRegisterListed(SESSION, 'reg-sn', true, offline)).toEqual({ ok: false, error: 'unreachable' });
  });
});
