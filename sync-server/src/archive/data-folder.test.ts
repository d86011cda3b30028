import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStorage } from '../storage/sqlite.adapter';
import { ArchiveDataFolder } from './data-folder';
import { ArchiveError } from './errors';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'diarium-archive-folder-'));

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ArchiveError) return err.code;
    throw err;
  }
  return 'opened';
}

describe('ArchiveDataFolder.open', () => {
  it('refuses a folder without the store', () => {
    expect(codeOf(() => ArchiveDataFolder.open(tmp()))).toBe('no_data_folder');
  });

  it('refuses a folder the server holds open, and holds it against a server while open', async () => {
    const dir = tmp();
    // The store as the server opens it (WAL, reader and writer connections).
    const storage = new SqliteStorage(dir);
    expect(codeOf(() => ArchiveDataFolder.open(dir))).toBe('locked');
    await storage.close();
    const folder = ArchiveDataFolder.open(dir);
    const db = new Database(path.join(dir, 'diarium.sqlite'));
    db.pragma('busy_timeout = 0');
    expect(() => db.prepare('SELECT COUNT(*) FROM records').get()).toThrow(/locked/);
    folder.close();
    expect(db.prepare('SELECT COUNT(*) AS n FROM records').get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a folder of another schema version', async () => {
    const dir = tmp();
    await new SqliteStorage(dir).close();
    const db = new Database(path.join(dir, 'diarium.sqlite'));
    db.pragma('user_version = 3');
    db.close();
    expect(codeOf(() => ArchiveDataFolder.open(dir))).toBe('data_folder_version');
  });
});
