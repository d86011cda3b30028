import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { AUTH_SUBPROTOCOL_PREFIX } from '../../../shared/src';
import type { Logger } from '../logger';
import { CLOSE_ACCESS_REVOKED, CLOSE_SESSION_EXPIRED, RoomConnection, type RoomAccess } from './room-connection';
import { YJS_PATH_PREFIX, YJS_SUBPROTOCOL, type RoomRef } from '../../../shared/src';
import { parseRoomPath, roomKey } from './room-path';
import type { Room } from './room';
import { RoomRegistry } from './room-registry';
import { SqliteYjsStore } from './sqlite-yjs.store';
import { fullBucket, take, type Bucket, type BucketLimits } from './token-bucket';
import type { YjsStore } from './yjs-store';

/** Room messages are edits of working text; a large paste fits many times over. */
export const DEFAULT_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
const DEFAULT_MAX_SOCKETS_PER_USER = 32;
/** One desktop opens a few notes at a time; a session holding more is a runaway client. */
const DEFAULT_MAX_SOCKETS_PER_SESSION = 16;
/**
 * Per user, in units of one per update plus one per KiB: a burst fits a full document's first
 * upload (1 MiB), the refill is far above anyone's typing (tens of updates a second).
 */
export const DEFAULT_UPDATE_RATE: BucketLimits = { capacity: 2048, perSecond: 256 };
const DEFAULT_REVALIDATE_EVERY_MS = 60_000;

export interface YjsRoomsOptions {
  dataDir: string;
  authenticate(token: string | null): Promise<{ id: string } | null>;
  /**
   * What the user may do in the room: write, read only, or nothing (null). `token` identifies
   * the session, for per-session conditions such as a fresh second factor.
   */
  authorize(userId: string, room: RoomRef, token: string | null): Promise<RoomAccess | null>;
  /**
   * The user changed the room's document for the first time with this session (called once per
   * user, room and session, so the actor register gets one entry for it).
   */
  onFirstWrite?(userId: string, room: RoomRef): void;
  log: Logger;
  maxMessageBytes?: number;
  /** Cross-origin check of the upgrade (app.ts `originAllowed`); every origin passes without it. */
  originAllowed?(req: IncomingMessage): boolean;
  /** Open room sockets one user may hold at once; beyond, the upgrade gets 429. */
  maxSocketsPerUser?: number;
  /** Open room sockets one session may hold at once; beyond, the upgrade gets 429. */
  maxSocketsPerSession?: number;
  /** Encoded size a room's document may reach; an update beyond it is refused (close 4413). */
  maxDocBytes?: number;
  /** Update rate per user (token bucket, one unit per update plus one per KiB); beyond, close 4529. */
  updateRate?: BucketLimits;
  now?: () => number;
  /** Safety net besides explicit `revalidate` calls (expired sessions, missed triggers); 0 turns it off. */
  revalidateEveryMs?: number;
  /** Where room documents live; `<dataDir>/yjs.sqlite` by default. */
  store?: YjsStore;
  /** Watches each room socket for a silently vanished client (the server's heartbeat), so its room is released. */
  watchSocket?(ws: WebSocket, userId: string): void;
}

export interface RevalidateFilter {
  userId?: string;
  /** A record id, or a room key `<collection>/<id>`. */
  room?: string;
  /** The sockets of one session (e.g. at sign-out). */
  token?: string;
}

