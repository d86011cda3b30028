import { writable, type Readable } from 'svelte/store';
import * as decoding from 'lib0/decoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { API, ROOM_CLOSE, ROOM_MODE_READ_ONLY, YJS_MESSAGE_ROOM_MODE, type RoomRef } from '../../../../shared/src';
import { deleteDatabase, deleteDatabasesStartingWith } from './local-copy';
import { assertRoomRef, localCopyName, localCopyPrefix, roomProtocols, roomSocketBase } from './room-address';

/**
 * What the UI shows about a room. `revoked` and `signed-out` are final: the local copy is gone.
 * `too-large` is final too (the server refused an update beyond the room's size); the copy stays.
 */
export type RoomState = 'connecting' | 'online' | 'offline' | 'revoked' | 'signed-out' | 'too-large' | 'closed';
export interface RoomStatus {
  state: RoomState;
  /** The server's state has been received since the socket opened. */
  synced: boolean;
  /** The offline copy on this machine has been loaded into the document. */
  localLoaded: boolean;
  /** The server says this user may only read (no edit rights, or the record is final). */
  readOnly: boolean;
  /** The server refused updates sent too fast; the room reconnects and re-sends them. */
  rateLimited: boolean;
}

/** The parts of a session a room needs (a replica `Session` fits). */
export interface RoomSession {
  serverUrl: string;
  token: string;
  user: { id: string };
}

export interface RoomDeps {
  /** The browser's WebSocket, or `ws` in Node. */
  WebSocketImpl?: unknown;
  fetchImpl?: typeof fetch;
  /** Used to delete offline copies; y-indexeddb itself uses the global `indexedDB`. */
  idb?: IDBFactory;
}

export interface CollabRoom {
  readonly ref: RoomRef;
  readonly doc: Y.Doc;
  text(name: string): Y.Text;
  readonly status: Readable<RoomStatus>;
  /** Resolves when the room reached a final state (revoked, signed out, closed), local copy handled. */
  readonly ended: Promise<RoomState>;
  /** Closes the room and keeps the offline copy. */
  destroy(): Promise<void>;
}

const openRooms = new Map<string, { room: CollabRoom; forget(): Promise<void> }>();

async function sessionState(session: RoomSession, fetchImpl: typeof fetch): Promise<'ok' | 'unauthorized' | 'inactive'> {
  try {
    const res = await fetchImpl(`${session.serverUrl}${API.me}`, { headers: { authorization: `Bearer ${session.token}` } });
    return res.status === 401 ? 'unauthorized' : res.status === 403 ? 'inactive' : 'ok';
  } catch {
    return 'ok';
  }
}

/**
 * Opens the collaborative room of a record: the offline copy from IndexedDB and the server room
 * over y-websocket, authenticated like the sync socket. When the server closes with 4403 (access
 * revoked) or 4401 (session no longer valid), the provider stops for good and the offline copy is
 * deleted from this machine.
 */
