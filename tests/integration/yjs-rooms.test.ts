import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { YJS_SUBPROTOCOL, type RoomRef } from '../../shared/src';
import { forgetAllRooms, openRoom, type CollabRoom } from '../../renderer/src/lib/collab';
import { localCopyName } from '../../renderer/src/lib/collab/room-address';
import type { Logger } from '../../sync-server/src/logger';
import { SqliteYjsStore, createYjsRooms, type YjsRooms } from '../../sync-server/src/yjs';
import { notesUpdateMessage as updateMessage } from './yjs-messages';

/**
 * The Yjs room server on a real HTTP server and random port, with real y-websocket clients
 * (the renderer's `openRoom`, offline copies in fake-indexeddb) and raw `ws` sockets that lie.
 * Authentication and access are decided by the test, so revocation can be staged exactly.
 */
const MAX_MESSAGE_BYTES = 64 * 1024;
/** Below the message cap, so one message can go beyond it. */
const MAX_DOC_BYTES = 48 * 1024;
const RATE = { capacity: 100, perSecond: 5 };
const MAX_SOCKETS_PER_SESSION = 4;
const ROOM: RoomRef = { collection: 'cases', id: 'case-7' };
const BIG_ROOM: RoomRef = { collection: 'cases', id: 'case-8' };
const SECRET = 'Hemlig anteckning om vårdnadshavaren';

const tokens = new Map([
  ['tok-anna', 'anna'],
  ['tok-bertil', 'bertil'],
  ['tok-cecilia', 'cecilia'],
  ['tok-raw', 'raw'],
  ['tok-nobody', 'nobody'],
  ['tok-dora', 'dora'],
  ['tok-fast', 'fast'],
  ['tok-big', 'big'],
  ['tok-many', 'many'],
  ['tok-rita', 'rita'],
]);
/** Users who may read the room but not write in it. */
const readOnly = new Set(['rita:cases/case-7']);
const access = new Set([
  ...['anna', 'bertil', 'cecilia', 'raw', 'dora', 'fast', 'many'].map((u) => `${u}:cases/case-7`),
  'big:cases/case-8',
]);
/** While set, Dora's access check at the upgrade waits here (its answer was already "yes"). */
let doraGate: Promise<void> | null = null;
const logLines: string[] = [];
const log: Logger = { info: () => undefined, warn: (m) => logLines.push(m), error: (m) => logLines.push(`ERROR ${m}`) };

interface Running {
  url: string;
  port: number;
  rooms: YjsRooms;
  upgrades: string[];
  stop(): Promise<void>;
}

let dataDir: string;

