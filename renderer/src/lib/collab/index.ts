export { forgetAllRooms, forgetRoom, openRoom } from './open-room';
export type { CollabRoom, RoomDeps, RoomSession, RoomState, RoomStatus } from './open-room';
export { ROOM_COLLECTIONS } from './room-address';
export type { RoomCollection, RoomRef } from './room-address';
export { applyTextChange, shiftIndex } from './text-binding';
