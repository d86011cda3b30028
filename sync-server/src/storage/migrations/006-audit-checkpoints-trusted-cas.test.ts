import { describe, expect, it } from 'vitest';
import { initial } from './001-initial';
import { auditCheckpointsTrustedCas } from './006-audit-checkpoints-trusted-cas';
import { testDatabase } from './test-database';

const t = testDatabase('mig-006', (db) => initial.up(db));

describe('006 audit checkpoints and trusted CAs', () => {
  it('adds both tables, idempotently, leaving the chain heads as they were', () => {
    t.db.prepare("INSERT INTO audit_heads VALUES ('reg-ks', 7, 'abc')").run();
    auditCheckpointsTrustedCas.up(t.db);
    auditCheckpointsTrustedCas.up(t.db);
    t.db.prepare("INSERT INTO audit_checkpoints VALUES ('reg-ks', 7, 'abc', '2026-12-06T00:00:00Z', 'k1', 'sig')").run();
    t.db.prepare("INSERT INTO trusted_cas VALUES ('ca1', 'PEM', 'CN=CA', 'admin', '2026-12-06')").run();
    expect(t.db.prepare('SELECT * FROM audit_heads').all()).toEqual([{ register_id: 'reg-ks', position: 7, hash: 'abc' }]);
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM audit_checkpoints').get()).toEqual({ n: 1 });
    expect(() => t.db.prepare("INSERT INTO trusted_cas VALUES ('ca2', 'PEM', 'CN=CA', 'admin', '2026-12-06')").run()).toThrow(/UNIQUE/);
  });
});
