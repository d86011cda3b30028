import Database from 'better-sqlite3';
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type PushResponse } from '../../shared/src';
import { startServer } from '../../sync-server/src/app';
import { parseAnchorLines } from '../../sync-server/src/audit/anchor-lines';
import { checkpointLine, signCheckpoint } from '../../sync-server/src/audit/checkpoint';
import { silentLogger } from '../../sync-server/src/logger';
import { rewriteAuditChain } from './audit-chain-rewrite';
import { newCase, openProcess, type Lister } from './fixtures';
import { eventually, RawClient, startTestServer } from './harness';
import { lastJson, runVerifyAudit } from './verify-audit-cli';

let dataDir: string;
let checkpointDir: string;
let publicKeyFile: string;
/** The database as the server left it; each test tampers with its own copy. */
let pristine: Buffer;
let downloaded: string;
let auditCount = 0;

function copyOfData(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'diarium-anchor-copy-'));
  writeFileSync(path.join(dir, 'diarium.sqlite'), pristine);
  return dir;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-anchor-'));
  checkpointDir = `${dataDir}-audit/checkpoints`;
  publicKeyFile = path.join(checkpointDir, 'checkpoint-key.pub.pem');
  const server = await startTestServer({ dataDir });
  const login = await RawClient.token(server.url, 'registrator');
  const client = await RawClient.connect(server.url, login.token);
  const lister: Lister = {
    find: async <T>(collection: 'classes' | 'doctypes') =>
      (await client.send<{ documents: T[] }>({ t: 'pull', collection, checkpoint: null, limit: 5000 })).documents,
  };
  const p = await openProcess(lister);
  for (let i = 0; i < 4; i++) {
    const res = await client.send<PushResponse>({
      t: 'push',
      collection: 'cases',
      rows: [{ assumedMasterState: null, newDocumentState: { ...newCase(login.user.id, p, `Ärende ${i}`), _deleted: false } }],
    });
    expect(res.rejected).toEqual([]);
  }
  client.close();
  auditCount = await server.storage.countRecords('audit');
  // The archivist exports the checkpoints: the server signs the current heads first.
  const archivist = await RawClient.token(server.url, 'arkivarie');
  const res = await fetch(`${server.url}${API.auditCheckpoints}`, { headers: { authorization: `Bearer ${archivist.token}` } });
  expect(res.status).toBe(200);
  downloaded = await res.text();
  await server.close();
  const db = new Database(path.join(dataDir, 'diarium.sqlite'));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  pristine = readFileSync(path.join(dataDir, 'diarium.sqlite'));
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(`${dataDir}-audit`, { recursive: true, force: true });
});

