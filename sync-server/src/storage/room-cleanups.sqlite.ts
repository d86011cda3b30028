import type Database from 'better-sqlite3';
import type { QueuedRoomCleanup, RoomCleanupReads, RoomCleanupTx } from './room-cleanups-storage';

interface RoomCleanupDb {
  id: number;
  act: QueuedRoomCleanup['act'];
  act_id: string;
  queued_at: string;
  collection: QueuedRoomCleanup['room']['collection'];
  record_id: string;
  action: QueuedRoomCleanup['action'];
  quotes_json: string;
  replacement: string;
}

const out = (r: RoomCleanupDb): QueuedRoomCleanup => {
  const base = { id: r.id, act: r.act, actId: r.act_id, queuedAt: r.queued_at, room: { collection: r.collection, id: r.record_id } };
  return r.action === 'quotes'
    ? { ...base, action: r.action, quotes: JSON.parse(r.quotes_json) as string[], replacement: r.replacement }
    : { ...base, action: r.action };
};

/** Reads of the queue on one connection: the reader (committed state) or the writer (inside a transaction). */
export function roomCleanupReads(db: Database.Database): RoomCleanupReads {
  return {
    pending: async () => db.prepare<[], RoomCleanupDb>('SELECT * FROM room_cleanups ORDER BY id').all().map(out),
    backlog: async () => {
      const row = db
        .prepare<[], { n: number; oldest: string | null }>('SELECT COUNT(*) AS n, MIN(queued_at) AS oldest FROM room_cleanups')
        .get()!;
      return { pending: row.n, oldestQueuedAt: row.oldest };
    },
  };
}

/** The queue's writes on the writer connection; only called inside a storage transaction. */
export function roomCleanupTx(w: Database.Database): RoomCleanupTx {
  return {
    ...roomCleanupReads(w),
    queue: async (rows, at) => {
      const insert = w.prepare(
        `INSERT INTO room_cleanups (act, act_id, queued_at, collection, record_id, action, quotes_json, replacement)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const r of rows)
        insert.run(
          r.act,
          r.actId,
          at,
          r.room.collection,
          r.room.id,
          r.action,
          r.action === 'quotes' ? JSON.stringify(r.quotes) : '[]',
          r.action === 'quotes' ? r.replacement : '',
        );
    },
    done: async (id) => {
      w.prepare('DELETE FROM room_cleanups WHERE id = ?').run(id);
    },
  };
}
