import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStorage } from '../storage/sqlite.adapter';
import { appendAudit } from './audit';
import { DISPOSED_AUDIT_VALUE, type AuditEntry } from '../../../shared/src';
import { auditEntryHash, canonicalJson, disposeEntryValues, sealEntryValues } from './audit-hash';
import { describeAuditResult, verifyAuditChain } from './verify-chain';

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: 'å' }, null], c: { e: true, d: 'x' } })).toBe(
      '{"a":[{"x":"å","y":2},null],"b":1,"c":{"d":"x","e":true}}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('leaves out undefined properties and refuses undefined values elsewhere', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(() => canonicalJson(undefined)).toThrow('not serialisable');
  });
});

describe('auditEntryHash', () => {
  const entry = { id: 'a1', registerId: 'reg-ks', position: 1, prevHash: '0'.repeat(64), label: 'KS 2026-00001' };

  it('ignores hash, syncVersion and updatedAt, and nothing else', () => {
    const h = auditEntryHash(entry);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(auditEntryHash({ ...entry, hash: 'x', syncVersion: 7, updatedAt: '2030-01-01T00:00:00.000Z' })).toBe(h);
    expect(auditEntryHash({ ...entry, label: 'KS 2026-00002' })).not.toBe(h);
    expect(auditEntryHash({ ...entry, prevHash: '1'.repeat(64) })).not.toBe(h);
  });
});

describe('auditEntryHash by scheme', () => {
  const base = { id: 'a1', registerId: 'reg-ks', position: 1, prevHash: '0'.repeat(64), action: 'update' };
  const label = 'Bygglov Storgatan 1';
  const changes = [
    { field: 'title', from: 'Bygglov Storgatan 1', to: 'Bygglov Storgatan 3' },
    { field: 'status', from: 'registered', to: 'closed' },
  ];
  const sealed = () => ({ ...base, label, changes, hashScheme: 2, ...sealEntryValues(label, changes) }) as unknown as AuditEntry;

  it('scheme 1 (entries stored before audit v2) hashes as before: the new fields are not part of it', () => {
    const old = { ...base, label, changes };
    expect(auditEntryHash({ ...old, hashScheme: 1, valueSeals: [] })).toBe(auditEntryHash(old));
  });

  it('scheme 2 keeps its hash when values are disposed of, and only then', () => {
    const entry = sealed();
    const hash = auditEntryHash(entry)!;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const disposed = disposeEntryValues(entry, { label: true, changes: [true, false] })!;
    expect(disposed.label).toBe(DISPOSED_AUDIT_VALUE);
    expect(disposed.changes).toEqual([{ field: 'title', from: DISPOSED_AUDIT_VALUE, to: DISPOSED_AUDIT_VALUE }, changes[1]]);
    expect(disposed.valueSeals.map((v) => v.salt === '')).toEqual([true, true, false]);
    expect(JSON.stringify(disposed)).not.toContain('Storgatan');
    expect(auditEntryHash(disposed)).toBe(hash);
    // A value changed under its seal, a disposed one brought back or changed, a salt kept with the marker: no hash.
    expect(auditEntryHash({ ...entry, changes: [changes[0], { ...changes[1]!, to: 'annulled' }] })).toBeNull();
    expect(auditEntryHash({ ...disposed, label: 'Något annat' })).toBeNull();
    expect(auditEntryHash({ ...disposed, label })).toBeNull();
    expect(auditEntryHash({ ...entry, label: DISPOSED_AUDIT_VALUE })).toBeNull();
    // What is not sealed is hashed as itself.
    expect(auditEntryHash({ ...disposed, actorName: 'Någon annan' })).not.toBe(hash);
    expect(auditEntryHash({ ...disposed, changes: [{ ...disposed.changes[0]!, field: 'description' }, changes[1]] })).not.toBe(hash);
  });

  it('a scheme 1 entry cannot dispose of a value (its hash covers it)', () => {
    expect(disposeEntryValues({ ...sealed(), hashScheme: 1 }, { label: true, changes: [] })).toBeNull();
  });
});

