import { get } from 'svelte/store';
import type { RoomRef } from '../../../../shared/src';
import { openedRoom, openRoom, type CollabRoom, type RoomSession } from '../collab';

/** How long to wait for the server's state of a room before taking the offline copy as it is. */
const SERVER_WAIT_MS = 4000;

function settled(room: CollabRoom, waitMs: number): Promise<void> {
  return new Promise((resolve) => {
    let stop = () => undefined as void;
    const timer = setTimeout(() => {
      stop();
      resolve();
    }, waitMs);
    stop = room.status.subscribe((s) => {
      // The server's state, or the offline copy when there is no connection, is what there is.
      const final = s.state === 'revoked' || s.state === 'signed-out' || s.state === 'closed' || s.state === 'too-large';
      if (s.synced || final || (s.localLoaded && s.state === 'offline')) {
        clearTimeout(timer);
        queueMicrotask(() => stop());
        resolve();
      }
    });
  });
}

/**
 * The current text of a record's collaborative room (a meeting's notice text, an item's proposal):
 * from the room a view has open, else from the room opened for a moment, taking the server's state
 * when it comes within a few seconds and the offline copy on this machine otherwise.
 */
export async function roomText(session: RoomSession, ref: RoomRef, textName: string): Promise<string> {
  const open = openedRoom(session, ref);
  if (open && get(open.status).localLoaded) return open.doc.getText(textName).toString();
  const room = open ?? openRoom(session, ref);
  try {
    await settled(room, SERVER_WAIT_MS);
    return room.doc.getText(textName).toString();
  } finally {
    if (!open) await room.destroy();
  }
}
