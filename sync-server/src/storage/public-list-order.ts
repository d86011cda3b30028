import type Database from 'better-sqlite3';

/**
 * Rowids of the public list's projection that follow the list's order (registration date newest
 * first, then newest_key, then id): public_list_text shares them, so a word search reads its
 * matches in list order and a page stops at its last row instead of gathering every match of a
 * common word. A new entry takes a number between its neighbours'; gaps are left so that this
 * rarely fails, and when it does every entry is numbered again (`renumber`).
 * Numbers are 64-bit (BigInt): a day's entries STEP apart, days DAY_GAP apart.
 */

/** Between entries of one day: 2^20 entries can follow a day's last one before numbers are halved. */
export const STEP = 1n << 20n;
/** Between days: 2^20 entries a day at STEP, and up to 2^21 days each side of 0 within LIMIT. */
export const DAY_GAP = 1n << 40n;
/** Numbers stay within ±LIMIT (2^62), clear of SQLite's 64-bit bounds. */
export const LIMIT = 1n << 62n;

/** A neighbour of a new entry: its number and whether it is on the new entry's day. */
export interface Neighbour {
  rowid: bigint;
  sameDay: boolean;
}

/**
 * The number of an entry placed after `prev` and before `next` (either absent at the list's ends),
 * or null when there is no free number between them (then the list is numbered again).
 * Next to an entry of its own day it keeps STEP away, so a day filled in order never halves a gap.
 */
export function positionBetween(prev: Neighbour | null, next: Neighbour | null): bigint | null {
  let at: bigint;
  if (!prev && !next) at = 0n;
  else if (!next) at = prev!.rowid + (prev!.sameDay ? STEP : DAY_GAP);
  else if (!prev) at = next.rowid - (next.sameDay ? STEP : DAY_GAP);
  else {
    at = prev.sameDay ? prev.rowid + STEP : next.sameDay ? next.rowid - STEP : prev.rowid + (next.rowid - prev.rowid) / 2n;
    if (at <= prev.rowid || at >= next.rowid) at = prev.rowid + (next.rowid - prev.rowid) / 2n;
    if (at <= prev.rowid) return null;
  }
  return at > -LIMIT && at < LIMIT ? at : null;
}

interface Row {
  rowid: bigint;
  registered_date: string;
}

/** Positions of the projection's entries, on the connection that writes them (in its transaction). */
export class PublicListOrder {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    const one = (sql: string) =>
      db.prepare<unknown[], Row>(`SELECT rowid, registered_date FROM public_list_entries ${sql} LIMIT 1`).safeIntegers();
    this.s = {
      // Each a seek on the order index (registered_date DESC, newest_key, record_id).
      prevSameDay: one('WHERE registered_date = ? AND (newest_key, record_id) < (?, ?) ORDER BY newest_key DESC, record_id DESC'),
      prevDay: one('WHERE registered_date > ? ORDER BY registered_date ASC, newest_key DESC, record_id DESC'),
      nextSameDay: one('WHERE registered_date = ? AND (newest_key, record_id) > (?, ?) ORDER BY newest_key, record_id'),
      nextDay: one('WHERE registered_date < ? ORDER BY registered_date DESC, newest_key, record_id'),
    };
  }

  /** The number of a new entry at (date, newestKey, id): between its neighbours', the list numbered again if need be. */
  place(date: string, newestKey: string, id: string): bigint {
    const at = this.between(date, newestKey, id);
    if (at !== null) return at;
    this.renumber();
    return this.between(date, newestKey, id) ?? this.fail();
  }

  private between(date: string, newestKey: string, id: string): bigint | null {
    const s = this.s;
    const neighbour = (r: Row | undefined): Neighbour | null => (r ? { rowid: r.rowid, sameDay: r.registered_date === date } : null);
    const prev = s.prevSameDay.get(date, newestKey, id) ?? s.prevDay.get(date);
    const next = s.nextSameDay.get(date, newestKey, id) ?? s.nextDay.get(date);
    return positionBetween(neighbour(prev), neighbour(next));
  }

  /**
   * Every entry numbered again in list order, days DAY_GAP apart and entries STEP apart (as
   * migration 030 first did), their words moved with them: the rows are copied out and back, since
   * rowids swapped in place could collide.
   */
  renumber(): void {
    this.db.exec(`
      CREATE TEMP TABLE public_list_renumbered AS
        SELECT e.record_id, e.register_id, e.registered_date, e.newest_key, e.number_prefix, e.number_year, e.number_serial,
          e.number_doc_serial, e.entry, ifnull(t.title, '') AS title, ifnull(t.description, '') AS description,
          (dense_rank() OVER (ORDER BY e.registered_date DESC) - 1) * ${DAY_GAP}
            + (row_number() OVER (ORDER BY e.registered_date DESC, e.newest_key, e.record_id) - 1) * ${STEP} AS position
        FROM public_list_entries e LEFT JOIN public_list_text t ON t.rowid = e.rowid;
      DELETE FROM public_list_text;
      DELETE FROM public_list_entries;
      INSERT INTO public_list_entries (rowid, record_id, register_id, registered_date, newest_key, number_prefix, number_year,
          number_serial, number_doc_serial, entry)
        SELECT position, record_id, register_id, registered_date, newest_key, number_prefix, number_year, number_serial,
          number_doc_serial, entry FROM temp.public_list_renumbered;
      INSERT INTO public_list_text (rowid, title, description) SELECT position, title, description FROM temp.public_list_renumbered;
      DROP TABLE temp.public_list_renumbered;
    `);
  }

  private fail(): never {
    throw new Error('public list: no position left for an entry after numbering the list again');
  }
}
