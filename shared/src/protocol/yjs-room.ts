/**
 * Yjs room addresses, shared by the server (which parses them) and the client (which builds
 * them): `/yjs/<collection>/<recordId>`. A room belongs to exactly one record and inherits its
 * access rules, so only collections whose records carry collaborative text qualify.
 */
export const YJS_PATH_PREFIX = '/yjs/';
/** Offered by the client next to `auth.<token>`; the server echoes it (browsers insist on one). */
export const YJS_SUBPROTOCOL = 'diarium-yjs.v1';

export const ROOM_COLLECTIONS = ['cases', 'documents', 'meetings'] as const;
export type RoomCollection = (typeof ROOM_COLLECTIONS)[number];

export interface RoomRef {
  collection: RoomCollection;
  id: string;
}

const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether a collection and id name a room that can exist. */
export function isRoomRef(collection: string, id: string): boolean {
  return (ROOM_COLLECTIONS as readonly string[]).includes(collection) && ROOM_ID.test(id);
}

/**
 * Diarium's own y-websocket message type (after the stock 0–3): the server tells each socket at
 * join, and again when it changes, whether it may write. Payload: one varUint, a `RoomMode`.
 */
export const YJS_MESSAGE_ROOM_MODE = 100;
export const ROOM_MODE_WRITE = 0;
export const ROOM_MODE_READ_ONLY = 1;

/**
 * Close codes of a room socket. 44xx: a decision a reconnect cannot change (y-websocket stops);
 * 45xx: try again later (y-websocket reconnects with back-off and re-sends what the server lacks).
 */
export const ROOM_CLOSE = {
  sessionExpired: 4401,
  accessRevoked: 4403,
  /** The update would make the room's document larger than the server keeps. */
  tooLarge: 4413,
  /** The user sent updates faster than their share. */
  rateLimited: 4529,
} as const;
