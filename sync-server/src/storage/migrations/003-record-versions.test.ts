import { describe, expect, it } from 'vitest';
import { recordVersions } from './003-record-versions';
import { testDatabase } from './test-database';

const t = testDatabase('mig-003');

describe('003 record versions', () => {
  it('creates an empty table of one version per collection', () => {
    recordVersions.up(t.db);
    t.db.prepare("INSERT INTO record_versions VALUES ('cases', 2)").run();
    expect(() => t.db.prepare("INSERT INTO record_versions VALUES ('cases', 3)").run()).toThrow(/UNIQUE/);
    expect(t.db.prepare('SELECT * FROM record_versions').all()).toEqual([{ collection: 'cases', version: 2 }]);
  });
});
