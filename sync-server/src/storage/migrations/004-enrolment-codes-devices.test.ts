import { describe, expect, it } from 'vitest';
import { initial } from './001-initial';
import { enrolmentCodesDevices } from './004-enrolment-codes-devices';
import { testDatabase } from './test-database';

const t = testDatabase('mig-004', (db) => initial.up(db));

describe('004 enrolment codes and devices', () => {
  it('adds the tables and the column, keeping every credential (not to be changed)', () => {
    t.db.prepare("INSERT INTO credentials VALUES ('u1', 'anna', 'hash')").run();
    enrolmentCodesDevices.up(t.db);
    expect(t.db.prepare('SELECT * FROM credentials').get()).toEqual({
      user_id: 'u1',
      username: 'anna',
      password_hash: 'hash',
      must_change_password: 0,
    });
    t.db.prepare("INSERT INTO enrolment_codes VALUES ('u1', 'h', 1, 'admin', 0)").run();
    t.db.prepare("INSERT INTO devices VALUES ('t', 'u1', 0)").run();
    expect(t.db.prepare('SELECT count(*) AS n FROM devices').get()).toEqual({ n: 1 });
  });

  it('runs again without harm (a data folder that had the tables from before numbered migrations)', () => {
    enrolmentCodesDevices.up(t.db);
    enrolmentCodesDevices.up(t.db);
    expect(
      t.db
        .prepare<[], { name: string }>('PRAGMA table_info(credentials)')
        .all()
        .map((c) => c.name),
    ).toContain('must_change_password');
  });
});
