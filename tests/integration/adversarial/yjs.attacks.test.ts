import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AUTH_SUBPROTOCOL_PREFIX,
  ROOM_MODE_READ_ONLY,
  ROOM_MODE_WRITE,
  SECOND_FACTOR_API,
  YJS_MESSAGE_ROOM_MODE,
  type AuditEntry,
  type Case,
  type ClassNode,
  type DocumentType,
} from '../../../shared/src';
import { base32Decode, totp } from '../../../sync-server/src/auth/totp';
import { YJS_SUBPROTOCOL } from '../../../shared/src';
import { newCase, openProcess } from '../fixtures';
import { RawClient, issueEnrolmentCode, startTestServer, type TestServer } from '../harness';
import { notesUpdateMessage as updateMessage } from '../yjs-messages';

/** Yjs rooms of the real server: a room inherits its record's rules, checked again on change. */
let server: TestServer;
let officer: RawClient;
let colleague: RawClient;
let kase: Case;
/** An unrestricted case the officer is responsible for; one more that is annulled. */
let openCase: Case;
let annulledCase: Case;
const GROUND = 'OSL 26 kap. 1 §';

async function withSecondFactor(client: RawClient, username: string): Promise<void> {
  const auth = { authorization: `Bearer ${client.token}`, 'content-type': 'application/json' };
  const enrolmentCode = await issueEnrolmentCode(server, username);
  const start = (await (
    await fetch(`${server.url}${SECOND_FACTOR_API.enrolStart}`, { method: 'POST', headers: auth, body: JSON.stringify({ enrolmentCode }) })
  ).json()) as { secret: string };
  const res = await fetch(`${server.url}${SECOND_FACTOR_API.enrolConfirm}`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ code: totp(base32Decode(start.secret), Date.now()) }),
  });
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

/** The room mode the server announced to this socket (its first message), as [type, mode]. */
async function announcedMode(room: ReturnType<typeof joinRoom>): Promise<number[]> {
  await vi.waitFor(() => expect(room.bytes.length).toBeGreaterThan(0), { timeout: 10_000, interval: 10 });
  return [...room.bytes[0]!];
}

/**
 * The room's text as the server holds it, asked on the same socket: the server answers in order,
 * so everything this socket sent before has been handled when the answer arrives.
 */
async function serverText(room: ReturnType<typeof joinRoom>): Promise<string> {
  const seen = room.bytes.length;
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  syncProtocol.writeSyncStep1(e, new Y.Doc());
  room.ws.send(encoding.toUint8Array(e));
  let answer: Buffer | undefined;
  await vi.waitFor(
    () => {
      answer = room.bytes.slice(seen).find((b) => b[0] === 0 && b[1] === 1);
      expect(answer).toBeDefined();
    },
    { timeout: 10_000, interval: 10 },
  );
  const doc = new Y.Doc();
  const decoder = decoding.createDecoder(answer!);
  decoding.readVarUint(decoder);
  syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, null);
  return doc.getText('notes').toString();
}

async function opened(room: ReturnType<typeof joinRoom>): Promise<void> {
  if (room.ws.readyState === WebSocket.OPEN) return;
  await new Promise<void>((resolve) => room.ws.once('open', () => resolve()));
}

async function notesEntries(caseId: string): Promise<AuditEntry[]> {
  const admin = await RawClient.as(server.url, 'admin');
  const entries = (await admin.send<{ documents: AuditEntry[] }>({ t: 'pull', collection: 'audit', checkpoint: null, limit: 5000 }))
    .documents;
  admin.close();
  return entries.filter((a) => a.recordId === caseId && a.changes.some((c) => c.field === 'notes'));
}

beforeAll(async () => {
  server = await startTestServer();
  officer = await RawClient.as(server.url, 'handlaggare');
  colleague = await RawClient.as(server.url, 'registrator2');
  const registrar = await RawClient.as(server.url, 'registrator');
  const pull = async <T>(c: string) =>
    (await registrar.send<{ documents: T[] }>({ t: 'pull', collection: c, checkpoint: null, limit: 2000 })).documents;
  const p = await openProcess({ find: async <T>(c: 'classes' | 'doctypes') => (await pull<ClassNode | DocumentType>(c)) as T[] });
  const users = await pull<{ id: string; username: string }>('users');
  const id = (name: string) => users.find((u) => u.username === name)!.id;
  kase = {
    ...newCase(id('registrator'), p, 'Ärende med hemliga anteckningar'),
    responsibleUserId: id('handlaggare'),
    restrictionKind: 'secrecy',
    legalGround: GROUND,
    accessUserIds: [id('registrator2')],
  };
  openCase = { ...newCase(id('registrator'), p, 'Ärende med öppna anteckningar'), responsibleUserId: id('handlaggare') };
  annulledCase = { ...newCase(id('registrator'), p, 'Annullerat ärende'), responsibleUserId: id('handlaggare') };
  for (const c of [kase, openCase, annulledCase]) {
    const res = await registrar.send<{ rejected: unknown[] }>({
      t: 'push',
      collection: 'cases',
      rows: [{ newDocumentState: { ...c, _deleted: false } }],
    });
    expect(res.rejected).toEqual([]);
  }
  registrar.close();
  // No push annuls a case (that is a separate act); the test puts the final status in place.
  await server.storage.transaction(async (tx) => {
    const rec = await tx.getRecord('cases', annulledCase.id);
    await tx.putRecord('cases', { ...rec!.data, status: 'annulled' } as unknown as Case);
  });
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

  it("closes the room socket with 4403 when the user's access is taken away", async () => {
    const member = joinRoom(colleague.token, kase.id);
    await new Promise<void>((resolve) => member.ws.once('open', () => resolve()));
    const current = (
      await officer.send<{ documents: Case[] }>({ t: 'pull', collection: 'cases', checkpoint: null, limit: 2000 })
    ).documents.find((c) => c.id === kase.id)!;
    expect(current.title).toBe(kase.title);
    const res = await officer.send<{ rejected: unknown[] }>({
      t: 'push',
      collection: 'cases',
      rows: [{ assumedMasterState: current, newDocumentState: { ...current, accessUserIds: [], _deleted: false } }],
    });
    expect(res.rejected).toEqual([]);
    expect(await member.outcome).toEqual({ close: 4403 });
    expect((await joinRoom(colleague.token, kase.id).outcome).status).toBe(403);
  });
});

