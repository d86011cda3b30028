/**
 * Yjs room addresses: `/yjs/<collection>/<recordId>`. A room belongs to exactly one record and
 * inherits its access rules, so only collections whose records carry collaborative text qualify.
 * The renderer builds the same path (renderer/src/lib/collab/room-url.ts); keep them in step.
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

function isRoomCollection(value: string): value is RoomCollection {
  return (ROOM_COLLECTIONS as readonly string[]).includes(value);
}

/** The room a request path names, or null for anything else (no decoding, no trailing parts). */
export function parseRoomPath(pathname: string): RoomRef | null {
  if (!pathname.startsWith(YJS_PATH_PREFIX)) return null;
  const parts = pathname.slice(YJS_PATH_PREFIX.length).split('/');
  if (parts.length !== 2) return null;
  const [collection, id] = parts as [string, string];
  if (!isRoomCollection(collection) || !ROOM_ID.test(id)) return null;
  return { collection, id };
}

/** The key a room is stored and shared under. */
export function roomKey(ref: RoomRef): string {
  return `${ref.collection}/${ref.id}`;
}
