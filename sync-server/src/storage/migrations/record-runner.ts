import type Database from 'better-sqlite3';
import { migrateRecord, type CollectionName, type RecordMigrationTable } from '../../../../shared/src';

/** Records rewritten per statement batch: bounds memory on a large register. */
const BATCH = 500;

export interface CollectionState {
  collection: CollectionName;
  /** The shape the stored JSON is at. */
  stored: number;
  /** The shape this code writes. */
  current: number;
  /** Whether `record_versions` has the collection's row. */
  recorded: boolean;
}

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?").get(name)!.n > 0;
}

/**
 * Where each collection's stored JSON stands. No row: version 0 if the collection has records
 * (stored before versions were kept), else nothing to migrate (current).
 */
export function recordStates(db: Database.Database, migrations: RecordMigrationTable): CollectionState[] {
  const hasRecords = tableExists(db, 'records');
  const rows = tableExists(db, 'record_versions')
    ? new Map(
        db
          .prepare<[], { collection: string; version: number }>('SELECT collection, version FROM record_versions')
          .all()
          .map((r) => [r.collection, r.version]),
      )
    : new Map<string, number>();
  const anyRecord = hasRecords ? db.prepare<[string], { x: number }>('SELECT 1 AS x FROM records WHERE collection = ? LIMIT 1') : null;
  return (Object.keys(migrations) as CollectionName[]).map((collection) => {
    const current = migrations[collection].length;
    const stored = rows.get(collection) ?? (anyRecord?.get(collection) ? 0 : current);
    return { collection, stored, current, recorded: rows.has(collection) };
  });
}

/**
 * Rewrites every stored record of a collection that is behind with the shared migration steps,
 * in batches, one transaction per collection together with its version row. `seq` and `version`
 * stay: clients run the same steps on their replica, so nothing needs to be sent again.
 * Expects the schema migrations to have run (the `record_versions` table exists).
 */
export function migrateStoredRecords(
  db: Database.Database,
  migrations: RecordMigrationTable,
): { collection: CollectionName; from: number; to: number; records: number }[] {
  const page = db.prepare<[string, string, number], { id: string; data: string }>(
    'SELECT id, data FROM records WHERE collection = ? AND id > ? ORDER BY id LIMIT ?',
  );
  const update = db.prepare<[string, string, string]>('UPDATE records SET data = ? WHERE collection = ? AND id = ?');
  const setVersion = db.prepare<[string, number]>(
    'INSERT INTO record_versions (collection, version) VALUES (?, ?) ON CONFLICT (collection) DO UPDATE SET version = excluded.version',
  );
  const done: { collection: CollectionName; from: number; to: number; records: number }[] = [];
  for (const { collection, stored, current, recorded } of recordStates(db, migrations)) {
    if (stored > current) throw new Error(`stored ${collection} records are at version ${stored}, newer than this server's ${current}`);
    if (stored === current && recorded) continue;
    db.transaction(() => {
      let records = 0;
      if (stored < current) {
        let after = '';
        for (let rows = page.all(collection, after, BATCH); rows.length; rows = page.all(collection, after, BATCH)) {
          for (const row of rows) {
            const next = migrateRecord(collection, stored, JSON.parse(row.data) as Record<string, unknown>, migrations);
            update.run(JSON.stringify(next), collection, row.id);
          }
          records += rows.length;
          after = rows[rows.length - 1]!.id;
        }
        done.push({ collection, from: stored, to: current, records });
      }
      setVersion.run(collection, current);
    })();
  }
  return done;
}
