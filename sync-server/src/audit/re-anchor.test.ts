import Database from 'better-sqlite3';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_GENESIS_HASH, DISPOSED_AUDIT_VALUE, type AuditEntry } from '../../../shared/src';
import { DISPOSED_DOCUMENT_AUDIT_KEPT } from '../../../shared/src/rules/disposal';
import { sampleAudit } from '../../../shared/src/testing/samples';
import { disposeAuditValues } from '../disposal/audit-values';
import { silentLogger } from '../logger';
import { SqliteStorage } from '../storage/sqlite.adapter';
import { parseAnchorLines } from './anchor-lines';
import { appendAudit } from './audit';
import { auditEntryHash } from './audit-hash';
import { bridgeLine, signBridge } from './bridge';
import { AuditCheckpointer, CHECKPOINT_FILE, readOwnAnchors } from './checkpointer';
import { AuditReanchoring, planReanchoring, type ReanchorPlan } from './re-anchor';
import { verifyAuditChain } from './verify-chain';

const SECRET = 'Hemlig rubrik om grannens hund';
const AT = '2026-12-07T10:00:00.000Z';
const kept = { fields: DISPOSED_DOCUMENT_AUDIT_KEPT, number: 'KS 2024-00007-1' };

describe('re-anchoring a register with scheme 1 entries', () => {
  let dir: string;
  let storage: SqliteStorage;
  let privateKey: KeyObject;
  let publicKey: KeyObject;
  let checkpointer: AuditCheckpointer;
  let n = 0;
  const newId = () => `audit-new-${++n}`;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'diarium-reanchor-'));
    storage = new SqliteStorage(path.join(dir, 'data'));
    ({ privateKey, publicKey } = generateKeyPairSync('ed25519'));
    checkpointer = new AuditCheckpointer(storage, privateKey, dir, () => Date.parse(AT), silentLogger);
  });
  afterEach(async () => {
    checkpointer.stop();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Entries as the code before audit v2 wrote them (hashed over their values), as upgraded (scheme 1, no seals). */
  async function legacyEntries(specs: { recordId: string; title: string }[]): Promise<void> {
    await storage.transaction(async (tx) => {
      let prevHash = (await tx.getAuditHead('reg-ks'))?.hash ?? AUDIT_GENESIS_HASH;
      for (const s of specs) {
        const position = await tx.nextCounter('reg-ks', 'audit', 0);
        const content: Omit<AuditEntry, 'hash'> = {
          ...sampleAudit({ id: `legacy-${position}`, recordId: s.recordId, label: kept.number, position, prevHash }),
          changes: [{ field: 'title', from: '', to: s.title }],
        };
        const hash = auditEntryHash(content)!;
        await tx.putRecord('audit', { ...content, hash });
        await tx.setAuditHead({ registerId: 'reg-ks', position, hash });
        prevHash = hash;
      }
    });
  }

  async function newEntry(recordId: string, title: string): Promise<void> {
    await storage.transaction(async (tx) => {
      const record = { collection: 'documents' as const, id: recordId, registerId: 'reg-ks', seq: 1, version: 1, deleted: false, data: {} };
      await appendAudit(
        tx,
        {
          actor: { id: 'u1', displayName: 'Anna Lind' },
          at: AT,
          action: 'update',
          collection: 'documents',
          record,
          caseId: '',
          label: kept.number,
          changes: [{ field: 'title', from: '', to: title }],
        },
        newId,
      );
    });
  }

  const dispose = (anchor = checkpointer, plan: ReanchorPlan | null = null) =>
    storage.transaction(async (tx) => {
      const anchoring = new AuditReanchoring(tx, anchor, AT, silentLogger, plan);
      const out = await disposeAuditValues(tx, anchoring, ['doc-7'], kept, AT);
      return { ...out, converted: anchoring.takeConverted(), rewritten: anchoring.written.map((r) => r.id) };
    });

  const entries = async () =>
    (await storage.pullPage('audit', 0, 1000, ['reg-ks']))
      .map((r) => r.data as unknown as AuditEntry)
      .sort((a, b) => a.position - b.position);

  const fileText = () => readFileSync(path.join(dir, CHECKPOINT_FILE), 'utf8');

  it('converts every scheme 1 entry, drops the disposed values, and old checkpoints verify through the bridges only', async () => {
    await legacyEntries([
      { recordId: 'doc-7', title: SECRET },
      { recordId: 'doc-8', title: 'Annat ärende' },
    ]);
    await checkpointer.checkpoint(true); // position 2, over the scheme 1 chain
    await newEntry('doc-7', `${SECRET}, rättad`);
    await checkpointer.checkpoint(false); // position 3
    const before = await entries();

    const out = await dispose();
    expect(out).toMatchObject({ kept: 0, converted: 2 });
    // Every entry from the first converted one to the head has a new hash; the disposed ones were written again after.
    expect(out.rewritten).toEqual(before.map((e) => e.id));
    const after = await entries();
    expect(after.map((e) => e.hashScheme)).toEqual([2, 2, 2]);
    expect(after[0]!.changes).toEqual([{ field: 'title', from: DISPOSED_AUDIT_VALUE, to: DISPOSED_AUDIT_VALUE }]);
    expect(after[1]!.changes).toEqual([{ field: 'title', from: '', to: 'Annat ärende' }]);
    expect(after[2]!.changes[0]!.to).toBe(DISPOSED_AUDIT_VALUE);
    expect(JSON.stringify(after)).not.toContain(SECRET);
    // Who did what and when is kept as it was.
    expect(after.map(({ actorName, at, action, position }) => ({ actorName, at, action, position }))).toEqual(
      before.map(({ actorName, at, action, position }) => ({ actorName, at, action, position })),
    );
    expect(after.every((e, i) => e.hash !== before[i]!.hash)).toBe(true);

    // One bridge per checkpointed position (2 and 3), in the file and the database.
    const own = readOwnAnchors(dir, publicKey, silentLogger);
    expect(own.bridges.map((b) => [b.position, b.oldHash, b.newHash])).toEqual([
      [2, before[1]!.hash, after[1]!.hash],
      [3, before[2]!.hash, after[2]!.hash],
    ]);
    expect(await storage.listAuditBridges()).toEqual(own.bridges);
    expect(await verifyAuditChain(storage, own.checkpoints, own.bridges)).toEqual({ ok: true, entries: 3 });
    expect(await verifyAuditChain(storage, own.checkpoints)).toMatchObject({ ok: false, position: 2, reason: 'rewritten' });

    // Done once: the register has no scheme 1 entry left, a second disposal re-anchors nothing.
    expect(await dispose()).toMatchObject({ written: [], kept: 0, converted: 0, rewritten: [] });
  });

  it('a checkpoint whose heads were read before a commit and a re-anchoring is bridged all the same', async () => {
    await legacyEntries([
      { recordId: 'doc-7', title: SECRET },
      { recordId: 'doc-8', title: 'Annat ärende' },
    ]);
    // The same storage, its recorded checkpoints read late (a busy database): held until released.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = new Proxy(storage, {
      get: (target, key) =>
        key === 'listAuditCheckpoints'
          ? async () => {
              await held;
              return target.listAuditCheckpoints();
            }
          : (Reflect.get(target, key) as unknown),
    });
    const racing = new AuditCheckpointer(slow, privateKey, dir, () => Date.parse(AT), silentLogger);
    try {
      const signing = racing.checkpoint(false);
      await new Promise((resolve) => setTimeout(resolve, 20));
      // Meanwhile an entry is committed (position 3) and a disposal re-anchors the register.
      await newEntry('doc-8', 'Tredje');
      await dispose();
      release();
      await signing;
    } finally {
      racing.stop();
    }
    const own = readOwnAnchors(dir, publicKey, silentLogger);
    expect(own.checkpoints.length).toBeGreaterThan(0);
    expect(await verifyAuditChain(storage, own.checkpoints, own.bridges)).toEqual({ ok: true, entries: 3 });
  });

  it('uses a plan made before the transaction where its entries are as read, and computes what was committed after it', async () => {
    await legacyEntries([
      { recordId: 'doc-7', title: SECRET },
      { recordId: 'doc-8', title: 'Annat ärende' },
    ]);
    await checkpointer.checkpoint(true);
    expect(await planReanchoring(storage, 'reg-nobody')).toBeNull();
    const plan = (await planReanchoring(storage, 'reg-ks'))!;
    expect(plan).toMatchObject({ first: 1, prevOfFirst: AUDIT_GENESIS_HASH });
    expect(plan.entries.map((e) => e.id)).toEqual(['legacy-1', 'legacy-2']);
    // Committed after the plan: computed in the transaction.
    await newEntry('doc-7', `${SECRET}, rättad`);
    await checkpointer.checkpoint(false);
    expect(await dispose(checkpointer, plan)).toMatchObject({ kept: 0, converted: 2 });
    const after = await entries();
    expect(after.map((e) => e.hashScheme)).toEqual([2, 2, 2]);
    // The plan's seals and hash for the entry it planned and nobody changed since.
    expect(after[1]).toMatchObject({ valueSeals: plan.entries[1]!.valueSeals, hash: plan.entries[1]!.hash });
    expect(JSON.stringify(after)).not.toContain(SECRET);
    const own = readOwnAnchors(dir, publicKey, silentLogger);
    expect(own.bridges.map((b) => b.position)).toEqual([2, 3]);
    expect(await verifyAuditChain(storage, own.checkpoints, own.bridges)).toEqual({ ok: true, entries: 3 });
    // Done: nothing left to plan.
    expect(await planReanchoring(storage, 'reg-ks')).toBeNull();
  });

  it('a plan whose entries changed since is not used: the transaction computes all itself', async () => {
    await legacyEntries([
      { recordId: 'doc-7', title: SECRET },
      { recordId: 'doc-8', title: 'Annat ärende' },
    ]);
    await checkpointer.checkpoint(true);
    const plan = (await planReanchoring(storage, 'reg-ks'))!;
    await storage.transaction((tx) => tx.touchIds('audit', ['legacy-2']));
    expect(await dispose(checkpointer, plan)).toMatchObject({ kept: 0, converted: 2 });
    const after = await entries();
    expect(after[1]!.valueSeals).not.toEqual(plan.entries[1]!.valueSeals);
    const own = readOwnAnchors(dir, publicKey, silentLogger);
    expect(await verifyAuditChain(storage, own.checkpoints, own.bridges)).toEqual({ ok: true, entries: 2 });
  });

  it('a tampered bridge or one signed by another key is left out, and the checkpoint before it is a rewrite', async () => {
    await legacyEntries([{ recordId: 'doc-7', title: SECRET }]);
    await checkpointer.checkpoint(true);
    await dispose();
    const file = path.join(dir, CHECKPOINT_FILE);
    const { checkpoints, bridges } = parseAnchorLines(fileText(), 'file');
    const [real] = bridges;
    // Altered after signing (a new hash of the attacker's choosing).
    writeFileSync(file, `${checkpoints.map((c) => `${JSON.stringify(c)}\n`).join('')}${bridgeLine({ ...real!, newHash: 'f'.repeat(64) })}`);
    const tampered = readOwnAnchors(dir, publicKey, silentLogger);
    expect(tampered.bridges).toEqual([]);
    expect(await verifyAuditChain(storage, tampered.checkpoints, tampered.bridges)).toMatchObject({
      ok: false,
      position: 1,
      reason: 'rewritten',
    });
    // Signed with another key (as whoever rewrote the database could): not this server's bridge.
    const foreign = signBridge(generateKeyPairSync('ed25519').privateKey, real!, real!.at);
    writeFileSync(file, `${checkpoints.map((c) => `${JSON.stringify(c)}\n`).join('')}${bridgeLine({ ...foreign, keyId: real!.keyId })}`);
    const other = readOwnAnchors(dir, publicKey, silentLogger);
    expect(other.bridges).toEqual([]);
    expect(await verifyAuditChain(storage, other.checkpoints, other.bridges)).toMatchObject({
      ok: false,
      position: 1,
      reason: 'rewritten',
    });
  });

  it('a chain that does not verify is not re-anchored: a tampered entry is never given a new hash', async () => {
    await legacyEntries([
      { recordId: 'doc-7', title: SECRET },
      { recordId: 'doc-8', title: 'Annat ärende' },
    ]);
    await checkpointer.checkpoint(true);
    const db = new Database(path.join(dir, 'data', 'diarium.sqlite'));
    db.prepare(
      "UPDATE records SET data = json_set(data, '$.actorName', 'Någon Annan') WHERE collection = 'audit' AND id = 'legacy-2'",
    ).run();
    db.close();
    const out = await dispose();
    expect(out).toMatchObject({ written: [], kept: 1, converted: 0, rewritten: [] });
    expect((await entries())[0]!.changes[0]!.to).toBe(SECRET);
    expect(parseAnchorLines(fileText(), 'file').bridges).toEqual([]);
    expect(await verifyAuditChain(storage)).toMatchObject({ ok: false, position: 2, reason: 'hash_mismatch' });
  });

  it('nor while the start-up check has not found the chain intact, nor without the checkpoint key', async () => {
    await legacyEntries([{ recordId: 'doc-7', title: SECRET }]);
    const doubting = new AuditCheckpointer(
      storage,
      privateKey,
      dir,
      () => Date.parse(AT),
      silentLogger,
      async () => false,
    );
    try {
      expect(await dispose(doubting)).toMatchObject({ written: [], kept: 1, converted: 0 });
    } finally {
      doubting.stop();
    }
    const keyless = await storage.transaction(async (tx) => {
      const anchoring = new AuditReanchoring(tx, null, AT, silentLogger);
      return disposeAuditValues(tx, anchoring, ['doc-7'], kept, AT);
    });
    expect(keyless).toMatchObject({ written: [], kept: 1 });
    expect((await entries())[0]!.hashScheme).toBe(1);
  });
});
