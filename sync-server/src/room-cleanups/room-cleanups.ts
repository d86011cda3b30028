import type { RoomRef } from '../../../shared/src/protocol/yjs-room';
import { scrubAfter } from '../disposal/scrub';
import type { Logger } from '../logger';
import type { Storage } from '../storage/storage';

/** What the clean-ups do to the rooms (the server's Yjs rooms, `yjs/yjs-rooms.ts`). */
export interface CleanedRooms {
  /** Deletes a room (a record's working notes). */
  forget(ref: RoomRef): Promise<void>;
  /** Empties a room's texts (a disposed agenda item's proposal). */
  clearTexts(ref: RoomRef): Promise<void>;
  replaceQuotes(ref: RoomRef, quotes: readonly string[], replacement: string): Promise<void>;
}

export interface RoomCleanupsDeps {
  storage: Storage;
  rooms: CleanedRooms;
  log: Logger;
  now: () => number;
}

/** What the health endpoint says of the queue: how many wait and how long the oldest has (never what they hold). */
export interface RoomCleanupHealth {
  pending: number;
  /** Whole seconds since the oldest was queued; null when none waits. */
  oldestAgeSeconds: number | null;
}

/**
 * The rooms live in `yjs.sqlite`, outside the transactions of the acts that destroy content
 * (disposal, an archive receipt with `remove`): each act queues what the rooms owe in its own
 * transaction (`StorageTx.roomCleanups`), and this service does it after the commit, at start-up
 * and after each later act. One queue, whoever filled it.
 */
export class RoomCleanups {
  constructor(private readonly deps: RoomCleanupsDeps) {}

  /**
   * Does every clean-up still owed, oldest first; each row goes once its room is done. The acts
   * are committed: a room that cannot be changed is said in the log (and counted in the health
   * endpoint) and tried again after the next act or at start. Returns how many were done.
   */
  async run(): Promise<number> {
    const { storage, rooms, log } = this.deps;
    let done = 0;
    for (const c of await storage.roomCleanups.pending()) {
      try {
        if (c.action === 'forget') await rooms.forget(c.room);
        else if (c.action === 'clear') await rooms.clearTexts(c.room);
        else await rooms.replaceQuotes(c.room, c.quotes, c.replacement);
        await storage.transaction((tx) => tx.roomCleanups.done(c.id));
        done++;
      } catch (err) {
        log.error('could not remove disposed or archived text from a room; tried again after the next act or at start', {
          act: `${c.act} ${c.actId}`,
          room: `${c.room.collection}/${c.room.id}`,
          err: String(err),
        });
      }
    }
    return done;
  }

  /** At start, before the server listens: the clean-ups left undone, then the remnants of their rows. */
  async resume(): Promise<void> {
    if ((await this.run()) > 0) await scrubAfter(this.deps.storage, this.deps.log, 'room clean-ups');
  }

  async health(): Promise<RoomCleanupHealth> {
    const { pending, oldestQueuedAt } = await this.deps.storage.roomCleanups.backlog();
    const oldestAgeSeconds =
      oldestQueuedAt === null ? null : Math.max(0, Math.floor((this.deps.now() - Date.parse(oldestQueuedAt)) / 1000));
    return { pending, oldestAgeSeconds };
  }
}
