import { describe, expect, it } from 'vitest';
import { initial } from './001-initial';
import { recordsSeqRegister } from './025-records-seq-register';
import { testDatabase } from './test-database';

const t = testDatabase('mig-025', (db) => initial.up(db));

const COUNT = "SELECT COUNT(*) AS n FROM records WHERE collection = 'documents' AND seq > ? AND seq <= ? AND register_id IN ('reg-ks')";

describe('025 records by collection, seq and register', () => {
  it('adds the index, idempotently, and a count of a register after a position reads it alone', () => {
    const insert = t.db.prepare(
      "INSERT INTO records (collection, id, register_id, seq, version, deleted, data) VALUES ('documents', ?, ?, ?, 1, 0, '{}')",
    );
    for (let i = 1; i <= 30; i++) insert.run(`d${i}`, i % 3 === 0 ? 'reg-sn' : 'reg-ks', i);
    recordsSeqRegister.up(t.db);
    recordsSeqRegister.up(t.db);
    const plan = (t.db.prepare(`EXPLAIN QUERY PLAN ${COUNT}`).all(0, 100) as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(plan).toContain('COVERING INDEX records_seq_register');
    expect((t.db.prepare(COUNT).get(5, 20) as { n: number }).n).toBe(10);
  });
});
