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
