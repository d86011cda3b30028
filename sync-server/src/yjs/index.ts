export { createYjsRooms, DEFAULT_MAX_MESSAGE_BYTES } from './yjs-rooms';
export type { RevalidateFilter, YjsRooms, YjsRoomsOptions } from './yjs-rooms';
export { ROOM_COLLECTIONS, YJS_PATH_PREFIX, YJS_SUBPROTOCOL, parseRoomPath, roomKey } from './room-path';
export type { RoomCollection, RoomRef } from './room-path';
export type { YjsStore } from './yjs-store';
export { SqliteYjsStore } from './sqlite-yjs.store';
