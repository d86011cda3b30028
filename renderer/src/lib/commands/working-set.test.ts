// The working-set commands' error mapping, over real HTTP: a small local server answers what
// the sync server's routes answer (status and body), so each code is mapped end to end; the
// routes themselves are tested against the real sync server (tests/integration/working-set-client).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { currentSchemaVersions, parseWindowMonths } from '../../../../shared/src';
import { hitRow } from '../search/hits';
import { sampleCase } from '../../../../shared/src/testing/samples';
import { knownHit, openOnDemand, rememberServerHits } from '../replica/open-on-demand';
import { failureOf, loadWorkingSet, openRecord, setPinned, setWindowMonths, workingSetMessage } from './working-set';

interface Seen {
  method: string;
  url: string;
  auth: string;
  body: string;
}
let server: Server;
let session: { serverUrl: string; token: string };
let answer: { status: number; body: string } = { status: 200, body: '{}' };
let seen: Seen[] = [];

async function bodyOf(req: IncomingMessage): Promise<string> {
  let s = '';
  for await (const chunk of req) s += String(chunk);
  return s;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void bodyOf(req).then((body) => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization ?? '', body });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  session = { serverUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: 'tok-1' };
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
  answer = { status: 200, body: '{}' };
});

function answers(status: number, body: unknown): void {
  answer = { status, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

describe('failureOf', () => {
  it('maps each server code, and what is not ours, to one failure', () => {
    expect(failureOf(404, { error: 'not_found' })).toBe('not_found');
    expect(failureOf(400, { error: 'window_not_a_number' })).toBe('window_not_a_number');
    expect(failureOf(400, { error: 'window_out_of_range' })).toBe('window_out_of_range');
    // A 404 without our code (a server without the route) is still "not found".
    expect(failureOf(404, null)).toBe('not_found');
    expect(failureOf(401, { error: 'unauthorized' })).toBe('session_expired');
    expect(failureOf(503, { error: 'not_found' })).toBe('unreachable');
    expect(failureOf(400, { error: 'something_else' })).toBe('refused');
    expect(failureOf(403, null)).toBe('refused');
  });

  it('gives a Swedish message for each, the window ones the same as the client-side check', () => {
    expect(workingSetMessage('not_found')).toBe('Finns inte längre eller så saknar du behörighet.');
    expect(workingSetMessage('window_out_of_range')).toBe('Ange mellan 1 och 120 månader.');
    expect(workingSetMessage('window_not_a_number')).toBe('Ange ett helt antal månader.');
    expect(workingSetMessage('unreachable')).toMatch(/Servern kunde inte nås/);
    expect(workingSetMessage('session_expired')).toMatch(/inloggning/);
    expect(workingSetMessage('refused')).toMatch(/Servern tog inte emot/);
    const local = parseWindowMonths('0');
    expect(local.ok).toBe(false);
    if (!local.ok) expect(workingSetMessage(`window_${local.error}`)).toBe(workingSetMessage('window_out_of_range'));
  });
});

describe('the window setting', () => {
  it('is refused on the client for a value out of range or not a number: nothing is sent', async () => {
    for (const [typed, error] of [
      ['0', 'window_out_of_range'],
      ['121', 'window_out_of_range'],
      ['abc', 'window_not_a_number'],
      ['12.5', 'window_not_a_number'],
      ['', 'window_not_a_number'],
    ] as const) {
      expect(await setWindowMonths(session, typed)).toEqual({ ok: false, error });
    }
    expect(seen).toEqual([]);
  });

  it('sends a valid value as a number with the session, and maps the server refusal', async () => {
    answers(200, {});
    expect(await setWindowMonths(session, ' 24 ')).toEqual({ ok: true, months: 24 });
    expect(seen).toEqual([{ method: 'PUT', url: '/api/working-set', auth: 'Bearer tok-1', body: '{"months":24}' }]);
    answers(400, { error: 'window_out_of_range' });
    expect(await setWindowMonths(session, 120)).toEqual({ ok: false, error: 'window_out_of_range' });
  });

  it('reads the setting and the pins, and refuses an answer out of shape', async () => {
    answers(200, { months: 12, pins: [{ collection: 'cases', id: 'c1', kind: 'pin', at: 1 }] });
    expect(await loadWorkingSet(session)).toEqual({ ok: true, months: 12, pins: [{ collection: 'cases', id: 'c1', kind: 'pin', at: 1 }] });
    answers(200, { months: 'twelve', pins: [] });
    expect(await loadWorkingSet(session)).toEqual({ ok: false, error: 'refused' });
  });
});

describe('pins and on-demand open', () => {
  it('pin and unpin address the record; a lost right is "not_found"', async () => {
    answers(200, {});
    expect(await setPinned(session, 'cases', 'c/1', true)).toEqual({ ok: true, pinned: true });
    expect(await setPinned(session, 'documents', 'd1', false)).toEqual({ ok: true, pinned: false });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'PUT /api/working-set/pins/cases/c%2F1',
      'DELETE /api/working-set/pins/documents/d1',
    ]);
    answers(404, { error: 'not_found' });
    expect(await setPinned(session, 'cases', 'c1', true)).toEqual({ ok: false, error: 'not_found' });
  });

  it('a server that cannot be reached is "unreachable", never a throw', async () => {
    const gone = { serverUrl: 'http://127.0.0.1:1', token: 't' };
    expect(await setPinned(gone, 'cases', 'c1', true)).toEqual({ ok: false, error: 'unreachable' });
    expect(await openRecord(gone, 'cases', 'c1')).toEqual({ ok: false, error: 'unreachable' });
  });

  it('open: records shown from the answer, 404 gone, unreachable and offline say what the last search knew', async () => {
    const c = sampleCase({ id: 'c-open', title: 'Bygglov Storgatan 1' });
    answers(200, { records: { cases: [c], documents: [], files: [] } });
    expect(await openOnDemand(session, true, 'cases', 'c-open')).toEqual({
      state: 'server',
      records: { cases: [c], documents: [], files: [] },
    });
    // The client states the record shapes it holds, so the answer comes in them.
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/working-set/open' });
    expect(JSON.parse(seen[0]!.body)).toEqual({ collection: 'cases', id: 'c-open', schema: currentSchemaVersions() });

    answers(404, { error: 'not_found' });
    expect(await openOnDemand(session, true, 'cases', 'c-open')).toEqual({ state: 'gone' });
    answers(200, { records: { cases: 'x' } });
    expect(await openOnDemand(session, true, 'cases', 'c-open')).toEqual({ state: 'failed', error: 'refused' });

    rememberServerHits([hitRow({ collection: 'cases', record: c })]);
    expect(knownHit('documents', 'c-open')).toBeNull();
    const offline = await openOnDemand(session, false, 'cases', 'c-open');
    expect(offline).toMatchObject({ state: 'offline', hit: { id: 'c-open', title: 'Bygglov Storgatan 1' } });
    const dropped = await openOnDemand({ serverUrl: 'http://127.0.0.1:1', token: 't' }, true, 'cases', 'c-open');
    expect(dropped).toMatchObject({ state: 'offline', hit: { id: 'c-open' } });
    rememberServerHits([]);
    expect(await openOnDemand(session, false, 'cases', 'c-open')).toEqual({ state: 'offline', hit: null });
  });
});
