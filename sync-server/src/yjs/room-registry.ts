import type { Logger } from '../logger';
import { Room } from './room';
import type { YjsStore } from './yjs-store';

interface Entry {
  refs: number;
  ready: Promise<Room>;
}

/**
 * The rooms open in memory, counted by their users: loaded from the store on first use, freed
 * when the last user leaves. Concurrent joins of a room share one load.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Entry>();
  private readonly closing = new Set<Promise<void>>();

  constructor(
    private readonly store: YjsStore,
    private readonly log: Logger,
    private readonly maxDocBytes?: number,
  ) {}

  async acquire(key: string): Promise<Room> {
    let entry = this.rooms.get(key);
    if (!entry) {
      entry = { refs: 0, ready: Room.open(key, this.store, this.log, this.maxDocBytes) };
      this.rooms.set(key, entry);
    }
    entry.refs++;
    try {
      return await entry.ready;
    } catch (err) {
      this.release(key);
      throw err;
    }
  }

  release(key: string): void {
    const entry = this.rooms.get(key);
    if (!entry) return;
    entry.refs--;
    if (entry.refs > 0) return;
    this.rooms.delete(key);
    const done = entry.ready.then(
      (room) => room.destroy(),
      () => undefined,
    );
    this.closing.add(done);
    void done.finally(() => this.closing.delete(done));
  }

  get openRooms(): number {
    return this.rooms.size;
  }

  /** Waits until every room released so far has written its last update. */
  async settled(): Promise<void> {
    await Promise.all([...this.closing]);
  }
}
