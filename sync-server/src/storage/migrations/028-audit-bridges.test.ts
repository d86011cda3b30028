import { describe, expect, it } from 'vitest';
import { auditBridges } from './028-audit-bridges';
import { databaseBefore } from './test-database';

const t = databaseBefore('mig-028', auditBridges);

describe('028 audit bridges', () => {
  it('creates the table, idempotently; one row per position and pair of hashes', () => {
    auditBridges.up(t.db);
    auditBridges.up(t.db);
    const insert = t.db.prepare(
      `INSERT INTO audit_bridges (register_id, position, old_hash, new_hash, at, key_id, signature) VALUES ('reg-ks', 3, ?, ?, '2026-12-07T10:00:00.000Z', 'k', 's')`,
    );
    insert.run('a'.repeat(64), 'b'.repeat(64));
    insert.run('b'.repeat(64), 'c'.repeat(64));
    expect(() => insert.run('a'.repeat(64), 'b'.repeat(64))).toThrow(/UNIQUE/);
    expect(t.db.prepare('SELECT count(*) AS n FROM audit_bridges').get()).toEqual({ n: 2 });
  });
});
