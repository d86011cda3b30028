import { AUTH_SUBPROTOCOL_PREFIX, isRoomRef, YJS_PATH_PREFIX, YJS_SUBPROTOCOL, type RoomRef } from '../../../../shared/src';
import { databaseName } from '../replica/database';

/**
 * Where a record's Yjs room lives on the sync server (the address in shared/src/protocol/yjs-room.ts),
 * and which local IndexedDB database keeps its offline copy.
 */
export function assertRoomRef(ref: RoomRef): void {
  if (!isRoomRef(ref.collection, ref.id)) {
    throw new Error(`not a room: ${String(ref.collection)}/${String(ref.id)}`);
  }
}

/** y-websocket appends `/<roomname>` to this base; the room name is the record id. */
export function roomSocketBase(serverUrl: string, ref: RoomRef): string {
  return `${serverUrl.replace(/\/+$/, '').replace(/^http/, 'ws')}${YJS_PATH_PREFIX}${ref.collection}`;
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
