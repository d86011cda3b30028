import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordVersions } from './003-record-versions';

let dir: string;
let db: Database.Database;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'diarium-mig-003-'));
  db = new Database(path.join(dir, 'diarium.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('003 record versions', () => {
  it('creates an empty table of one version per collection', () => {
    recordVersions.up(db);
    db.prepare("INSERT INTO record_versions VALUES ('cases', 2)").run();
    expect(() => db.prepare("INSERT INTO record_versions VALUES ('cases', 3)").run()).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT * FROM record_versions').all()).toEqual([{ collection: 'cases', version: 2 }]);
  });
});
