import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_SUBPROTOCOL_PREFIX, SECOND_FACTOR_API, type Case, type ClassNode, type DocumentType } from '../../../shared/src';
import { base32Decode, totp } from '../../../sync-server/src/auth/totp';
import { YJS_SUBPROTOCOL } from '../../../shared/src';
import { newCase, openProcess } from '../fixtures';
import { RawClient, issueEnrolmentCode, startTestServer, type TestServer } from '../harness';

/** Yjs rooms of the real server: a room inherits its record's rules, checked again on change. */
let server: TestServer;
let officer: RawClient;
let colleague: RawClient;
let kase: Case;
const GROUND = 'OSL 26 kap. 1 §';

async function withSecondFactor(client: RawClient, username: string): Promise<void> {
  const auth = { authorization: `Bearer ${client.token}`, 'content-type': 'application/json' };
  const enrolmentCode = await issueEnrolmentCode(server, username);
  const start = (await (await fetch(`${server.url}${SECOND_FACTOR_API.enrolStart}`, { method: 'POST', headers: auth, body: JSON.stringify({ enrolmentCode }) })).json()) as { secret: string };
  const res = await fetch(`${server.url}${SECOND_FACTOR_API.enrolConfirm}`, { method: 'POST', headers: auth, body: JSON.stringify({ code: totp(base32Decode(start.secret), Date.now()) }) });
  expect(res.status).toBe(200);
}

function joinRoom(token: string, id: string): { ws: WebSocket; bytes: Buffer[]; outcome: Promise<{ status?: number; close?: number }> } {
  const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/yjs/cases/${id}`, [YJS_SUBPROTOCOL, `${AUTH_SUBPROTOCOL_PREFIX}${token}`]);
  const bytes: Buffer[] = [];
  ws.on('message', (d) => bytes.push(Buffer.from(d as Buffer)));
  const outcome = new Promise<{ status?: number; close?: number }>((resolve) => {
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve({ status: res.statusCode });
    });
    ws.once('close', (code) => resolve({ close: code }));
    ws.on('error', () => undefined);
  });
  return { ws, bytes, outcome };
}

beforeAll(async () => {
  server = await startTestServer();
  officer = await RawClient.as(server.url, 'handlaggare');
  colleague = await RawClient.as(server.url, 'registrator2');
  const registrar = await RawClient.as(server.url, 'registrator');
  const pull = async <T>(c: string) => (await registrar.send<{ documents: T[] }>({ t: 'pull', collection: c, checkpoint: null, limit: 2000 })).documents;
  const p = await openProcess({ find: async <T>(c: 'classes' | 'doctypes') => (await pull<ClassNode | DocumentType>(c)) as T[] });
  const users = await pull<{ id: string; username: string }>('users');
  const id = (name: string) => users.find((u) => u.username === name)!.id;
  kase = { ...newCase(id('registrator'), p, 'Ärende med hemliga anteckningar'), responsibleUserId: id('handlaggare'), restrictionKind: 'secrecy', legalGround: GROUND, accessUserIds: [id('registrator2')] };
  const res = await registrar.send<{ rejected: unknown[] }>({ t: 'push', collection: 'cases', rows: [{ newDocumentState: { ...kase, _deleted: false } }] });
  expect(res.rejected).toEqual([]);
  registrar.close();
  await withSecondFactor(officer, 'handlaggare');
  await withSecondFactor(colleague, 'registrator2');
});

afterAll(async () => {
  officer?.close();
  colleague?.close();
  await server?.stop();
});

describe('Yjs rooms', () => {
  it('refuses to let a user without access to the record join its room, and sends not a byte', async () => {
    const outsider = await RawClient.as(server.url, 'registrator');
    const attempt = joinRoom(outsider.token, kase.id);
    expect(await attempt.outcome).toEqual({ status: 403 });
    expect(attempt.bytes).toEqual([]);
    const noFactor = await RawClient.as(server.url, 'registrator2');
    // A named user whose session has not passed the second factor is refused too.
    expect((await joinRoom(noFactor.token, kase.id).outcome).status).toBe(403);
    outsider.close();
    noFactor.close();
  });

  it('closes the room socket with 4403 when the user\'s access is taken away', async () => {
    const member = joinRoom(colleague.token, kase.id);
    await new Promise<void>((resolve) => member.ws.once('open', () => resolve()));
    const current = (await officer.send<{ documents: Case[] }>({ t: 'pull', collection: 'cases', checkpoint: null, limit: 2000 })).documents.find((c) => c.id === kase.id)!;
    expect(current.title).toBe(kase.title);
    const res = await officer.send<{ rejected: unknown[] }>({ t: 'push', collection: 'cases', rows: [{ assumedMasterState: current, newDocumentState: { ...current, accessUserIds: [], _deleted: false } }] });
    expect(res.rejected).toEqual([]);
    expect(await member.outcome).toEqual({ close: 4403 });
    expect((await joinRoom(colleague.token, kase.id).outcome).status).toBe(403);
  });
});
