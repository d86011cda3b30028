import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushResponse } from '../../shared/src';
import { auditEntryHash, sealValue } from '../../sync-server/src/audit/audit-hash';
import { verifyAuditChain } from '../../sync-server/src/audit/verify-chain';
import { newCase, newIncoming, openProcess, type Lister } from './fixtures';
import { eventually, RawClient, startTestServer, type TestServer } from './harness';
import { runVerifyAudit } from './verify-audit-cli';

const ROOT = path.resolve(import.meta.dirname, '../..');

let dataDir: string;
/** The pristine database after the pushes; each test tampers with its own copy. */
let pristine: Buffer;
let auditCount = 0;

/** Lists a collection through the raw protocol, as the registrar sees it. */
function rawLister(client: RawClient): Lister {
  return {
    async find<T>(collection: 'classes' | 'doctypes'): Promise<T[]> {
      const res = await client.send<{ documents: T[] }>({ t: 'pull', collection, checkpoint: null, limit: 5000 });
      return res.documents;
    },
  };
}

async function push(
  client: RawClient,
  collection: string,
  row: Record<string, unknown>,
  assumed: Record<string, unknown> | null = null,
): Promise<PushResponse> {
  const res = await client.send<PushResponse>({
    t: 'push',
    collection,
    rows: [{ assumedMasterState: assumed, newDocumentState: { ...row, _deleted: false } }],
  });
  expect(res.rejected).toEqual([]);
  return res;
}

async function health(server: TestServer): Promise<{ status: string; auditChain: string }> {
  return (await fetch(`${server.url}/api/health`)).json() as Promise<{ status: string; auditChain: string }>;
}

/** A data folder holding a copy of the pristine database, to tamper with. */
function copyOfData(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'diarium-chain-it-'));
  // A byte copy of a database that was checkpointed and closed: no WAL to carry along.
  writeFileSync(path.join(dir, 'diarium.sqlite'), pristine);
  return dir;
}

function withDb<T>(dir: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path.join(dir, 'diarium.sqlite'));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Id of the entry at a position of a register's chain. */
function entryAt(dir: string, registerId: string, position: number): string {
  return withDb(
    dir,
    (db) =>
      db
        .prepare<[string, number], { id: string }>(
          "SELECT id FROM records WHERE collection = 'audit' AND register_id = ? AND json_extract(data, '$.position') = ?",
        )
        .get(registerId, position)!.id,
  );
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-chain-src-'));
  const server = await startTestServer({ dataDir });
  const login = await RawClient.token(server.url, 'registrator');
  const client = await RawClient.connect(server.url, login.token);
  const p = await openProcess(rawLister(client));
  // Real pushes: cases, an update, documents; each writes its actor-register entry in the push's transaction.
  for (let i = 0; i < 3; i++) {
    const c = newCase(login.user.id, p, `Ärende ${i}`);
    await push(client, 'cases', c);
    const stored = (await server.storage.getRecord('cases', c.id))!.data;
    await push(client, 'cases', { ...stored, title: `Ärende ${i}, ändrat` }, stored);
    await push(client, 'documents', newIncoming(login.user.id, p, c.id));
  }
  auditCount = await server.storage.countRecords('audit');
  expect(auditCount).toBeGreaterThanOrEqual(9);
  expect(await verifyAuditChain(server.storage)).toEqual({ ok: true, entries: auditCount });
  expect(await eventually(async () => ((await health(server)).auditChain !== 'checking' ? health(server) : null))).toEqual({
    status: 'ok',
    auditChain: 'intact',
    roomCleanups: { pending: 0, oldestAgeSeconds: null },
  });
  client.close();
  await server.close();
  withDb(dataDir, (db) => db.pragma('wal_checkpoint(TRUNCATE)'));
  pristine = readFileSync(path.join(dataDir, 'diarium.sqlite'));
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(`${dataDir}-audit`, { recursive: true, force: true });
});