export interface YjsRooms {
  /** True if the path was a Yjs path and the request was taken (answered or upgraded). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Re-checks session and access of open sockets; closes those that lost them (4401 / 4403). */
  revalidate(filter?: RevalidateFilter): Promise<void>;
  /**
   * Deletes what is stored for a room whose record may no longer be opened (a disposed record's
   * notes), after its open sockets are re-checked and closed.
   */
  forget(ref: RoomRef): Promise<void>;
  /** One text of a room's document as it is now ('' when never written). */
  text(ref: RoomRef, name: string): Promise<string>;
  /**
   * Replaces each quote in a room's texts (a disposed record's title in a meeting's notice text):
   * an edit every peer receives, after which the room's stored rows are replaced by its state, so
   * no earlier update holds the quote.
   */
  replaceQuotes(ref: RoomRef, quotes: readonly string[], replacement: string): Promise<void>;
  /**
   * Empties a room's texts the same way (a disposed agenda item's proposal: the item stays on the
   * agenda and its room open, so its peers must receive the removal rather than lose the room).
   */
  clearTexts(ref: RoomRef): Promise<void>;
  close(): Promise<void>;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function refuse(socket: Duplex, status: number): void {
  if (socket.destroyed) return;
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function tokenFromProtocols(header: string | undefined): { token: string | null; ok: boolean } {
  const protocols = (header ?? '').split(',').map((p) => p.trim());
  const auth = protocols.find((p) => p.startsWith(AUTH_SUBPROTOCOL_PREFIX));
  return { token: auth ? auth.slice(AUTH_SUBPROTOCOL_PREFIX.length) : null, ok: protocols.includes(YJS_SUBPROTOCOL) };
}

/**
 * Collaborative-text rooms over the y-websocket protocol, one per record (`/yjs/<collection>/<id>`).
 * Access is checked at the upgrade (401 bad token, 403 no access: not a byte of the document
 * leaves), again on `revalidate`, and a revoked socket can no longer write from that moment.
 */
export function createYjsRooms(opts: YjsRoomsOptions): YjsRooms {
  const { log } = opts;
  const store = opts.store ?? new SqliteYjsStore(opts.dataDir, undefined, log);
  const registry = new RoomRegistry(store, log, opts.maxDocBytes);
  const connections = new Set<RoomConnection>();
  const admissions = new Set<Promise<void>>();
  const maxPerUser = opts.maxSocketsPerUser ?? DEFAULT_MAX_SOCKETS_PER_USER;
  const maxPerSession = opts.maxSocketsPerSession ?? DEFAULT_MAX_SOCKETS_PER_SESSION;
  const rate = opts.updateRate ?? DEFAULT_UPDATE_RATE;
  const now = opts.now ?? Date.now;
  /** Per user, across all their sockets: opening more sockets buys no more rate. */
  const buckets = new Map<string, Bucket>();
  /** `user \0 room \0 session` already recorded as writers (kept while the server runs). */
  const recordedWriters = new Set<string>();
  let closing = false;
  /** Counts revalidations, so a socket admitted while one ran is checked again once it is attached. */
  let generation = 0;

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: opts.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has(YJS_SUBPROTOCOL) ? YJS_SUBPROTOCOL : false),
  });

  const socketsOf = (userId: string) => [...connections].filter((c) => c.userId === userId).length;
  const socketsOfSession = (token: string | null) => [...connections].filter((c) => c.token === token).length;

  const hooks = (userId: string) => ({
    spend(bytes: number): boolean {
      const t = now();
      const r = take(buckets.get(userId) ?? fullBucket(rate, t), 1 + Math.floor(bytes / 1024), rate, t);
      buckets.set(userId, r.bucket);
      return r.ok;
    },
    wrote(conn: RoomConnection): void {
      const key = `${conn.userId}\0${conn.key}\0${conn.token ?? ''}`;
      if (recordedWriters.has(key)) return;
      recordedWriters.add(key);
      opts.onFirstWrite?.(conn.userId, conn.ref);
    },
  });

  async function admit(req: IncomingMessage, socket: Duplex, head: Buffer, ref: RoomRef, token: string | null): Promise<void> {
    const key = roomKey(ref);
    const address = req.socket.remoteAddress;
    const admittedAt = generation;
    const user = await opts.authenticate(token);
    if (!user) {
      log.warn('yjs: refused upgrade, bad or expired token', { room: key, address });
      return refuse(socket, 401);
    }
    const access = await opts.authorize(user.id, ref, token);
    if (!access) {
      log.warn('yjs: refused upgrade, no access to the record', { room: key, userId: user.id, address });
      return refuse(socket, 403);
    }
    if (socketsOf(user.id) >= maxPerUser || socketsOfSession(token) >= maxPerSession) {
      log.warn('yjs: refused upgrade, too many room sockets', { room: key, userId: user.id });
      return refuse(socket, 429);
    }
    if (closing) return refuse(socket, 503);
    if (socket.destroyed) return;
    const room = await registry.acquire(key);
    // ws drops a socket it cannot upgrade without calling back; the room must be released then too.
    let attached = false;
    socket.once('close', () => {
      if (!attached) registry.release(key);
    });
    if (socket.destroyed) return;
    wss.handleUpgrade(req, socket, head, (ws) => {
      attached = true;
      const conn = new RoomConnection(ws, room, ref, user.id, token, access, hooks(user.id), log);
      connections.add(conn);
      opts.watchSocket?.(ws, user.id);
      ws.once('close', () => {
        connections.delete(conn);
        registry.release(key);
      });
      if (generation !== admittedAt) void recheck(conn);
    });
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!pathname.startsWith(YJS_PATH_PREFIX)) return false;
    const ref = parseRoomPath(pathname);
    if (!ref) {
      refuse(socket, 404);
      return true;
    }
    if (opts.originAllowed && !opts.originAllowed(req)) {
      refuse(socket, 403);
      return true;
    }
    const { token, ok } = tokenFromProtocols(req.headers['sec-websocket-protocol']);
    if (!ok) {
      refuse(socket, 400);
      return true;
    }
    if (closing) {
      refuse(socket, 503);
      return true;
    }
    socket.on('error', () => undefined);
    const admission = admit(req, socket, head, ref, token).catch((err: unknown) => {
      log.error('yjs: upgrade failed', { room: roomKey(ref), err: String(err) });
      refuse(socket, 500);
    });
    admissions.add(admission);
    void admission.finally(() => admissions.delete(admission));
    return true;
  }

  async function recheck(conn: RoomConnection): Promise<void> {
    try {
      const user = await opts.authenticate(conn.token);
      if (!user || user.id !== conn.userId) {
        log.info('yjs: session no longer valid, closing room socket', { room: conn.key, userId: conn.userId });
        return conn.close(CLOSE_SESSION_EXPIRED, 'session_expired');
      }
      const access = await opts.authorize(conn.userId, conn.ref, conn.token);
      if (!access) {
        log.info('yjs: access revoked, closing room socket', { room: conn.key, userId: conn.userId });
        return conn.close(CLOSE_ACCESS_REVOKED, 'access_revoked');
      }
      conn.setAccess(access);
    } catch (err) {
      // Fail closed; 1011 is transient, so the client reconnects and is checked at the upgrade.
      log.error('yjs: access check failed, closing room socket', { room: conn.key, userId: conn.userId, err: String(err) });
      conn.close(1011, 'internal_error');
    }
  }

  async function revalidate(filter: RevalidateFilter = {}): Promise<void> {
    generation++;
    const targets = [...connections].filter(
      (c) =>
        (filter.userId === undefined || c.userId === filter.userId) &&
        (filter.token === undefined || c.token === filter.token) &&
        (filter.room === undefined || c.key === filter.room || c.ref.id === filter.room),
    );
    await Promise.all(targets.map(recheck));
  }

  async function forget(ref: RoomRef): Promise<void> {
    await revalidate({ room: roomKey(ref) });
    await store.remove(roomKey(ref));
  }

  /** The room in memory for the time of `fn` (loaded from the store when nobody has it open). */
  async function withRoom<T>(ref: RoomRef, fn: (room: Room) => Promise<T>): Promise<T> {
    const key = roomKey(ref);
    const room = await registry.acquire(key);
    try {
      return await fn(room);
    } finally {
      registry.release(key);
    }
  }

  const text = (ref: RoomRef, name: string) => withRoom(ref, async (room) => room.doc.getText(name).toString());

  /**
   * An edit the server makes in a room (open or not): peers receive it like any other; then the
   * stored rows are replaced by the room's state, in which gc has dropped the removed text. They
   * are replaced even when nothing changed in a room that has a state: a clean-up tried again
   * after its edit was stored but not its replacement finds the text gone, the rows still holding it.
   */
  async function edit(ref: RoomRef, change: (room: Room) => boolean): Promise<void> {
    await withRoom(ref, async (room) => {
      if (!change(room) && room.doc.store.clients.size === 0) return;
      await room.flushed();
      await store.replace(roomKey(ref), Y.encodeStateAsUpdate(room.doc));
    });
  }

  const replaceQuotes = async (ref: RoomRef, quotes: readonly string[], replacement: string) =>
    quotes.length === 0 ? undefined : edit(ref, (room) => room.replaceQuotes(quotes, replacement));
  const clearTexts = (ref: RoomRef) => edit(ref, (room) => room.clearTexts());

  const every = opts.revalidateEveryMs ?? DEFAULT_REVALIDATE_EVERY_MS;
  const timer = every > 0 ? setInterval(() => void revalidate(), every) : null;
  timer?.unref();

  async function close(): Promise<void> {
    if (closing) return;
    closing = true;
    if (timer) clearInterval(timer);
    await Promise.all([...admissions]);
    for (const conn of connections) conn.close(1001, 'server_closing');
    const gone = [...wss.clients].map(
      (client) =>
        new Promise<void>((resolve) => (client.readyState === WebSocket.CLOSED ? resolve() : client.once('close', () => resolve()))),
    );
    for (const client of wss.clients) client.terminate();
    await Promise.all(gone);
    wss.close();
    await registry.settled();
    await store.close();
  }

  return { handleUpgrade, revalidate, forget, text, replaceQuotes, clearTexts, close };
}
