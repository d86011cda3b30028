import { AUTH_SUBPROTOCOL_PREFIX } from '../../../../shared/src';
import { databaseName } from '../replica/database';

/**
 * Where a record's Yjs room lives: `/yjs/<collection>/<recordId>` on the sync server, and which
 * local IndexedDB database keeps its offline copy. The server parses the same path
 * (sync-server/src/yjs/room-path.ts); keep them in step.
 */
export const ROOM_COLLECTIONS = ['cases', 'documents', 'meetings'] as const;
export type RoomCollection = (typeof ROOM_COLLECTIONS)[number];
export interface RoomRef {
  collection: RoomCollection;
  id: string;
}

export const YJS_SUBPROTOCOL = 'diarium-yjs.v1';
const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function assertRoomRef(ref: RoomRef): void {
  if (!ROOM_COLLECTIONS.includes(ref.collection) || !ROOM_ID.test(ref.id)) {
    throw new Error(`not a room: ${String(ref.collection)}/${String(ref.id)}`);
  }
}

/** y-websocket appends `/<roomname>` to this base; the room name is the record id. */
export function roomSocketBase(serverUrl: string, ref: RoomRef): string {
  return `${serverUrl.replace(/\/+$/, '').replace(/^http/, 'ws')}/yjs/${ref.collection}`;
}

/** The subprotocols of a room socket: the token travels like on the sync socket, never in the URL. */
export function roomProtocols(token: string): string[] {
  return [YJS_SUBPROTOCOL, `${AUTH_SUBPROTOCOL_PREFIX}${token}`];
}

/** Every offline copy of one user on one server starts with this. */
export function localCopyPrefix(serverUrl: string, userId: string): string {
  // Shaped like the replica's own stores (`…-<databaseName>--…`), so removing the replica removes these too.
  return `yjs-${databaseName(serverUrl, userId)}--`;
}

/** The IndexedDB database holding one room's offline copy, per user so users of one machine never share it. */
export function localCopyName(serverUrl: string, userId: string, ref: RoomRef): string {
  return `${localCopyPrefix(serverUrl, userId)}${ref.collection}-${ref.id}`;
}