describe('tamper-evident actor register', () => {
  it('verify-audit exits 0 on the intact register and names how many entries it checked', () => {
    const r = runVerifyAudit(dataDir);
    expect(r.stderr).toContain('no checkpoints given');
    expect(r.stdout.trim()).toBe(`actor register intact: ${auditCount} entries checked`);
    expect(r.status).toBe(0);
  });

  it('an entry edited in the database file is reported as exactly that link, by the CLI and at start-up', async () => {
    const dir = copyOfData();
    try {
      const id = entryAt(dir, 'reg-ks', 4);
      withDb(dir, (db) =>
        db.prepare("UPDATE records SET data = json_set(data, '$.actorName', 'Okänd') WHERE collection = 'audit' AND id = ?").run(id),
      );
      const r = runVerifyAudit(dir);
      expect(r.status).toBe(1);
      expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!)).toEqual({
        registerId: 'reg-ks',
        position: 4,
        entryId: id,
        reason: 'hash_mismatch',
      });
      expect(r.stdout).toContain('actor register BROKEN in register reg-ks at position 4');

      // The server still starts and serves, but says the register is broken.
      const server = await startTestServer({ dataDir: dir });
      try {
        expect(await eventually(async () => ((await health(server)).auditChain !== 'checking' ? health(server) : null))).toEqual({
          status: 'degraded',
          auditChain: 'broken',
          roomCleanups: { pending: 0, oldestAgeSeconds: null },
        });
        expect((await RawClient.token(server.url, 'registrator')).token).toBeTruthy();
      } finally {
        await server.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a deleted entry is reported as a gap at its position', () => {
    const dir = copyOfData();
    try {
      const removed = entryAt(dir, 'reg-ks', 5);
      const following = entryAt(dir, 'reg-ks', 6);
      withDb(dir, (db) => db.prepare("DELETE FROM records WHERE collection = 'audit' AND id = ?").run(removed));
      const r = runVerifyAudit(dir);
      expect(r.status).toBe(1);
      expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!)).toEqual({
        registerId: 'reg-ks',
        position: 5,
        entryId: following,
        reason: 'gap',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an entry swapped for a forged one with a correct own hash breaks the next link', () => {
    const dir = copyOfData();
    try {
      const id = entryAt(dir, 'reg-ks', 2);
      withDb(dir, (db) => {
        const data = JSON.parse(
          db.prepare<[string], { data: string }>("SELECT data FROM records WHERE collection = 'audit' AND id = ?").get(id)!.data,
        ) as Record<string, unknown>;
        // Recomputing the label's seal and the hash needs no secret, so it can be forged; the next entry still names the old one.
        const seals = data.valueSeals as unknown[];
        const forged: Record<string, unknown> = { ...data, label: 'Förfalskad', valueSeals: [sealValue('Förfalskad'), ...seals.slice(1)] };
        forged.hash = auditEntryHash(forged);
        expect(forged.hash).toMatch(/^[0-9a-f]{64}$/);
        db.prepare("UPDATE records SET data = ? WHERE collection = 'audit' AND id = ?").run(JSON.stringify(forged), id);
      });
      const r = runVerifyAudit(dir);
      expect(r.status).toBe(1);
      expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!)).toEqual({
        registerId: 'reg-ks',
        position: 3,
        entryId: entryAt(dir, 'reg-ks', 3),
        reason: 'prev_mismatch',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a folder without a server database (exit 2) instead of reporting it intact', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'diarium-chain-none-'));
    try {
      const r = runVerifyAudit(empty);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('no server database in');
      expect(runVerifyAudit('a', 'b').status).toBe(2);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('npm run verify-audit is wired to the same check', () => {
    const r = spawnSync('npm', ['run', '--silent', 'verify-audit', '--', dataDir], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout.trim()).toBe(`actor register intact: ${auditCount} entries checked`);
    expect(r.status).toBe(0);
  });
});
