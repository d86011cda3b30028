import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RECORD_MIGRATIONS, type RecordMigrationTable } from '../../../../shared/src';
import { SqliteStorage } from '../sqlite.adapter';
import { migrateStoredRecords } from './record-runner';
import { DataFolderTooNewError, migrateDatabase } from './runner';

/** The real steps of cases: a fresh data folder stores cases at this shape. */
const N = RECORD_MIGRATIONS.cases.length;
/** A synthetic step for cases after the real ones, injected here only. */
const WITH_PRIORITY: RecordMigrationTable = {
  ...RECORD_MIGRATIONS,
  cases: [...RECORD_MIGRATIONS.cases, { description: 'cases: priority (normal)', up: (r) => ({ ...r, priority: 'normal' }) }],
};

let dir: string;
let file: string;
let db: Database.Database;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'diarium-mig-rec-'));
  file = path.join(dir, 'diarium.sqlite');
  db = new Database(file);
  migrateDatabase(db, file);
});
afterEach(() => {
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Cases stored at shape 0, more than one batch of them, and one record of another collection. */
function storeCases(count: number): void {
  const insert = db.prepare('INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 1; i <= count; i++) {
      const id = `c${String(i).padStart(5, '0')}`;
      insert.run(
        'cases',
        id,
        'reg-ks',
        i,
        2,
        i === count ? 1 : 0,
        JSON.stringify({ id, registerId: 'reg-ks', title: `Ärende ${i}`, syncVersion: 2 }),
      );
    }
    insert.run('parties', 'p1', 'reg-ks', count + 1, 1, 0, JSON.stringify({ id: 'p1', registerId: 'reg-ks', name: 'Anna' }));
  })();
}

const rows = (collection: string) =>
  db
    .prepare<[string], { id: string; seq: number; version: number; deleted: number; data: string }>(
      'SELECT * FROM records WHERE collection = ? ORDER BY id',
    )
    .all(collection);
const storedVersion = (collection: string) =>
  db.prepare<[string], { version: number }>('SELECT version FROM record_versions WHERE collection = ?').get(collection)?.version;

describe('migrateStoredRecords', () => {
  it('rewrites every stored record of a collection that is behind, in batches, keeping seq and version', () => {
    storeCases(1203);
    const before = rows('cases');
    const parties = rows('parties');
    expect(migrateStoredRecords(db, WITH_PRIORITY)).toEqual([{ collection: 'cases', from: N, to: N + 1, records: 1203 }]);
    const after = rows('cases');
    expect(after.map(({ id, seq, version, deleted }) => ({ id, seq, version, deleted }))).toEqual(
      before.map(({ id, seq, version, deleted }) => ({ id, seq, version, deleted })),
    );
    expect(after.every((r) => JSON.parse(r.data).priority === 'normal')).toBe(true);
    expect(JSON.parse(after[0]!.data)).toEqual({
      id: 'c00001',
      registerId: 'reg-ks',
      title: 'Ärende 1',
      syncVersion: 2,
      priority: 'normal',
    });
    expect(rows('parties')).toEqual(parties);
    expect(storedVersion('cases')).toBe(N + 1);

    // Done once: the next start finds the collection current.
    expect(migrateStoredRecords(db, WITH_PRIORITY)).toEqual([]);
  });

  it('treats records stored before versions were kept (no row) as shape 0', () => {
    storeCases(3);
    db.exec('DELETE FROM record_versions');
    expect(migrateStoredRecords(db, WITH_PRIORITY)).toEqual([
      { collection: 'cases', from: 0, to: N + 1, records: 3 },
      // The party stored by storeCases is taken through the real steps too.
      { collection: 'parties', from: 0, to: RECORD_MIGRATIONS.parties.length, records: 1 },
    ]);
  });

  it('rolls a collection back whole when a step fails on one record', () => {
    storeCases(700);
    const failing: RecordMigrationTable = {
      ...RECORD_MIGRATIONS,
      cases: [
        ...RECORD_MIGRATIONS.cases,
        {
          description: 'fails on the last',
          up: (r) => {
            if (r.id === 'c00700') throw new Error('cannot migrate c00700');
            return { ...r, priority: 'normal' };
          },
        },
      ],
    };
    expect(() => migrateStoredRecords(db, failing)).toThrow(/cannot migrate c00700/);
    expect(rows('cases').some((r) => 'priority' in JSON.parse(r.data))).toBe(false);
    expect(storedVersion('cases')).toBe(N);
  });
});

describe('migrateDatabase with record steps', () => {
  it('copies the database before rewriting records when only the records are behind, and removes it next time', () => {
    storeCases(2);
    const report = migrateDatabase(db, file, { records: WITH_PRIORITY });
    expect(report.backup).not.toBeNull();
    expect(report.records).toEqual([{ collection: 'cases', from: N, to: N + 1, records: 2 }]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.bak'))).toHaveLength(1);
    expect(migrateDatabase(db, file, { records: WITH_PRIORITY }).backup).toBeNull();
    expect(readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('refuses records stored by a newer server', () => {
    storeCases(1);
    db.prepare("UPDATE record_versions SET version = 5 WHERE collection = 'cases'").run();
    expect(() => migrateDatabase(db, file)).toThrow(DataFolderTooNewError);
    expect(() => migrateDatabase(db, file)).toThrow('stored cases records');
  });

  it('runs at SqliteStorage start, so the server only ever reads current shapes', async () => {
    storeCases(2);
    db.close();
    const storage = new SqliteStorage(dir, { records: WITH_PRIORITY });
    try {
      expect((await storage.getRecord('cases', 'c00001'))?.data.priority).toBe('normal');
    } finally {
      await storage.close();
    }
  });
});
