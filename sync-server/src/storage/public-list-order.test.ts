import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SCHEMA_MIGRATIONS } from './migrations';
import { queryPlan, testDatabase } from './migrations/test-database';
import { DAY_GAP, LIMIT, PublicListOrder, STEP, positionBetween } from './public-list-order';
import { publicEntriesSql, type PublicListPosition, type PublicListQuery } from './public-list-sql';

describe('positionBetween', () => {
  it('keeps a day STEP apart and days DAY_GAP apart at the ends; halves a gap between; null when none is left', () => {
    expect(positionBetween(null, null)).toBe(0n);
    expect(positionBetween({ rowid: 0n, sameDay: true }, null)).toBe(STEP);
    expect(positionBetween({ rowid: 0n, sameDay: false }, null)).toBe(DAY_GAP);
    expect(positionBetween(null, { rowid: 0n, sameDay: true })).toBe(-STEP);
    expect(positionBetween(null, { rowid: 0n, sameDay: false })).toBe(-DAY_GAP);
    // After its day's last entry, before the next day's first: STEP on.
    expect(positionBetween({ rowid: 0n, sameDay: true }, { rowid: DAY_GAP, sameDay: false })).toBe(STEP);
    expect(positionBetween({ rowid: 0n, sameDay: false }, { rowid: DAY_GAP, sameDay: true })).toBe(DAY_GAP - STEP);
    expect(positionBetween({ rowid: 0n, sameDay: false }, { rowid: DAY_GAP, sameDay: false })).toBe(DAY_GAP / 2n);
    expect(positionBetween({ rowid: 0n, sameDay: true }, { rowid: STEP, sameDay: true })).toBe(STEP / 2n);
    expect(positionBetween({ rowid: 7n, sameDay: true }, { rowid: 8n, sameDay: true })).toBeNull();
    expect(positionBetween({ rowid: LIMIT - 1n, sameDay: true }, null)).toBeNull();
    expect(positionBetween(null, { rowid: -LIMIT + 1n, sameDay: false })).toBeNull();
  });
});

interface Entry extends PublicListPosition {
  title: string;
}

/** A small random source, the same every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const listOrder = (a: PublicListPosition, b: PublicListPosition) =>
  a.registeredDate !== b.registeredDate
    ? a.registeredDate < b.registeredDate
      ? 1
      : -1
    : a.newestKey !== b.newestKey
      ? a.newestKey < b.newestKey
        ? -1
        : 1
      : a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : 0;

function store(db: Database.Database) {
  const order = new PublicListOrder(db);
  const insertEntry = db.prepare(
    `INSERT INTO public_list_entries (rowid, record_id, register_id, registered_date, newest_key, number_prefix, number_year, number_serial,
       number_doc_serial, entry) VALUES (?, ?, 'r', ?, ?, 'KS', 2026, 1, 0, '{}')`,
  );
  const insertText = db.prepare("INSERT INTO public_list_text (rowid, title, description) VALUES (?, ?, '')");
  const rowidOf = db.prepare<[string], bigint>('SELECT rowid FROM public_list_entries WHERE record_id = ?').pluck().safeIntegers();
  return {
    put(e: Entry) {
      const old = rowidOf.get(e.id);
      if (old !== undefined) {
        db.prepare('DELETE FROM public_list_entries WHERE rowid = ?').run(old);
        db.prepare('DELETE FROM public_list_text WHERE rowid = ?').run(old);
      }
      const at = order.place(e.registeredDate, e.newestKey, e.id);
      insertEntry.run(at, e.id, e.registeredDate, e.newestKey);
      insertText.run(at, e.title);
    },
    /** Entries in rowid order, with their words: the words must have moved with their rows. */
    byRowid: () =>
      db
        .prepare<[], Entry>(
          `SELECT e.record_id AS id, e.registered_date AS registeredDate, e.newest_key AS newestKey, t.title AS title
           FROM public_list_entries e JOIN public_list_text t ON t.rowid = e.rowid ORDER BY e.rowid`,
        )
        .all(),
  };
}

const DAYS = ['2026-12-07', '2026-12-08', '2026-12-01', '2025-06-30', '2026-12-06'];
const WORDS = ['bygglov', 'bygglovsansökan', 'avtal', 'remiss', 'protokoll'];

