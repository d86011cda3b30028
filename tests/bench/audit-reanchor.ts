/**
 * `npx tsx tests/bench/audit-reanchor.ts [--entries N] [--runs R]`: how long a disposal's
 * transaction holds the write lock when it re-anchors a register of N scheme 1 actor-register
 * entries (default 20 000, as an upgraded register holds them): all of it inside the transaction
 * (no plan) against a plan computed before it (`planReanchoring`, no lock held), and the baseline
 * of checking the same chain once (`verifyAuditChain`, what every start does), in the same process
 * on copies of the same data folder. Prints the medians of R runs (default 3) and their ratios.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { AUDIT_GENESIS_HASH, type AuditEntry } from '../../shared/src';
import { sampleAudit } from '../../shared/src/testing/samples';
import { auditEntryHash } from '../../sync-server/src/audit/audit-hash';
import { AuditCheckpointer } from '../../sync-server/src/audit/checkpointer';
import { AuditReanchoring, planReanchoring, type ReanchorPlan } from '../../sync-server/src/audit/re-anchor';
import { verifyAuditChain } from '../../sync-server/src/audit/verify-chain';
import { silentLogger } from '../../sync-server/src/logger';
import { SqliteStorage } from '../../sync-server/src/storage/sqlite.adapter';
import { generateKeyPairSync } from 'node:crypto';

const { values } = parseArgs({ options: { entries: { type: 'string', default: '20000' }, runs: { type: 'string', default: '3' } } });
const ENTRIES = Number(values.entries);
const RUNS = Number(values.runs);
const AT = '2026-12-07T10:00:00.000Z';

/** A register of scheme 1 entries (two changes each, as an update has), inserted straight into the table. */
async function load(dataDir: string): Promise<void> {
  await new SqliteStorage(dataDir).close();
  const db = new Database(path.join(dataDir, 'diarium.sqlite'));
  try {
    const insert = db.prepare(
      "INSERT INTO records (collection, id, register_id, seq, version, deleted, data) VALUES ('audit', ?, ?, ?, 1, 0, ?)",
    );
    db.transaction(() => {
      let prevHash = AUDIT_GENESIS_HASH;
      for (let position = 1; position <= ENTRIES; position++) {
        const content: Omit<AuditEntry, 'hash'> = {
          ...sampleAudit({ id: `a-${position}`, recordId: `doc-${position % 2000}`, position, prevHash }),
          changes: [
            { field: 'title', from: `Rubrik ${position}`, to: `Rättad rubrik ${position}` },
            { field: 'status', from: 'registered_unchecked', to: 'registered' },
          ],
        };
        const hash = auditEntryHash(content)!;
        insert.run(content.id, content.registerId, position, JSON.stringify({ ...content, hash }));
        prevHash = hash;
      }
      db.prepare('INSERT INTO audit_heads (register_id, position, hash) VALUES (?, ?, ?)').run(sampleAudit().registerId, ENTRIES, prevHash);
    })();
  } finally {
    db.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'diarium-bench-reanchor-'));
  try {
    const source = path.join(root, 'source');
    await load(source);
    const { privateKey } = generateKeyPairSync('ed25519');
    const verify: number[] = [];
    const inTx: number[] = [];
    const planning: number[] = [];
    const planned: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      for (const withPlan of [false, true]) {
        const dir = path.join(root, `run-${run}-${withPlan ? 'plan' : 'tx'}`);
        mkdirSync(dir);
        copyFileSync(path.join(source, 'diarium.sqlite'), path.join(dir, 'diarium.sqlite'));
        const storage = new SqliteStorage(dir);
        const checkpointer = new AuditCheckpointer(storage, privateKey, dir, () => Date.parse(AT), silentLogger);
        try {
          await checkpointer.checkpoint(true);
          let t = performance.now();
          if (!withPlan) {
            const checked = await verifyAuditChain(storage);
            verify.push(performance.now() - t);
            if (!checked.ok || checked.entries !== ENTRIES) throw new Error(`the loaded chain does not verify: ${JSON.stringify(checked)}`);
          }
          let plan: ReanchorPlan | null = null;
          if (withPlan) {
            t = performance.now();
            plan = await planReanchoring(storage, sampleAudit().registerId);
            planning.push(performance.now() - t);
          }
          // The write lock is held from here to the commit.
          t = performance.now();
          const converted = await storage.transaction(async (tx) => {
            const anchoring = new AuditReanchoring(tx, checkpointer, AT, silentLogger, plan);
            await anchoring.scheme2((await tx.getRecord('audit', 'a-1'))!);
            return anchoring.takeConverted();
          });
          (withPlan ? planned : inTx).push(performance.now() - t);
          if (converted !== ENTRIES) throw new Error(`converted ${converted} of ${ENTRIES}`);
        } finally {
          checkpointer.stop();
          await storage.close();
        }
      }
    }
    const v = median(verify);
    const r = median(inTx);
    const p = median(planned);
    const pl = median(planning);
    console.log(`re-anchoring ${ENTRIES} scheme 1 entries (median of ${RUNS}), write lock held:`);
    console.log(`  all in the transaction: ${r.toFixed(0)} ms`);
    console.log(
      `  planned before it: ${p.toFixed(0)} ms (the plan: ${pl.toFixed(0)} ms without the lock); ratio ${(r / p).toFixed(1)}x less`,
    );
    console.log(
      `baseline, verifying the same chain once: ${v.toFixed(0)} ms; in the transaction ${(r / v).toFixed(1)}x, planned ${(p / v).toFixed(1)}x`,
    );
    console.log(
      `per entry under the lock: ${((r / ENTRIES) * 1000).toFixed(0)} µs without a plan, ${((p / ENTRIES) * 1000).toFixed(0)} µs with one`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

void main();