async function start(): Promise<Running> {
  const rooms = createYjsRooms({
    dataDir,
    authenticate: async (token) => (token && tokens.has(token) ? { id: tokens.get(token)! } : null),
    authorize: async (userId, ref) => {
      const allowed = access.has(`${userId}:${ref.collection}/${ref.id}`);
      if (userId === 'dora' && doraGate) await doraGate;
      if (readOnly.has(`${userId}:${ref.collection}/${ref.id}`)) return 'read';
      return allowed ? 'write' : null;
    },
    log,
    maxMessageBytes: MAX_MESSAGE_BYTES,
    maxDocBytes: MAX_DOC_BYTES,
    updateRate: RATE,
    maxSocketsPerSession: MAX_SOCKETS_PER_SESSION,
    revalidateEveryMs: 0,
  });
  const upgrades: string[] = [];
  const server: Server = createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (req, socket, head) => {
    upgrades.push(String(req.headers['sec-websocket-protocol']));
    if (!rooms.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    rooms,
    upgrades,
    async stop() {
      await rooms.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function session(run: Running, user: string) {
  return { serverUrl: run.url, token: `tok-${user}`, user: { id: user } };
}

function open(run: Running, user: string, ref: RoomRef = ROOM): CollabRoom {
  return openRoom(session(run, user), ref, { WebSocketImpl: WebSocket, fetchImpl: fetch });
}

async function synced(room: CollabRoom): Promise<void> {
  await vi.waitFor(
    () => {
      let ok = false;
      room.status.subscribe((s) => (ok = s.synced && s.state === 'online'))();
      if (!ok) throw new Error('room not synced yet');
    },
    { timeout: 10_000, interval: 20 },
  );
}

async function localDatabases(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '');
}

/** A raw HTTP upgrade request; returns every byte the server answered before closing. */
function rawUpgrade(port: number, pathName: string, token: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', reject);
    sock.on('close', () => resolve(Buffer.concat(chunks)));
    sock.write(
      `GET ${pathName} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n` +
        `Sec-WebSocket-Protocol: ${YJS_SUBPROTOCOL}, auth.${token}\r\n\r\n`,
    );
  });
}

/** A raw room socket that has received the server's first message (it is in the room). */
async function rawSocket(
  run: Running,
  token: string,
  ref: RoomRef = ROOM,
): Promise<{ ws: WebSocket; received: Buffer[]; closed: Promise<{ code: number; reason: string }> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${run.port}/yjs/${ref.collection}/${ref.id}`, [YJS_SUBPROTOCOL, `auth.${token}`]);
  const received: Buffer[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const first = new Promise<void>((resolve) => ws.once('message', () => resolve()));
  ws.on('message', (d) => received.push(d as Buffer));
  ws.on('error', () => undefined);
  await first;
  return { ws, received, closed };
}

async function storedText(room = 'cases/case-7'): Promise<string> {
  const store = new SqliteYjsStore(dataDir);
  const state = await store.load(room);
  await store.close();
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return doc.getText('notes').toString();
}

/** Honest clients still work: an edit of one reaches the other. */
async function stillConverging(a: CollabRoom, b: CollabRoom, marker: string): Promise<void> {
  a.text('notes').insert(a.text('notes').length, marker);
  await vi.waitFor(() => expect(b.text('notes').toString()).toContain(marker), { timeout: 10_000, interval: 20 });
}

describe('Yjs rooms', () => {
  let run: Running;
  let anna: CollabRoom;
  let bertil: CollabRoom;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-yjs-'));
    run = await start();
  });

  afterAll(async () => {
    await run?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('two clients converge on a text', async () => {
    anna = open(run, 'anna');
    bertil = open(run, 'bertil');
    await Promise.all([synced(anna), synced(bertil)]);
    anna.text('notes').insert(0, `${SECRET}. `);
    bertil.text('notes').insert(0, 'Bertil: ');
    await vi.waitFor(
      () => {
        expect(anna.text('notes').toString()).toBe(bertil.text('notes').toString());
        expect(anna.text('notes').toString()).toContain(SECRET);
        expect(anna.text('notes').toString()).toContain('Bertil: ');
      },
      { timeout: 10_000, interval: 20 },
    );
  });

  it("a read-only user's room says so and receives the text; the others are writable", async () => {
    const rita = open(run, 'rita');
    await synced(rita);
    const statusOf = (room: CollabRoom) => {
      let readOnlyNow: boolean | undefined;
      room.status.subscribe((s) => (readOnlyNow = s.readOnly))();
      return readOnlyNow;
    };
    expect(statusOf(rita)).toBe(true);
    expect(statusOf(anna)).toBe(false);
    await vi.waitFor(() => expect(rita.text('notes').toString()).toContain(SECRET), { timeout: 10_000, interval: 20 });
    await rita.destroy();
  });

  it('refuses a bad token with 401 and no socket', async () => {
    const answer = (await rawUpgrade(run.port, '/yjs/cases/case-7', 'forged')).toString('latin1');
    expect(answer.startsWith('HTTP/1.1 401 ')).toBe(true);
    expect(answer).not.toContain('101');
  });

  it('refuses a user without access with 403, and not a byte of the document leaves', async () => {
    const bytes = await rawUpgrade(run.port, '/yjs/cases/case-7', 'tok-nobody');
    const answer = bytes.toString('latin1');
    expect(answer).toBe('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    expect(bytes.includes(Buffer.from('Hemlig'))).toBe(false);
    expect(bytes.includes(Buffer.from(SECRET, 'utf8'))).toBe(false);
  });

  it('refuses paths outside the fixed rooms with 404', async () => {
    for (const p of ['/yjs/users/anna', '/yjs/cases/../registers/x', '/yjs/cases/a.b', '/yjs/cases/case-7/extra']) {
      const answer = (await rawUpgrade(run.port, p, 'tok-anna')).toString('latin1');
      expect(answer.startsWith('HTTP/1.1 404 '), p).toBe(true);
    }
  });

  it('closes a socket that sends an oversized message; the others keep working', async () => {
    const raw = await rawSocket(run, 'tok-raw');
    raw.ws.send(new Uint8Array(MAX_MESSAGE_BYTES + 1));
    expect((await raw.closed).code).toBe(1009);
    await stillConverging(anna, bertil, ' [efter för stort meddelande]');
  });

  it('closes a socket that sends malformed binary messages, without crashing; the others keep working', async () => {
    const garbage = [Uint8Array.of(0, 2, 200, 1, 2, 3), Uint8Array.of(0, 2, 4, 255, 255, 255, 255), Uint8Array.of(77), new Uint8Array()];
    for (const bytes of garbage) {
      const raw = await rawSocket(run, 'tok-raw');
      raw.ws.send(bytes);
      expect((await raw.closed).code).toBe(1007);
    }
    const text = await rawSocket(run, 'tok-raw');
    text.ws.send('{"t":"pull"}');
    expect((await text.closed).code).toBe(1003);
    expect(logLines.filter((l) => l.startsWith('ERROR'))).toEqual([]);
    await stillConverging(bertil, anna, ' [efter trasiga meddelanden]');
  });

  it('refuses an update that would take the document beyond its size with 4413; what was stored stays', async () => {
    const raw = await rawSocket(run, 'tok-big', BIG_ROOM);
    const first = 'a'.repeat(30 * 1024);
    raw.ws.send(updateMessage(first));
    await vi.waitFor(async () => expect(await storedText('cases/case-8')).toBe(first), { timeout: 10_000, interval: 20 });
    raw.ws.send(updateMessage('b'.repeat(30 * 1024)));
    expect(await raw.closed).toEqual({ code: 4413, reason: 'room_too_large' });
    expect(await storedText('cases/case-8')).toBe(first);
    // The room is still usable within its size.
    const again = await rawSocket(run, 'tok-big', BIG_ROOM);
    again.ws.send(updateMessage('liten rad'));
    await vi.waitFor(async () => expect(await storedText('cases/case-8')).toContain('liten rad'), { timeout: 10_000, interval: 20 });
    again.ws.close();
  });

  it('closes with 4529 a user who sends updates faster than their share; the others keep writing', async () => {
    const raw = await rawSocket(run, 'tok-fast');
    const sent = RATE.capacity + 20;
    for (let i = 0; i < sent; i++) raw.ws.send(updateMessage(`snabb-${i};`));
    expect(await raw.closed).toEqual({ code: 4529, reason: 'rate_limited' });
    const stored = await storedText();
    const applied = (stored.match(/snabb-\d+;/g) ?? []).length;
    // A burst up to the bucket (plus what refilled meanwhile) went in; the rest did not.
    expect(applied).toBeGreaterThanOrEqual(RATE.capacity - 1);
    expect(applied).toBeLessThan(sent);
    await stillConverging(anna, bertil, ' [efter för snabba ändringar]');
  });

  it('refuses room sockets beyond the per-session cap with 429', async () => {
    const held = [];
    for (let i = 0; i < MAX_SOCKETS_PER_SESSION; i++) held.push(await rawSocket(run, 'tok-many'));
    const answer = (await rawUpgrade(run.port, '/yjs/cases/case-7', 'tok-many')).toString('latin1');
    expect(answer).toBe('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    held[0]!.ws.close();
    await held[0]!.closed;
    const after = await rawSocket(run, 'tok-many');
    for (const h of [...held.slice(1), after]) h.ws.close();
  });

  it('revoked while connected: closes with 4403, the client does not reconnect and deletes its offline copy', async () => {
    const bertilCopy = localCopyName(run.url, 'bertil', ROOM);
    // The offline copy holds the text before revocation…
    await vi.waitFor(async () => expect(await localDatabases()).toContain(bertilCopy), { timeout: 10_000, interval: 20 });
    access.delete('bertil:cases/case-7');
    const upgradesBefore = run.upgrades.length;
    await run.rooms.revalidate({ userId: 'bertil' });
    expect(await bertil.ended).toBe('revoked');
    // …and is gone after it.
    expect(await localDatabases()).not.toContain(bertilCopy);
    let state = '';
    bertil.status.subscribe((s) => (state = s.state))();
    expect(state).toBe('revoked');
    // y-websocket's back-off would have retried within 2 × 100 ms; wait well past that.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(run.upgrades.length).toBe(upgradesBefore);
    // Anna was not affected.
    anna.text('notes').insert(0, 'Anna fortsätter. ');
    await vi.waitFor(async () => expect(await storedText()).toContain('Anna fortsätter.'), { timeout: 10_000, interval: 50 });
  });

  it('refuses the revoked user when it tries to join again', async () => {
    const answer = (await rawUpgrade(run.port, '/yjs/cases/case-7', 'tok-bertil')).toString('latin1');
    expect(answer.startsWith('HTTP/1.1 403 ')).toBe(true);
  });

  it('does not apply an update a socket sends after its access was revoked', async () => {
    const raw = await rawSocket(run, 'tok-raw');
    raw.ws.send(updateMessage('FÖRE-ÅTERKALLELSE'));
    await vi.waitFor(() => expect(anna.text('notes').toString()).toContain('FÖRE-ÅTERKALLELSE'), { timeout: 10_000, interval: 20 });
    access.delete('raw:cases/case-7');
    const dropped = logLines.filter((l) => l.includes('dropped a message after close')).length;
    // The revocation is decided before the server reads the next frame (same process, microtasks first).
    const revalidation = run.rooms.revalidate({ room: ROOM.id });
    raw.ws.send(updateMessage('EFTER-ÅTERKALLELSE'));
    await revalidation;
    expect(await raw.closed).toEqual({ code: 4403, reason: 'access_revoked' });
    await vi.waitFor(() => expect(logLines.filter((l) => l.includes('dropped a message after close')).length).toBe(dropped + 1), {
      timeout: 10_000,
      interval: 20,
    });
    await stillConverging(anna, open(run, 'cecilia'), ' [kontroll]');
    expect(anna.text('notes').toString()).not.toContain('EFTER-ÅTERKALLELSE');
    expect(await storedText()).not.toContain('EFTER-ÅTERKALLELSE');
  });

  it('checks again a socket admitted while a revocation was being applied', async () => {
    let open!: () => void;
    doraGate = new Promise((resolve) => (open = resolve));
    const upgradesBefore = run.upgrades.length;
    const ws = new WebSocket(`ws://127.0.0.1:${run.port}/yjs/cases/case-7`, [YJS_SUBPROTOCOL, 'auth.tok-dora']);
    ws.on('error', () => undefined);
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    await vi.waitFor(() => expect(run.upgrades.length).toBe(upgradesBefore + 1), { timeout: 10_000, interval: 10 });
    // Dora's upgrade said yes, but is not attached yet when her access is revoked.
    access.delete('dora:cases/case-7');
    await run.rooms.revalidate({ userId: 'dora' });
    doraGate = null;
    open();
    expect(await closed).toBe(4403);
  });

  it('a session that is no longer valid is closed with 4401 and its offline copy deleted', async () => {
    const cecilia = open(run, 'cecilia');
    await synced(cecilia);
    tokens.delete('tok-cecilia');
    await run.rooms.revalidate();
    expect(await cecilia.ended).toBe('signed-out');
    expect(await localDatabases()).not.toContain(localCopyName(run.url, 'cecilia', ROOM));
  });

  it('keeps the document across a server restart', async () => {
    const before = anna.text('notes').toString();
    await anna.destroy();
    await run.stop();
    expect(await storedText()).toBe(before);
    run = await start();
    tokens.set('tok-cecilia', 'cecilia');
    await forgetAllRooms(session(run, 'cecilia'));
    const fresh = open(run, 'cecilia');
    await synced(fresh);
    await vi.waitFor(() => expect(fresh.text('notes').toString()).toBe(before), { timeout: 10_000, interval: 20 });
    expect(before).toContain(SECRET);
    await fresh.destroy();
  });
});