describe('checkpoints of the actor register', () => {
  it('are written outside the data folder, recorded in the database, and the export holds the current head of every register', () => {
    const fromFile = parseAnchorLines(readFileSync(path.join(checkpointDir, 'checkpoints.jsonl'), 'utf8'), 'file').checkpoints;
    const exported = parseAnchorLines(downloaded, 'download').checkpoints;
    const db = new Database(path.join(dataDir, 'diarium.sqlite'), { readonly: true });
    try {
      const heads = db
        .prepare<[], { register_id: string; position: number; hash: string }>('SELECT * FROM audit_heads ORDER BY register_id')
        .all();
      expect(heads.length).toBeGreaterThan(0);
      const ks = heads.find((h) => h.register_id === 'reg-ks')!;
      expect(exported).toContainEqual(expect.objectContaining({ registerId: 'reg-ks', position: ks.position, hash: ks.hash }));
      // The export signed the heads that moved since start-up; the file holds all, in the order signed.
      expect(new Set(fromFile.map((c) => c.registerId))).toEqual(new Set(heads.map((h) => h.register_id)));
      expect([...exported].sort((a, b) => a.signature.localeCompare(b.signature))).toEqual(
        [...fromFile].sort((a, b) => a.signature.localeCompare(b.signature)),
      );
      expect(db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM audit_checkpoints').get()!.n).toBe(fromFile.length);
    } finally {
      db.close();
    }
    expect(readFileSync(publicKeyFile, 'utf8')).toContain('BEGIN PUBLIC KEY');
  });

  it('an untouched chain passes verify-audit against the checkpoints', () => {
    const r = runVerifyAudit(dataDir, '--public-key', publicKeyFile, '--checkpoints', checkpointDir);
    expect(r.stdout.trim()).toMatch(new RegExp(`^actor register intact: ${auditCount} entries checked; matches \\d+ signed checkpoints$`));
    expect(r.status).toBe(0);
  });

  it('a chain rewritten in the sqlite file with every hash recomputed passes without checkpoints, and is reported as a rewrite with them', () => {
    const dir = copyOfData();
    try {
      // What someone who can write the database file does: changes an entry and recomputes every hash after it, and the head.
      rewriteAuditChain(dir, 'reg-ks', 2, (d) => {
        if (d.position === 2) d.actorName = 'Någon Annan';
      });
      // The hole this closes: the chain alone is consistent.
      expect(runVerifyAudit(dir).status).toBe(0);
      const r = runVerifyAudit(dir, '--public-key', publicKeyFile, '--checkpoints', path.join(checkpointDir, 'checkpoints.jsonl'));
      expect(r.status).toBe(1);
      expect(lastJson(r.stdout)).toMatchObject({ registerId: 'reg-ks', reason: 'rewritten' });
      expect(r.stdout).toContain('actor register REWRITTEN in register reg-ks');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a chain cut back behind a checkpoint is reported as a rewrite', () => {
    const dir = copyOfData();
    try {
      const db = new Database(path.join(dir, 'diarium.sqlite'));
      const head = db.prepare<[], { position: number }>("SELECT position FROM audit_heads WHERE register_id = 'reg-ks'").get()!;
      db.prepare("DELETE FROM records WHERE collection = 'audit' AND register_id = 'reg-ks' AND json_extract(data, '$.position') = ?").run(
        head.position,
      );
      const prev = db
        .prepare<[number], { data: string }>(
          "SELECT data FROM records WHERE collection = 'audit' AND register_id = 'reg-ks' AND json_extract(data, '$.position') = ?",
        )
        .get(head.position - 1)!;
      db.prepare("UPDATE audit_heads SET position = ?, hash = ? WHERE register_id = 'reg-ks'").run(
        head.position - 1,
        (JSON.parse(prev.data) as { hash: string }).hash,
      );
      db.close();
      expect(runVerifyAudit(dir).status).toBe(0);
      const r = runVerifyAudit(dir, '--public-key', publicKeyFile, '--checkpoints', checkpointDir);
      expect(r.status).toBe(1);
      expect(lastJson(r.stdout)).toEqual({ registerId: 'reg-ks', position: head.position, entryId: '', reason: 'rewritten' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a forged checkpoint (altered, or signed by another key) is reported as forged', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'diarium-anchor-forged-'));
    try {
      const file = path.join(checkpointDir, 'checkpoints.jsonl');
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      const altered = { ...(JSON.parse(lines[0]!) as { registerId: string }), hash: 'f'.repeat(64) };
      writeFileSync(path.join(dir, 'altered.jsonl'), [JSON.stringify(altered), ...lines.slice(1)].join('\n'));
      const r = runVerifyAudit(dataDir, '--public-key', publicKeyFile, '--checkpoints', path.join(dir, 'altered.jsonl'));
      expect(r.status).toBe(1);
      expect(lastJson(r.stdout)).toMatchObject({ reason: 'forged_checkpoint', registerId: altered.registerId });

      // Signed, but with the attacker's own key: the public key the archivist holds does not check it.
      const other = generateKeyPairSync('ed25519').privateKey;
      const real = parseAnchorLines(lines[0]!, 'x').checkpoints[0]!;
      const foreign = signCheckpoint(other, { registerId: real.registerId, position: real.position, hash: 'e'.repeat(64) }, real.at);
      writeFileSync(path.join(dir, 'foreign.jsonl'), checkpointLine({ ...foreign, keyId: real.keyId }));
      const f = runVerifyAudit(dataDir, '--public-key', publicKeyFile, '--checkpoints', path.join(dir, 'foreign.jsonl'));
      expect(f.status).toBe(1);
      expect(lastJson(f.stdout)).toMatchObject({ reason: 'forged_checkpoint' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a server started on a rewritten database reports it broken and signs no checkpoint over it', async () => {
    const dir = copyOfData();
    try {
      cpSync(`${dataDir}-audit`, `${dir}-audit`, { recursive: true });
      const file = path.join(`${dir}-audit`, 'checkpoints', 'checkpoints.jsonl');
      const before = readFileSync(file, 'utf8');
      rewriteAuditChain(dir, 'reg-ks', 2, (d) => {
        if (d.position === 2) d.label = 'Omskrivet';
      });
      const server = await startTestServer({ dataDir: dir });
      try {
        const health = async () => (await fetch(`${server.url}/api/health`)).json() as Promise<{ status: string; auditChain: string }>;
        expect(await eventually(async () => ((await health()).auditChain !== 'checking' ? health() : null))).toEqual({
          status: 'degraded',
          auditChain: 'broken',
          roomCleanups: { pending: 0, oldestAgeSeconds: null },
        });
        const archivist = await RawClient.token(server.url, 'arkivarie');
        expect(
          (await fetch(`${server.url}${API.auditCheckpoints}`, { headers: { authorization: `Bearer ${archivist.token}` } })).status,
        ).toBe(200);
        expect(readFileSync(file, 'utf8')).toBe(before);
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to download checkpoints without audit.read', async () => {
    const server = await startTestServer();
    try {
      const reader = await RawClient.token(server.url, 'lasare');
      for (const p of [API.auditCheckpoints, API.auditCheckpointKey]) {
        expect((await fetch(`${server.url}${p}`, { headers: { authorization: `Bearer ${reader.token}` } })).status).toBe(403);
        expect((await fetch(`${server.url}${p}`)).status).toBe(401);
      }
      const admin = await RawClient.token(server.url, 'admin');
      const key = await fetch(`${server.url}${API.auditCheckpointKey}`, { headers: { authorization: `Bearer ${admin.token}` } });
      expect(await key.text()).toBe(readFileSync(path.join(`${server.dataDir}-audit/checkpoints`, 'checkpoint-key.pub.pem'), 'utf8'));
    } finally {
      await server.stop();
    }
  });

  it('refuses to start with the checkpoint key or folder inside the data folder', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'diarium-anchor-inside-'));
    try {
      const outside = `${dir}-audit`;
      await expect(
        startServer({
          dataDir: dir,
          port: 0,
          staticDir: null,
          logger: silentLogger,
          auditAnchor: { keyFile: path.join(dir, 'keys', 'k.pem'), checkpointDir: path.join(outside, 'c'), keyConfigured: false },
        }),
      ).rejects.toThrow(/inside the data folder/);
      await expect(
        startServer({
          dataDir: dir,
          port: 0,
          staticDir: null,
          logger: silentLogger,
          auditAnchor: { keyFile: path.join(outside, 'k.pem'), checkpointDir: path.join(dir, 'c'), keyConfigured: false },
        }),
      ).rejects.toThrow(/inside the data folder/);
      mkdirSync(outside, { recursive: true });
      await expect(
        startServer({
          dataDir: dir,
          port: 0,
          staticDir: null,
          logger: silentLogger,
          auditAnchor: { keyFile: path.join(outside, 'missing.pem'), checkpointDir: path.join(outside, 'c'), keyConfigured: true },
        }),
      ).rejects.toThrow(/does not exist/);
      copyFileSync(publicKeyFile, path.join(outside, 'public.pem'));
      await expect(
        startServer({
          dataDir: dir,
          port: 0,
          staticDir: null,
          logger: silentLogger,
          auditAnchor: { keyFile: path.join(outside, 'public.pem'), checkpointDir: path.join(outside, 'c'), keyConfigured: true },
        }),
      ).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(`${dir}-audit`, { recursive: true, force: true });
    }
  });
});
