import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initial } from './001-initial';
import { enrolmentCodesDevices } from './004-enrolment-codes-devices';

let dir: string;
let db: Database.Database;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'diarium-mig-004-'));
  db = new Database(path.join(dir, 'diarium.sqlite'));
  initial.up(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('004 enrolment codes and devices', () => {
  it('adds the tables and the column, keeping every credential (not to be changed)', () => {
    db.prepare("INSERT INTO credentials VALUES ('u1', 'anna', 'hash')").run();
    enrolmentCodesDevices.up(db);
    expect(db.prepare('SELECT * FROM credentials').get()).toEqual({ user_id: 'u1', username: 'anna', password_hash: 'hash', must_change_password: 0 });
    db.prepare("INSERT INTO enrolment_codes VALUES ('u1', 'h', 1, 'admin', 0)").run();
    db.prepare("INSERT INTO devices VALUES ('t', 'u1', 0)").run();
    expect(db.prepare('SELECT count(*) AS n FROM devices').get()).toEqual({ n: 1 });
  });

  it('runs again without harm (a data folder that had the tables from before numbered migrations)', () => {
    enrolmentCodesDevices.up(db);
    enrolmentCodesDevices.up(db);
    expect(db.prepare<[], { name: string }>('PRAGMA table_info(credentials)').all().map((c) => c.name)).toContain('must_change_password');
  });
});
