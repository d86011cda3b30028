export { forgetAllRooms, forgetRoom, openedRoom, openRoom } from './open-room';
export type { CollabRoom, RoomDeps, RoomSession, RoomState, RoomStatus } from './open-room';
export { applyTextChange, shiftIndex } from './text-binding';
