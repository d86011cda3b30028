import type Database from 'better-sqlite3';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { RECORD_MIGRATIONS, type RecordMigrationTable } from '../../../../shared/src';
import type { Logger } from '../../logger';
import { SCHEMA_MIGRATIONS } from './index';
import type { SchemaMigration } from './migration';
import { migrateStoredRecords, recordStates } from './record-runner';

/** A data folder written by a newer server: opening it could lose what that version stored. */
export class DataFolderTooNewError extends Error {}

export interface MigrationOptions {
  schema?: readonly SchemaMigration[];
  records?: RecordMigrationTable;
  log?: Logger;
}

export interface MigrationReport {
  from: number;
  to: number;
  /** The copy taken before migrating, or null when there was nothing to migrate. */
  backup: string | null;
  records: { collection: string; from: number; to: number; records: number }[];
}

const backupName = (file: string, version: number) => `${file}.before-v${version}.bak`;

function hasTables(db: Database.Database): boolean {
  return db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get()!.n > 0;
}

/** Backups of earlier migrations: removed once a start finds nothing to migrate, and by disposal. */
export function removeOldBackups(file: string, log?: Logger): string[] {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.before-v`;
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix) || !name.endsWith('.bak')) continue;
    rmSync(path.join(dir, name), { force: true });
    removed.push(name);
    log?.info('storage: removed the backup of an earlier migration', { file: name });
  }
  return removed;
}

/**
 * Brings the database at `file` (open as `db`) to the newest schema and its stored records to the
 * newest shapes. A copy is taken first when anything is behind; a database newer than this code
 * is refused before anything is touched.
 */
export function migrateDatabase(db: Database.Database, file: string, opts: MigrationOptions = {}): MigrationReport {
  const schema = opts.schema ?? SCHEMA_MIGRATIONS;
  const records = opts.records ?? RECORD_MIGRATIONS;
  const from = db.pragma('user_version', { simple: true }) as number;
  const to = schema.length;
  if (from > to) {
    throw new DataFolderTooNewError(
      `the database ${file} is at schema version ${from}, but this server knows versions up to ${to}: it was written by a newer Diarium server. Run that version, or restore the backup taken before it migrated (${backupName(file, from)})`,
    );
  }
  const states = recordStates(db, records);
  const ahead = states.find((s) => s.stored > s.current);
  if (ahead) {
    throw new DataFolderTooNewError(
      `the stored ${ahead.collection} records in ${file} are at shape version ${ahead.stored}, but this server knows versions up to ${ahead.current}: they were written by a newer Diarium server`,
    );
  }
  const behind = from < to || states.some((s) => s.stored < s.current);
  const fresh = !hasTables(db);
  let backup: string | null = null;
  if (!behind) removeOldBackups(file, opts.log);
  else if (!fresh) {
    backup = backupName(file, to);
    // An earlier attempt that failed left its copy: that one holds the older state, keep it.
    if (readdirSync(path.dirname(file)).includes(path.basename(backup)))
      opts.log?.warn('storage: keeping the backup of an earlier migration attempt', { backup });
    else db.prepare('VACUUM INTO ?').run(backup);
    opts.log?.info('storage: copied the database before migrating', { backup, from, to });
  }
  for (let version = from + 1; version <= to; version++) {
    const migration = schema[version - 1]!;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${version}`);
    })();
    if (!fresh) opts.log?.info('storage: migrated', { version, description: migration.description });
  }
  if (fresh) opts.log?.info('storage: created a new database', { file, version: to });
  const migrated = migrateStoredRecords(db, records);
  for (const m of migrated) opts.log?.info('storage: migrated stored records', m);
  return { from, to, backup, records: migrated };
}
