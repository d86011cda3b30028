import { describe, expect, it } from 'vitest';
import { publicListOrder } from './030-public-list-order';
import { databaseBefore } from './test-database';

const t = databaseBefore('mig-030', publicListOrder);

const DAY = 1n << 40n;
const STEP = 1n << 20n;

describe('030 public list order', () => {
  it('numbers the entries of an older data folder in list order, their words with them, and numbers them the same when run again', () => {
    // As 022 left them: rowids in the order the entries were written, not the list's.
    const entry = t.db.prepare(
      `INSERT INTO public_list_entries (record_id, register_id, registered_date, newest_key, number_prefix, number_year, number_serial,
         number_doc_serial, entry) VALUES (?, 'r', ?, ?, 'KS', 2026, ?, 1, ?) RETURNING rowid`,
    );
    const text = t.db.prepare('INSERT INTO public_list_text (rowid, title, description) VALUES (?, ?, ?)');
    const rows: [string, string, string, string][] = [
      ['d3', '2026-12-06', '8000', 'Remiss om strandskydd'],
      ['d1', '2026-12-07', '8002', 'Ansökan om bygglov'],
      ['d4', '2026-12-07', '8001', 'Avtal om bygglov'],
      ['d2', '2026-12-07', '8001', 'Protokoll'],
      ['d5', '2025-01-02', '9000', 'Yttrande över bygglov'],
    ];
    for (const [serial, [id, date, key, title]] of rows.entries()) {
      const { rowid } = entry.get(id, date, key, serial, JSON.stringify({ title })) as { rowid: number };
      text.run(rowid, title, `Beskrivning ${id}`);
    }

    publicListOrder.up(t.db);
    const read = () =>
      t.db
        .prepare<[], { rowid: bigint; id: string; entry: string; title: string; description: string }>(
          `SELECT e.rowid AS rowid, e.record_id AS id, e.entry AS entry, t.title AS title, t.description AS description
           FROM public_list_entries e JOIN public_list_text t ON t.rowid = e.rowid ORDER BY e.rowid`,
        )
        .safeIntegers()
        .all();
    const after = read();
    expect(after.map((r) => [r.rowid, r.id])).toEqual([
      [0n, 'd2'],
      [STEP, 'd4'],
      [2n * STEP, 'd1'],
      [DAY + 3n * STEP, 'd3'],
      [2n * DAY + 4n * STEP, 'd5'],
    ]);
    // What each row holds is unchanged, its words with it.
    for (const r of after) {
      const [, , , title] = rows.find((x) => x[0] === r.id)!;
      expect([JSON.parse(r.entry).title, r.title, r.description]).toEqual([title, title, `Beskrivning ${r.id}`]);
    }
    expect(
      t.db.prepare("SELECT rowid FROM public_list_text WHERE public_list_text MATCH 'bygglov' ORDER BY rowid").pluck().safeIntegers().all(),
    ).toEqual([STEP, 2n * STEP, 2n * DAY + 4n * STEP]);

    publicListOrder.up(t.db);
    expect(read()).toEqual(after);
  });
});