describe('Yjs rooms: who may write', () => {
  it('a read-only user is told so, and its update is neither applied, stored nor sent on', async () => {
    const writer = joinRoom(officer.token, openCase.id);
    const reader = await RawClient.as(server.url, 'lasare');
    const lurker = joinRoom(reader.token, openCase.id);
    await Promise.all([opened(writer), opened(lurker)]);
    writer.ws.send(updateMessage('Handläggarens anteckning. '));
    expect(await serverText(writer)).toBe('Handläggarens anteckning. ');
    const writerSaw = writer.bytes.length;
    lurker.ws.send(updateMessage('LÄSAREN SKREV'));
    expect(await serverText(lurker)).toBe('Handläggarens anteckning. ');
    expect(await serverText(writer)).toBe('Handläggarens anteckning. ');
    expect(Buffer.concat(writer.bytes.slice(writerSaw)).includes(Buffer.from('LÄSAREN'))).toBe(false);
    // The reader still reads: the socket stays open and gets what others write.
    writer.ws.send(updateMessage('Mer text. '));
    await vi.waitFor(() => expect(Buffer.concat(lurker.bytes).includes(Buffer.from('Mer text.'))).toBe(true), {
      timeout: 10_000,
      interval: 10,
    });
    expect(lurker.ws.readyState).toBe(WebSocket.OPEN);
    // Each was told at join what it may do, before any text.
    expect(await announcedMode(writer)).toEqual([YJS_MESSAGE_ROOM_MODE, ROOM_MODE_WRITE]);
    expect(await announcedMode(lurker)).toEqual([YJS_MESSAGE_ROOM_MODE, ROOM_MODE_READ_ONLY]);
    writer.ws.close();
    lurker.ws.close();
    reader.close();
  });

  it('a case in a final status has read-only notes, for its responsible officer too', async () => {
    const room = joinRoom(officer.token, annulledCase.id);
    await opened(room);
    room.ws.send(updateMessage('EFTER ANNULLERING'));
    expect(await serverText(room)).toBe('');
    expect(await announcedMode(room)).toEqual([YJS_MESSAGE_ROOM_MODE, ROOM_MODE_READ_ONLY]);
    room.ws.close();
  });

  it('records who wrote in the notes in the actor register, once per user, room and session', async () => {
    const before = (await notesEntries(openCase.id)).length;
    const session = await RawClient.as(server.url, 'handlaggare');
    const first = joinRoom(session.token, openCase.id);
    const second = joinRoom(session.token, openCase.id);
    await Promise.all([opened(first), opened(second)]);
    first.ws.send(updateMessage('a'));
    first.ws.send(updateMessage('b'));
    second.ws.send(updateMessage('c'));
    await serverText(first);
    await serverText(second);
    await vi.waitFor(async () => expect((await notesEntries(openCase.id)).length).toBe(before + 1), { timeout: 10_000, interval: 50 });
    const again = await RawClient.as(server.url, 'handlaggare');
    const third = joinRoom(again.token, openCase.id);
    await opened(third);
    third.ws.send(updateMessage('d'));
    await serverText(third);
    await vi.waitFor(async () => expect((await notesEntries(openCase.id)).length).toBe(before + 2), { timeout: 10_000, interval: 50 });
    const entries = (await notesEntries(openCase.id)).slice(before);
    expect(entries.map((e) => [e.action, e.actorId, e.recordCollection, e.changes.map((c) => c.field)])).toEqual([
      ['update', 'usr-handlaggare', 'cases', ['notes']],
      ['update', 'usr-handlaggare', 'cases', ['notes']],
    ]);
    for (const r of [first, second, third]) r.ws.close();
    session.close();
    again.close();
  });
});