export function openRoom(session: RoomSession, ref: RoomRef, deps: RoomDeps = {}): CollabRoom {
  assertRoomRef(ref);
  const idb = deps.idb ?? globalThis.indexedDB;
  const fetchImpl = deps.fetchImpl ?? globalThis.fetch.bind(globalThis);
  const name = localCopyName(session.serverUrl, session.user.id, ref);
  const previous = openRooms.get(name);
  if (previous) void previous.room.destroy();

  const doc = new Y.Doc();
  const status = writable<RoomStatus>({ state: 'connecting', synced: false, localLoaded: false, readOnly: false, rateLimited: false });
  const persistence = new IndexeddbPersistence(name, doc);
  const provider = new WebsocketProvider(roomSocketBase(session.serverUrl, ref), ref.id, doc, {
    protocols: roomProtocols(session.token),
    // Other tabs may be signed in as someone else: every copy goes through the server's access check.
    disableBc: true,
    maxBackoffTime: 10_000,
    ...(deps.WebSocketImpl ? { WebSocketPolyfill: deps.WebSocketImpl as typeof WebSocket } : {}),
  });

  let final: RoomState | null = null;
  let resolveEnded: (state: RoomState) => void = () => undefined;
  const ended = new Promise<RoomState>((resolve) => (resolveEnded = resolve));
  let opened = false;

  const set = (patch: Partial<RoomStatus>) => status.update((s) => ({ ...s, ...patch }));
  void persistence.whenSynced.then(() => set({ localLoaded: true }));

  async function end(state: RoomState, forgetLocal: boolean): Promise<void> {
    if (final) return;
    final = state;
    provider.destroy();
    await persistence.destroy();
    if (forgetLocal) await deleteDatabase(idb, name);
    doc.destroy();
    if (openRooms.get(name)?.room === room) openRooms.delete(name);
    set({ state, synced: false });
    resolveEnded(state);
  }

  // Diarium's own message: whether this user may write here.
  provider.messageHandlers[YJS_MESSAGE_ROOM_MODE] = (_encoder, decoder) => {
    if (!final) set({ readOnly: decoding.readVarUint(decoder) === ROOM_MODE_READ_ONLY });
  };

  provider.on('status', ({ status: s }) => {
    if (final) return;
    if (s === 'connecting') opened = false;
    if (s === 'connected') opened = true;
    set({
      state: s === 'connected' ? 'online' : s === 'connecting' ? 'connecting' : 'offline',
      ...(s === 'connected' ? {} : { synced: false }),
    });
  });
  provider.on('sync', (synced) => {
    if (!final) set(synced ? { synced, rateLimited: false } : { synced });
  });
  provider.on('closed', ({ code }) => {
    if (code === ROOM_CLOSE.accessRevoked) void end('revoked', true);
    else if (code === ROOM_CLOSE.sessionExpired) void end('signed-out', true);
    else if (code === ROOM_CLOSE.tooLarge) void end('too-large', false);
  });
  // A refused upgrade (401/403) looks like a network failure in a browser: ask the API which it was.
  provider.on('connection-close', (event) => {
    if (final) return;
    if (event?.code === ROOM_CLOSE.rateLimited) set({ rateLimited: true });
    if (opened) return;
    void sessionState(session, fetchImpl).then((s) => {
      if (s === 'unauthorized') void end('signed-out', true);
      else if (s === 'inactive') void end('revoked', true);
    });
  });

  const room: CollabRoom = {
    ref,
    doc,
    text: (textName) => doc.getText(textName),
    status: { subscribe: status.subscribe },
    ended,
    destroy: () => end('closed', false),
  };
  openRooms.set(name, { room, forget: () => end('closed', true) });
  return room;
}

/** The room of a record when this page has it open (a view editing it), else null. */
export function openedRoom(session: RoomSession, ref: RoomRef): CollabRoom | null {
  return openRooms.get(localCopyName(session.serverUrl, session.user.id, ref))?.room ?? null;
}

/** Removes one room's offline copy (e.g. the replica learned that access to the record is gone). */
export async function forgetRoom(session: RoomSession, ref: RoomRef, idb: IDBFactory = globalThis.indexedDB): Promise<void> {
  const name = localCopyName(session.serverUrl, session.user.id, ref);
  const open = openRooms.get(name);
  if (open) await open.forget();
  else await deleteDatabase(idb, name);
}

/** Sign-out or loss of all access: closes every room of the user and removes every offline copy. */
export async function forgetAllRooms(session: RoomSession, idb: IDBFactory = globalThis.indexedDB): Promise<void> {
  const prefix = localCopyPrefix(session.serverUrl, session.user.id);
  await Promise.all([...openRooms.entries()].filter(([n]) => n.startsWith(prefix)).map(([, r]) => r.forget()));
  await deleteDatabasesStartingWith(idb, prefix);
}
