/**
 * `npx tsx tests/bench/disposal-quotes.ts [--meetings N] [--quotes Q]`: the disposal's search for
 * quotes of disposed titles outside the agendas that named them (`meetingRecordsQuoting`, one pass
 * over the meetings collection inside the disposal's transaction) over N meetings (default 2 000,
 * one in twenty without adjusted minutes) with 20 items, an announcement and a notice of adjusted
 * minutes each, plus 1 000 free public notices, for Q disposed titles (default 1 000). Baseline in
 * the same process: the agenda read every disposal already makes (`agendaItemsListing` for Q
 * document ids, one pass over the same collection). Prints the medians of seven runs (`--runs`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { emptyMeetingRecord, type MeetingRecord } from '../../shared/src/model/meeting';
import { ADJUSTED_MINUTES_STATUSES } from '../../shared/src/rules/disposal';
import { SqliteStorage } from '../../sync-server/src/storage/sqlite.adapter';

const { values } = parseArgs({
  options: {
    meetings: { type: 'string', default: '2000' },
    quotes: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '7' },
  },
});
const MEETINGS = Number(values.meetings);
const QUOTES = Number(values.quotes);
const RUNS = Number(values.runs);
const title = (i: number) => `Bygglov för tillbyggnad av fritidshus på fastigheten Ekudden ${i}:${(i * 7919) % 1000}`;
const filler = 'Nämnden beslutar enligt förvaltningens förslag och lägger informationen till handlingarna. ';

function load(dataDir: string): void {
  const db = new Database(path.join(dataDir, 'diarium.sqlite'));
  let seq = (db.prepare<[], { s: number | null }>('SELECT max(seq) AS s FROM records').get()?.s ?? 0) + 1;
  const insert = db.prepare(
    "INSERT INTO records (collection, id, register_id, seq, version, deleted, data) VALUES ('meetings', ?, 'reg-ks', ?, 1, 0, ?)",
  );
  const put = (r: MeetingRecord) => insert.run(r.id, seq++, JSON.stringify(r));
  const rec = (kind: MeetingRecord['kind'], id: string, o: Partial<MeetingRecord>) => ({
    ...emptyMeetingRecord(kind, { id, registerId: 'reg-ks' }),
    ...o,
  });
  db.transaction(() => {
    for (let m = 0; m < MEETINGS; m++) {
      const meetingId = `m${m}`;
      put(rec('meeting', meetingId, { bodyId: 'b1', status: m % 20 === 0 ? 'planned' : 'closed', date: '2024-05-01' }));
      for (let i = 0; i < 20; i++) {
        const n = m * 20 + i;
        // Every item quotes one of 100 000 titles, so a few of the disposed ones are found.
        put(
          rec('item', `i${n}`, {
            bodyId: 'b1',
            meetingId,
            itemKind: 'other',
            title: title(n * 13),
            proposal: filler.repeat(3),
            decision: filler,
            documentIds: [`d${n}`],
          }),
        );
      }
      put(rec('posting', `a${m}`, { postingKind: 'meeting_announcement', meetingId, title: 'Kungörelse', text: filler.repeat(4) }));
      put(rec('posting', `p${m}`, { postingKind: 'minutes_adjusted', meetingId, title: 'Tillkännagivande', text: filler.repeat(2) }));
    }
    for (let f = 0; f < 1000; f++)
      put(rec('posting', `f${f}`, { postingKind: 'public_notice', title: 'Kungörelse', text: `${filler}${title(f * 31)}` }));
  })();
  db.close();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-disposal-quotes-'));
  try {
    new SqliteStorage(dataDir).close();
    load(dataDir);
    const storage = new SqliteStorage(dataDir);
    const quotes = Array.from({ length: QUOTES }, (_, q) => title(q * 97));
    const documentIds = Array.from({ length: QUOTES }, (_, q) => `d${q * 37}`);
    const base: number[] = [];
    const search: number[] = [];
    let found = 0;
    for (let r = 0; r < RUNS; r++) {
      let t = performance.now();
      await storage.disposal.agendaItemsListing(documentIds);
      base.push(performance.now() - t);
      t = performance.now();
      found = (await storage.disposal.meetingRecordsQuoting(quotes, ADJUSTED_MINUTES_STATUSES)).length;
      search.push(performance.now() - t);
    }
    const [b, s] = [median(base), median(search)];
    console.log(
      JSON.stringify({
        meetings: MEETINGS,
        records: MEETINGS * 23 + 1000,
        quotes: QUOTES,
        found,
        baselineMs: Math.round(b),
        searchMs: Math.round(s),
        ratio: +(s / b).toFixed(2),
      }),
    );
    await storage.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