describe('PublicListOrder', () => {
  const t = testDatabase('public-list-order', (db) => SCHEMA_MIGRATIONS.forEach((m) => m.up(db)));

  it('numbers entries in list order however they arrive, move or leave, and pages of words read in that order are the list’s', () => {
    const s = store(t.db);
    const rnd = random(17);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const kept = new Map<string, Entry>();
    t.db.exec('BEGIN'); // as the writer places entries: in a write's transaction
    for (let i = 0; i < 600; i++) {
      // A new entry, one edited (a new place in the list) or one removed.
      const id = rnd() < 0.3 && kept.size ? pick([...kept.keys()]) : `d${String(Math.floor(rnd() * 1e6)).padStart(6, '0')}`;
      if (rnd() < 0.1 && kept.has(id)) {
        const rowid = t.db
          .prepare<[string], bigint>('SELECT rowid FROM public_list_entries WHERE record_id = ?')
          .pluck()
          .safeIntegers()
          .get(id)!;
        t.db.prepare('DELETE FROM public_list_entries WHERE rowid = ?').run(rowid);
        t.db.prepare('DELETE FROM public_list_text WHERE rowid = ?').run(rowid);
        kept.delete(id);
        continue;
      }
      const e = {
        id,
        registeredDate: pick(DAYS),
        newestKey: String(8_000 + Math.floor(rnd() * 50)),
        title: `${pick(WORDS)} ${pick(WORDS)}`,
      };
      s.put(e);
      kept.set(id, e);
    }
    t.db.exec('COMMIT');
    const expected = [...kept.values()].sort(listOrder);
    expect(s.byRowid()).toEqual(expected);

    // Every word page, with date ranges and from every place: as the matches sorted in list order.
    const words = (q: string, e: Entry) => e.title.split(' ').some((w) => w.startsWith(q));
    const statements = new Map<string, ReturnType<typeof t.db.prepare<unknown[], { id: string }>>>();
    const read = (q: PublicListQuery, after: PublicListPosition | null, limit: number) => {
      const { sql, params } = publicEntriesSql(q, after, limit);
      if (!statements.has(sql)) statements.set(sql, t.db.prepare<unknown[], { id: string }>(sql));
      return statements
        .get(sql)!
        .all(...params)
        .map((r) => r.id);
    };
    const afters: (PublicListPosition | null)[] = [null, ...expected.filter((_, i) => i % 37 === 0)];
    // A place no entry holds (a page's last entry since removed): the page goes on after it.
    afters.push({ registeredDate: '2026-12-07', newestKey: '8025', id: 'd5' });
    for (const word of ['bygglov', 'bygg', 'avtal', 'remiss protokoll'])
      for (const [from, to] of [
        ['0000-01-01', '9999-12-31'],
        ['2026-12-01', '2026-12-07'],
        ['2026-12-08', '2026-12-08'],
        ['2027-01-01', '9999-12-31'],
      ] as const)
        for (const after of afters) {
          const q: PublicListQuery = { from, to, number: null, words: word, registerIds: null, includeRestricted: false };
          const want = expected
            .filter((e) => e.registeredDate >= from && e.registeredDate <= to)
            .filter((e) => word.split(' ').every((w) => words(w, e)))
            .filter((e) => !after || listOrder(e, after) > 0)
            .slice(0, 11)
            .map((e) => e.id);
          expect(read(q, after, 11), `${word} ${from}–${to} after ${JSON.stringify(after)}`).toEqual(want);
        }
  });

  it('numbers the list again when a gap is used up, and the order holds', () => {
    const s = store(t.db);
    // Each entry goes between the day's first and the one before: the gap halves every time.
    s.put({ id: 'a', registeredDate: '2026-12-07', newestKey: '1', title: 'avtal' });
    s.put({ id: 'z', registeredDate: '2026-12-07', newestKey: '1', title: 'avtal' });
    s.put({ id: 'b', registeredDate: '2026-12-06', newestKey: '1', title: 'avtal' });
    const ids = [...'yxwvutsrqponmlkjihgfedc'].map((c) => `a${c}`);
    for (const id of ids) s.put({ id, registeredDate: '2026-12-07', newestKey: '1', title: 'avtal' });
    expect(s.byRowid().map((e) => e.id)).toEqual(['a', ...[...ids].reverse(), 'z', 'b']);
    const rowids = t.db.prepare<[], bigint>('SELECT rowid FROM public_list_entries ORDER BY rowid').pluck().safeIntegers().all();
    // STEP halves 20 times; the 21st was placed after numbering all again (STEP apart, the next
    // day DAY_GAP on), then the last two halved the new gap.
    expect(rowids.slice(0, 6)).toEqual([0n, STEP / 8n, STEP / 4n, STEP / 2n, STEP, 2n * STEP]);
    expect(rowids.at(-1)).toBe(DAY_GAP + 22n * STEP);
  });

  it('reads a word page along the words’ index in rowid order, sorting nothing and gathering no match list', () => {
    const q: PublicListQuery = {
      from: '2026-01-01',
      to: '9999-12-31',
      number: null,
      words: 'bygglov',
      registerIds: null,
      includeRestricted: false,
    };
    const { sql, params } = publicEntriesSql(q, { registeredDate: '2026-12-07', newestKey: '1', id: 'd1' }, 26);
    const bound = params.reduce<string>((s, p) => s.replace('?', typeof p === 'number' ? String(p) : `'${String(p)}'`), sql);
    const plan = queryPlan(t.db, bound);
    expect(plan).toMatch(/^SCAN t VIRTUAL TABLE INDEX \d+:M\d*></);
    expect(plan).not.toContain('TEMP B-TREE');
    expect(plan).not.toContain('LIST SUBQUERY');
  });
});
