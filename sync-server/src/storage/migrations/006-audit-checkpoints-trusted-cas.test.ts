import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initial } from './001-initial';
import { auditCheckpointsTrustedCas } from './006-audit-checkpoints-trusted-cas';

let dir: string;
let db: Database.Database;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'diarium-mig-006-'));
  db = new Database(path.join(dir, 'diarium.sqlite'));
  initial.up(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('006 audit checkpoints and trusted CAs', () => {
  it('adds both tables, idempotently, leaving the chain heads as they were', () => {
    db.prepare("INSERT INTO audit_heads VALUES ('reg-ks', 7, 'abc')").run();
    auditCheckpointsTrustedCas.up(db);
    auditCheckpointsTrustedCas.up(db);
    db.prepare("INSERT INTO audit_checkpoints VALUES ('reg-ks', 7, 'abc', '2026-12-06T00:00:00Z', 'k1', 'sig')").run();
    db.prepare("INSERT INTO trusted_cas VALUES ('ca1', 'PEM', 'CN=CA', 'admin', '2026-12-06')").run();
    expect(db.prepare('SELECT * FROM audit_heads').all()).toEqual([{ register_id: 'reg-ks', position: 7, hash: 'abc' }]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM audit_checkpoints').get()).toEqual({ n: 1 });
    expect(() => db.prepare("INSERT INTO trusted_cas VALUES ('ca2', 'PEM', 'CN=CA', 'admin', '2026-12-06')").run()).toThrow(/UNIQUE/);
  });
});
