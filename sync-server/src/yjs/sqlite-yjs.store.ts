import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import type { Logger } from '../logger';
import type { YjsStore } from './yjs-store';

/** Rows a room may collect before they are merged into one (keeps loads and the file small). */
const COMPACT_AFTER = 200;

/**
 * Room documents in `<dataDir>/yjs.sqlite` (WAL): every update is appended as it arrives, and a
 * room's rows are merged into a single update once there are many, in one transaction.
 */
export class SqliteYjsStore implements YjsStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<[string, Uint8Array]>;
  private readonly rows: Database.Statement<[string], { seq: number; data: Uint8Array }>;
  private readonly count: Database.Statement<[string], { n: number }>;
  private readonly deleteUpTo: Database.Statement<[string, number]>;
  private readonly deleteRoom: Database.Statement<[string]>;

  constructor(
    dataDir: string,
    private readonly compactAfter = COMPACT_AFTER,
    /** Where a log that could not be truncated is said (a reader held it); silent without one. */
    private readonly log?: Logger,
  ) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'yjs.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    // Removed rooms and compacted rows are overwritten, not left in free pages of the file.
    this.db.pragma('secure_delete = ON');
    this.db.exec(`CREATE TABLE IF NOT EXISTS yjs_updates (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      room TEXT NOT NULL,
      data BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS yjs_updates_room ON yjs_updates (room, seq);`);
    this.insert = this.db.prepare('INSERT INTO yjs_updates (room, data) VALUES (?, ?)');
    this.rows = this.db.prepare('SELECT seq, data FROM yjs_updates WHERE room = ? ORDER BY seq');
    this.count = this.db.prepare('SELECT COUNT(*) AS n FROM yjs_updates WHERE room = ?');
    this.deleteUpTo = this.db.prepare('DELETE FROM yjs_updates WHERE room = ? AND seq <= ?');
    this.deleteRoom = this.db.prepare('DELETE FROM yjs_updates WHERE room = ?');
  }

  async load(room: string): Promise<Uint8Array | null> {
    const rows = this.rows.all(room);
    if (rows.length === 0) return null;
    if (rows.length === 1) return new Uint8Array(rows[0]!.data);
    return Y.mergeUpdates(rows.map((r) => new Uint8Array(r.data)));
  }

  async append(room: string, update: Uint8Array): Promise<void> {
    this.insert.run(room, update);
    if (this.count.get(room)!.n >= this.compactAfter) this.compact(room);
  }

  /** A room goes when its record is disposed: its rows, and their earlier pages in the log. */
  async remove(room: string): Promise<void> {
    this.deleteRoom.run(room);
    this.truncateLog(room);
  }

  /**
   * Replaces all of a room's rows by one state (text removed from the room must leave the file:
   * the earlier rows still hold it), and their earlier pages in the log.
   */
  async replace(room: string, state: Uint8Array): Promise<void> {
    this.db.transaction(() => {
      this.deleteRoom.run(room);
      this.insert.run(room, state);
    })();
    this.truncateLog(room);
  }

  /** TRUNCATE is busy while a reader still needs the log; the old pages then stay until the next checkpoint. */
  private truncateLog(room: string): void {
    const [cp] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (cp?.busy !== 0)
      this.log?.warn('yjs: the write-ahead log could not be truncated (a reader held it); old pages remain until the next checkpoint', {
        room,
      });
  }

  /** Replaces a room's rows with their merge; readers see either all old rows or the merged one. */
  private compact(room: string): void {
    this.db.transaction(() => {
      const rows = this.rows.all(room);
      if (rows.length < 2) return;
      const merged = Y.mergeUpdates(rows.map((r) => new Uint8Array(r.data)));
      this.deleteUpTo.run(room, rows[rows.length - 1]!.seq);
      this.insert.run(room, merged);
    })();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
