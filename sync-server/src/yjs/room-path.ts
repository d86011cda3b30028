import { isRoomRef, YJS_PATH_PREFIX, type RoomCollection, type RoomRef } from '../../../shared/src';

/** The room a request path names, or null for anything else (no decoding, no trailing parts). */
export function parseRoomPath(pathname: string): RoomRef | null {
  if (!pathname.startsWith(YJS_PATH_PREFIX)) return null;
  const parts = pathname.slice(YJS_PATH_PREFIX.length).split('/');
  if (parts.length !== 2) return null;
  const [collection, id] = parts as [string, string];
  return isRoomRef(collection, id) ? { collection: collection as RoomCollection, id } : null;
}

/** The key a room is stored and shared under. */
export function roomKey(ref: RoomRef): string {
  return `${ref.collection}/${ref.id}`;
}
