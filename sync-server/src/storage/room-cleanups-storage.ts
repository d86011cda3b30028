import type { RoomRef } from '../../../shared/src/protocol/yjs-room';

/** The acts that destroy content a room may hold: a disposal, an archive receipt with `remove`. */
export type RoomCleanupAct = 'disposal' | 'archive';

/**
 * A room clean-up a committed act still owes (migration 029, was 027): delete a record's notes,
 * empty a disposed item's proposal, or replace the quotes of disposed records in a room. `actId`:
 * the disposal decision's or the archive transfer's id.
 */
export type RoomCleanup = { act: RoomCleanupAct; actId: string; room: RoomRef } & (
  { action: 'forget' } | { action: 'clear' } | { action: 'quotes'; quotes: string[]; replacement: string }
);

/** A queued clean-up with its row id and when its act queued it. */
export type QueuedRoomCleanup = RoomCleanup & { id: number; queuedAt: string };

/** How many clean-ups wait and since when (for the health endpoint: nothing of what they hold). */
export interface RoomCleanupBacklog {
  pending: number;
  /** The oldest's `queuedAt`; null when none waits. */
  oldestQueuedAt: string | null;
}

export interface RoomCleanupReads {
  /** The clean-ups still to do, oldest first. */
  pending(): Promise<QueuedRoomCleanup[]>;
  backlog(): Promise<RoomCleanupBacklog>;
}

export interface RoomCleanupTx extends RoomCleanupReads {
  /** Queues clean-ups in the act's transaction; `at`: the act's time. */
  queue(rows: readonly RoomCleanup[], at: string): Promise<void>;
  done(id: number): Promise<void>;
}
