export { createYjsRooms, DEFAULT_MAX_MESSAGE_BYTES } from './yjs-rooms';
export type { RevalidateFilter, YjsRooms, YjsRoomsOptions } from './yjs-rooms';
export type { RoomAccess } from './room-connection';
export { parseRoomPath, roomKey } from './room-path';
export type { YjsStore } from './yjs-store';
export { SqliteYjsStore } from './sqlite-yjs.store';