describe('verifyAuditChain', () => {
  let dataDir: string;
  let storage: SqliteStorage;
  let n = 0;
  const newId = () => `audit-${String(++n).padStart(3, '0')}`;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-chain-'));
    storage = new SqliteStorage(dataDir);
    n = 0;
  });

  afterEach(async () => {
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Appends `count` entries to each register, interleaved, in one transaction (fsync per commit is slow). */
  async function fill(registers: string[], count: number): Promise<void> {
    await storage.transaction(async (tx) => {
      for (let i = 0; i < count; i++) {
        for (const registerId of registers) {
          await appendAudit(
            tx,
            {
              actor: { id: 'u1', displayName: 'Anna Lind' },
              at: '2026-11-26T09:00:00.000Z',
              action: 'update',
              collection: 'cases',
              record: { collection: 'cases', id: `c-${i}`, registerId, seq: 1, version: 1, deleted: false, data: {} },
              caseId: `c-${i}`,
              label: `Ärende ${i}`,
              changes: [{ field: 'title', from: 'A', to: `B ${i}` }],
            },
            newId,
          );
        }
      }
    });
  }

  /** Edits the stored database directly, as someone with file access would. */
  function tamper(sql: string, ...params: unknown[]): void {
    const db = new Database(path.join(dataDir, 'diarium.sqlite'));
    const changed = db.prepare(sql).run(...params).changes;
    db.close();
    expect(changed).toBeGreaterThan(0);
  }

  function idAt(registerId: string, position: number): string {
    const db = new Database(path.join(dataDir, 'diarium.sqlite'), { readonly: true });
    const row = db
      .prepare<[string, number], { id: string }>(
        "SELECT id FROM records WHERE collection = 'audit' AND register_id = ? AND json_extract(data, '$.position') = ?",
      )
      .get(registerId, position);
    db.close();
    return row!.id;
  }

  it('reports an empty register and intact chains as intact, counting every entry', async () => {
    expect(await verifyAuditChain(storage)).toEqual({ ok: true, entries: 0 });
    await fill(['reg-ks', 'reg-sn'], 4);
    const result = await verifyAuditChain(storage);
    expect(result).toEqual({ ok: true, entries: 8 });
    expect(describeAuditResult(result)).toBe('actor register intact: 8 entries checked');
  });

  it('verifies a chain with disposed values against checkpoints signed before; a value changed instead is found', async () => {
    await fill(['reg-ks'], 4);
    const checkpoints = (await storage.auditHeads()).map((h) => ({ ...h, at: '2026-11-26T10:00:00.000Z', keyId: 'k', signature: 's' }));
    const id = idAt('reg-ks', 2);
    await storage.transaction(async (tx) => {
      const entry = (await tx.getRecord('audit', id))!.data as unknown as AuditEntry;
      await tx.putRecord('audit', disposeEntryValues(entry, { label: true, changes: [true] })!);
    });
    expect(JSON.stringify((await storage.getRecord('audit', id))!.data)).not.toContain('Ärende 1');
    expect(await verifyAuditChain(storage, checkpoints)).toEqual({ ok: true, entries: 4 });
    tamper("UPDATE records SET data = json_set(data, '$.label', 'Ärende 9') WHERE collection = 'audit' AND id = ?", id);
    expect(await verifyAuditChain(storage, checkpoints)).toMatchObject({ ok: false, position: 2, reason: 'hash_mismatch' });
  });

  it('pages through long chains (more entries than one page)', async () => {
    await fill(['reg-ks'], 1205);
    expect(await verifyAuditChain(storage)).toEqual({ ok: true, entries: 1205 });
  });

  it('finds an edited entry by its hash', async () => {
    await fill(['reg-ks', 'reg-sn'], 4);
    const id = idAt('reg-sn', 3);
    tamper("UPDATE records SET data = json_set(data, '$.actorName', 'Någon annan') WHERE collection = 'audit' AND id = ?", id);
    const result = await verifyAuditChain(storage);
    expect(result).toEqual({ ok: false, entries: 6, registerId: 'reg-sn', position: 3, entryId: id, reason: 'hash_mismatch' });
    expect(describeAuditResult(result)).toContain('BROKEN in register reg-sn at position 3');
  });

  it('finds an edit whose hash was recomputed at the next link', async () => {
    await fill(['reg-ks'], 4);
    const id = idAt('reg-ks', 2);
    const db = new Database(path.join(dataDir, 'diarium.sqlite'));
    const data = JSON.parse(
      db.prepare<[string], { data: string }>("SELECT data FROM records WHERE collection = 'audit' AND id = ?").get(id)!.data,
    ) as Record<string, unknown>;
    const forged: Record<string, unknown> = { ...data, actorName: 'Någon annan' };
    forged.hash = auditEntryHash(forged);
    db.prepare("UPDATE records SET data = ? WHERE collection = 'audit' AND id = ?").run(JSON.stringify(forged), id);
    db.close();
    expect(await verifyAuditChain(storage)).toEqual({
      ok: false,
      entries: 2,
      registerId: 'reg-ks',
      position: 3,
      entryId: idAt('reg-ks', 3),
      reason: 'prev_mismatch',
    });
  });

  it('finds a removed entry as a gap at its position', async () => {
    await fill(['reg-ks'], 5);
    tamper("DELETE FROM records WHERE collection = 'audit' AND id = ?", idAt('reg-ks', 3));
    expect(await verifyAuditChain(storage)).toEqual({
      ok: false,
      entries: 2,
      registerId: 'reg-ks',
      position: 3,
      entryId: idAt('reg-ks', 4),
      reason: 'gap',
    });
  });

  it('finds a removed last entry against the chain head', async () => {
    await fill(['reg-ks', 'reg-sn'], 3);
    tamper("DELETE FROM records WHERE collection = 'audit' AND id = ?", idAt('reg-ks', 3));
    expect(await verifyAuditChain(storage)).toEqual({
      ok: false,
      entries: 2,
      registerId: 'reg-ks',
      position: 3,
      entryId: '',
      reason: 'gap',
    });
  });

  it('finds a register whose entries were all removed', async () => {
    await fill(['reg-a', 'reg-b'], 2);
    tamper("DELETE FROM records WHERE collection = 'audit' AND register_id = 'reg-a'");
    expect(await verifyAuditChain(storage)).toEqual({
      ok: false,
      entries: 0,
      registerId: 'reg-a',
      position: 1,
      entryId: '',
      reason: 'gap',
    });
  });

  it('finds an entry appended behind the head as a head mismatch', async () => {
    await fill(['reg-ks'], 2);
    tamper("UPDATE audit_heads SET position = 1 WHERE register_id = 'reg-ks'");
    expect(await verifyAuditChain(storage)).toMatchObject({ ok: false, registerId: 'reg-ks', position: 2, reason: 'head_mismatch' });
  });

  it('is not disturbed by entries appended while it runs (it reads one snapshot)', async () => {
    await fill(['reg-ks'], 1500);
    const running = verifyAuditChain(storage);
    await fill(['reg-ks'], 3);
    expect(await running).toEqual({ ok: true, entries: 1500 });
    expect(await verifyAuditChain(storage)).toEqual({ ok: true, entries: 1503 });
  });
});
