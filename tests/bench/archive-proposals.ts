/**
 * `npx tsx tests/bench/archive-proposals.ts [--cases N]`: what is due for transfer to the e-archive
 * (the archivist's proposals, `dueForTransfer` on a snapshot of the data folder) over a register of
 * N cases (default 20 000; one in ten closed years ago, two documents each) and 2 000 free-standing
 * documents. Prints the median of seven runs (`--runs`) and the query plans of the reads that find candidates.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { sampleCase, sampleClassNode, sampleDocument, sampleDocumentType, sampleRegister } from '../../shared/src/testing/samples';
import { ArchiveLookup, dueForTransfer } from '../../sync-server/src/archive/collect';
import { ArchiveDataFolder } from '../../sync-server/src/archive/data-folder';
import { SqliteStorage } from '../../sync-server/src/storage/sqlite.adapter';
import { removeDataDir } from './proc';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '20000' }, runs: { type: 'string', default: '7' } } });
const cases = Number(values.cases);
const FREE = 2000;
const RUNS = Number(values.runs);

async function load(dataDir: string): Promise<void> {
  // The schema through the server's own storage; the rows straight into the table (the write path
  // with its search index would take most of the run and is measured elsewhere).
  const storage = new SqliteStorage(dataDir);
  await storage.transaction(async (tx) => {
    await tx.putRecord('registers', sampleRegister());
    await tx.putRecord('classes', sampleClassNode());
    await tx.putRecord('doctypes', sampleDocumentType());
  });
  await storage.close();
  const db = new Database(path.join(dataDir, 'diarium.sqlite'));
  try {
    let seq = (db.prepare<[], { s: number }>('SELECT max(seq) AS s FROM records').get()?.s ?? 0) + 1;
    const insert = db.prepare(
      'INSERT INTO records (collection, id, register_id, seq, version, deleted, data) VALUES (?, ?, ?, ?, 1, 0, ?)',
    );
    const put = (collection: string, data: { id: string; registerId: string }) =>
      insert.run(collection, data.id, data.registerId, seq++, JSON.stringify(data));
    db.transaction(() => {
      for (let i = 0; i < cases; i++) {
        const closed = i % 10 === 0;
        const id = `case-${i}`;
        put(
          'cases',
          sampleCase({
            id,
            caseNumber: `KS 2020-${String(i).padStart(5, '0')}`,
            serial: i,
            partyIds: [],
            status: closed ? 'closed' : 'registered',
            closedDate: closed ? '2021-03-01' : '',
          }),
        );
        for (let d = 1; d <= 2; d++)
          put(
            'documents',
            sampleDocument({
              id: `${id}-d${d}`,
              caseId: id,
              documentTypeId: 'dt-beslut',
              status: 'registered',
              documentNumber: `KS 2020-${i}-${d}`,
              serial: d,
            }),
          );
      }
      for (let i = 0; i < FREE; i++)
        put(
          'documents',
          sampleDocument({
            id: `free-${i}`,
            caseId: '',
            documentTypeId: 'dt-beslut',
            documentNumber: `KSH 2020-${i}`,
            serial: i,
            status: i % 4 === 0 ? 'registered' : 'registered_unchecked',
            registeredDate: '2020-05-01',
          }),
        );
    })();
  } finally {
    db.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'diarium-bench-archive-'));
try {
  const t0 = performance.now();
  await load(dataDir);
  console.error(`loaded ${cases} cases, ${2 * cases + FREE} documents in ${Math.round(performance.now() - t0)} ms`);
  const times: number[] = [];
  let counts = { cases: 0, documents: 0 };
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const folder = ArchiveDataFolder.snapshot(dataDir);
    try {
      const due = dueForTransfer(folder, new ArchiveLookup(folder), '2026-12-07', 0, 'reg-ks');
      counts = { cases: due.cases.length, documents: due.documents.length };
    } finally {
      folder.close();
    }
    times.push(performance.now() - start);
  }
  console.log(
    `archive proposals over ${cases} cases: median ${median(times).toFixed(1)} ms of ${RUNS} (due: ${counts.cases} cases, ${counts.documents} free-standing documents)`,
  );
  const db = new Database(path.join(dataDir, 'diarium.sqlite'), { readonly: true });
  try {
    for (const sql of [
      // Before migration 023: every case read, and per closed case its documents (the planner chose the primary key).
      `SELECT data FROM records WHERE collection = 'cases' AND deleted = 0`,
      `SELECT data FROM records WHERE collection = 'documents' AND json_extract(data, '$.caseId') = 'case-0' AND deleted = 0`,
      // Now (data-folder.ts): the candidates through their partial indexes, a case's documents through records_by_case.
      `SELECT data FROM records INDEXED BY records_closed_cases WHERE collection = 'cases' AND deleted = 0 AND json_extract(data, '$.status') = 'closed' AND register_id = 'reg-ks' AND json_extract(data, '$.closedDate') <= '2026-12-31'`,
      `SELECT data FROM records INDEXED BY records_registered_free_documents WHERE collection = 'documents' AND deleted = 0 AND json_extract(data, '$.caseId') = '' AND json_extract(data, '$.status') = 'registered' AND register_id = 'reg-ks' AND json_extract(data, '$.registeredDate') <= '2026-12-31'`,
      `SELECT data FROM records INDEXED BY records_by_case WHERE collection = 'documents' AND json_extract(data, '$.caseId') = 'case-0' AND deleted = 0`,
    ]) {
      const plan = db
        .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((p) => p.detail);
      console.log(`${sql}\n  → ${plan.join(' | ')}`);
    }
  } finally {
    db.close();
  }
} finally {
  removeDataDir(dataDir);
}
