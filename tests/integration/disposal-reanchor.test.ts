/**
 * Disposal reaching actor-register entries written before audit v2 (scheme 1, hashed over their
 * values): a register whose history was written by the old code (as an upgraded data folder holds
 * it) and anchored by checkpoints signed over that chain, a real RxDB replica holding the entries
 * with their values. Disposing the case re-anchors the register: no disposed value is left in the
 * data folder or the replica, and every old checkpoint verifies through the signed bridges — with
 * `verify-audit` against the archivist's copies and in the start-up check — while a tampered
 * bridge or one signed with another key is reported as a rewrite.
 */
import Database from 'better-sqlite3';
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type Case, type Document } from '../../shared/src';
import { WORKING_SET_API } from '../../shared/src/protocol/working-set';
import { canonicalJson } from '../../sync-server/src/audit/audit-hash';
import { login } from '../../renderer/src/lib/replica';
import { MemoryBlobCache } from '../../renderer/src/lib/replica/blob-cache';
import { deleteReplicaDatabases } from '../../renderer/src/lib/replica/idb-removal';
import { openReplicaWith } from '../../renderer/src/lib/replica/open-replica';
import type { Replica } from '../../renderer/src/lib/replica/replica';
import { asWrittenBeforeAuditV2, expectReanchoredOnce } from './audit-chain-rewrite';
import { bytesHits } from './data-folder-bytes';
import { executeDisposal, registrarPlacing } from './disposal-world';
import { newCase, newIncoming } from './fixtures';
import { RawClient, SwitchableNetwork, closeReplica, eventually, startTestServer, testEnvironment, type TestServer } from './harness';
import { dumpIndexedDb } from './indexeddb-dump';
import { pullAll, push } from './raw-records';
import { expectIntactThroughBridges, lastJson, runVerifyAudit } from './verify-audit-cli';

const STAMP = randomUUID().slice(0, 8);
const SECRET_TITLE = `Klagomål på grannens katt ${STAMP}`;
const EARLIER_TITLE = `Anmälan om jamande katt ${randomUUID()}`;
const SECRET_SENDER = `Gammalsdotter ${STAMP}`;
const DECISION = { reference: `Gallringsbeslut KS 2026-${STAMP}`, title: 'Gallring av synpunkter', date: '2026-12-01' };
const YEAR_MS = 365 * 24 * 3600 * 1000;

let dataDir = '';
let checkpointDir = '';
let publicKeyFile = '';
/** The archivist's copies of the checkpoints, kept outside the server's folders. */
let kept = '';
let server: TestServer | null = null;
let clock = Date.now() - 3 * YEAR_MS;
let converted = 0;

/** No room clean-up owed (the health answer's third part, `http/health.ts`). */
const NO_CLEANUPS = { pending: 0, oldestAgeSeconds: null };

async function health(url: string): Promise<{ status: string; auditChain: string; roomCleanups: unknown }> {
  const get = async () =>
    (await fetch(`${url}/api/health`)).json() as Promise<{ status: string; auditChain: string; roomCleanups: unknown }>;
  return eventually(async () => ((await get()).auditChain !== 'checking' ? get() : null));
}

async function exportCheckpoints(url: string, token: string): Promise<string> {
  const res = await fetch(`${url}${API.auditCheckpoints}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return res.text();
}

const start = () => startTestServer({ dataDir, now: () => clock });
const api = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

describe('disposal of a case whose actor register was written before audit v2', () => {
  let caseId = '';
  let docId = '';
  let victim: Replica | null = null;
  let archivist = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-reanchor-'));
    checkpointDir = `${dataDir}-audit/checkpoints`;
    publicKeyFile = path.join(checkpointDir, 'checkpoint-key.pub.pem');
    kept = mkdtempSync(path.join(tmpdir(), 'diarium-reanchor-kept-'));
    server = await start();
    // Three years ago: a case with an e-mail, its title corrected, quality assured, the case closed.
    const { registrar, me, p } = await registrarPlacing(server.url);
    const officer = (await RawClient.token(server.url, 'registrator2')).user;
    const kase: Case = { ...newCase(me.id, p, SECRET_TITLE), responsibleUserId: officer.id };
    caseId = kase.id;
    expect((await push(registrar, 'cases', null, kase)).rejected).toEqual([]);
    const d: Document = { ...newIncoming(me.id, p, caseId, EARLIER_TITLE), sender: SECRET_SENDER };
    d.receivedDate = new Date(clock).toISOString().slice(0, 10);
    docId = d.id;
    expect((await push(registrar, 'documents', null, d)).rejected).toEqual([]);
    const first = (await pullAll<Document>(registrar, 'documents')).find((x) => x.id === docId)!;
    expect((await push(registrar, 'documents', first, { ...first, title: SECRET_TITLE })).rejected).toEqual([]);
    registrar.close();
    const qa = await RawClient.as(server.url, 'kvalitet');
    const cur = (await pullAll<Document>(qa, 'documents')).find((x) => x.id === docId)!;
    expect((await push(qa, 'documents', cur, { ...cur, status: 'registered' })).rejected).toEqual([]);
    const c0 = (await pullAll<Case>(qa, 'cases')).find((x) => x.id === caseId)!;
    expect((await push(qa, 'cases', c0, { ...c0, status: 'registered' })).rejected).toEqual([]);
    qa.close();
    const closer = await RawClient.as(server.url, 'registrator');
    const c1 = (await pullAll<Case>(closer, 'cases')).find((x) => x.id === caseId)!;
    expect((await push(closer, 'cases', c1, { ...c1, status: 'closed' })).rejected).toEqual([]);
    closer.close();
    await server.close();

    // The old code's register, opened by today's server: it signs checkpoints over the scheme 1 chain at start.
    converted = asWrittenBeforeAuditV2(dataDir, 'reg-ks');
    writeFileSync(path.join(checkpointDir, 'checkpoints.jsonl'), '');
    clock = Date.now();
    server = await start();
    expect(await health(server.url)).toEqual({ status: 'ok', auditChain: 'intact', roomCleanups: NO_CLEANUPS });
    archivist = (await RawClient.token(server.url, 'arkivarie')).token;
    writeFileSync(path.join(kept, 'before-1.jsonl'), await exportCheckpoints(server.url, archivist));
    // More history after that checkpoint (a new case, scheme 2), and another export.
    const other = await RawClient.as(server.url, 'registrator');
    expect((await push(other, 'cases', null, newCase(me.id, p, 'Ett annat ärende'))).rejected).toEqual([]);
    other.close();
    writeFileSync(path.join(kept, 'before-2.jsonl'), await exportCheckpoints(server.url, archivist));

    // The officer keeps the case "Tillgänglig offline": the entries about it are in their replica.
    const session = await login(server.url, 'registrator2', 'demo1234');
    const pinned = await fetch(`${server.url}${WORKING_SET_API.root}/pins/cases/${caseId}`, { method: 'PUT', headers: api(session.token) });
    expect(pinned.status).toBe(200);
    victim = await openReplicaWith(
      session,
      testEnvironment(new SwitchableNetwork(), new MemoryBlobCache(), {
        storage: getRxStorageDexie({ indexedDB, IDBKeyRange }) as never,
        deleteStorage: (dbName) => deleteReplicaDatabases(indexedDB, dbName),
      }),
    );
    await victim.awaitInitialSync();
  });

  afterAll(async () => {
    if (victim) await closeReplica(victim);
    await server?.stop();
    rmSync(kept, { recursive: true, force: true });
  });

  const auditView = async () => JSON.stringify((await victim!.db.audit.find().exec()).map((d) => d.toJSON()));
  const scheme1 = (dir: string) => {
    const db = new Database(path.join(dir, 'diarium.sqlite'), { readonly: true });
    const n = db
      .prepare<[], { n: number }>("SELECT count(*) AS n FROM records WHERE collection = 'audit' AND json_extract(data, '$.hashScheme') = 1")
      .get()!.n;
    db.close();
    return n;
  };

  it('the register holds scheme 1 entries quoting the case, and the replica holds them with their values', async () => {
    expect(converted).toBeGreaterThanOrEqual(5);
    expect(scheme1(dataDir)).toBe(converted);
    await eventually(async () => (await auditView()).includes(EARLIER_TITLE), 20_000, 'actor register replicated');
    expect(await auditView()).toContain(SECRET_SENDER);
    expect(await dumpIndexedDb()).toContain(docId);
  });

  it('disposing the case re-anchors the register: its entry says how many entries were converted, none keeps its values', async () => {
    const res = await executeDisposal(server!.url, { documentIds: [docId], caseIds: [caseId] }, DECISION);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ documents: 1, cases: 1 });
    // The first act converted the register's scheme 1 entries; none is left for the second, and nothing is kept.
    await expectReanchoredOnce(server!.storage, [docId, caseId], 'disposalDecision', converted, [
      EARLIER_TITLE,
      SECRET_TITLE,
      SECRET_SENDER,
    ]);
  });

  it('no file of the data folder holds a disposed value', () => {
    expect(scheme1(dataDir)).toBe(0);
    expect(bytesHits(dataDir, [EARLIER_TITLE, SECRET_TITLE, SECRET_SENDER])).toEqual([]);
  });

  it('the replica that held the entries has no disposed value left', async () => {
    await eventually(async () => !(await auditView()).includes(EARLIER_TITLE), 20_000, 're-anchored entries replicated');
    const dump = await dumpIndexedDb();
    expect(dump).toContain(docId);
    for (const v of [EARLIER_TITLE, SECRET_TITLE, SECRET_SENDER]) {
      expect(await auditView()).not.toContain(v);
      expect(dump).not.toContain(v);
    }
  });

  it('verify-audit: every old checkpoint verifies through the signed bridges; without them, or with a forged one, it is a rewrite', async () => {
    writeFileSync(path.join(kept, 'after.jsonl'), await exportCheckpoints(server!.url, archivist));
    await closeReplica(victim!);
    victim = null;
    await server!.close();
    server = null;
    // The archivist's copies: the two exports before the disposal and the one after (with the bridges).
    expectIntactThroughBridges(dataDir, publicKeyFile, kept);
    // The server's own file holds them too.
    expect(runVerifyAudit(dataDir, '--public-key', publicKeyFile, '--checkpoints', checkpointDir).status).toBe(0);
    // The checkpoints signed before the disposal, without the bridges: the chain no longer has those hashes.
    const bare = runVerifyAudit(dataDir, '--public-key', publicKeyFile, '--checkpoints', path.join(kept, 'before-1.jsonl'));
    expect(bare.status).toBe(1);
    expect(lastJson(bare.stdout)).toMatchObject({ registerId: 'reg-ks', reason: 'rewritten' });

    const lines = readFileSync(path.join(kept, 'after.jsonl'), 'utf8').trim().split('\n');
    const isBridge = (l: string) => (JSON.parse(l) as { kind?: string }).kind === 'diarium-audit-bridge/1';
    expect(lines.filter(isBridge).length).toBeGreaterThanOrEqual(2);
    const checkpointsOnly = lines.filter((l) => !isBridge(l));
    const forged = mkdtempSync(path.join(tmpdir(), 'diarium-reanchor-forged-'));
    try {
      // A bridge altered after signing: leads the old checkpoints to a hash of the forger's choosing.
      const altered = lines.filter(isBridge).map((l) => JSON.stringify({ ...JSON.parse(l), newHash: 'f'.repeat(64) }));
      writeFileSync(path.join(forged, 'altered.jsonl'), [...checkpointsOnly, ...altered].join('\n'));
      const a = runVerifyAudit(dataDir, '--public-key', publicKeyFile, '--checkpoints', path.join(forged, 'altered.jsonl'));
      expect(a.stdout).toContain('bridge NOT SIGNED by this key, ignored');
      expect(a.status).toBe(1);
      expect(lastJson(a.stdout)).toMatchObject({ registerId: 'reg-ks', reason: 'rewritten' });
      // The right bridges signed with another key (whoever rewrote the database could make those), this key's id claimed.
      const other = generateKeyPairSync('ed25519').privateKey;
      const foreign = lines.filter(isBridge).map((l) => {
        const b = JSON.parse(l) as Record<string, unknown>;
        const body = canonicalJson({
          kind: b.kind,
          registerId: b.registerId,
          position: b.position,
          oldHash: b.oldHash,
          newHash: b.newHash,
          at: b.at,
        });
        return JSON.stringify({ ...b, signature: sign(null, Buffer.from(body, 'utf8'), other).toString('base64') });
      });
      writeFileSync(path.join(forged, 'foreign.jsonl'), [...checkpointsOnly, ...foreign].join('\n'));
      const f = runVerifyAudit(dataDir, '--public-key', publicKeyFile, '--checkpoints', path.join(forged, 'foreign.jsonl'));
      expect(f.status).toBe(1);
      expect(lastJson(f.stdout)).toMatchObject({ registerId: 'reg-ks', reason: 'rewritten' });
    } finally {
      rmSync(forged, { recursive: true, force: true });
    }
  });

  it("the start-up check accepts the re-anchored chain through the server's bridges, and not through a tampered one", async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'diarium-reanchor-copy-'));
    try {
      cpSync(dataDir, copy, { recursive: true });
      cpSync(`${dataDir}-audit`, `${copy}-audit`, { recursive: true });
      server = await start();
      expect(await health(server.url)).toEqual({ status: 'ok', auditChain: 'intact', roomCleanups: NO_CLEANUPS });
      const file = path.join(`${copy}-audit`, 'checkpoints', 'checkpoints.jsonl');
      const tampered = readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => ((JSON.parse(l) as { kind?: string }).kind ? JSON.stringify({ ...JSON.parse(l), newHash: 'e'.repeat(64) }) : l));
      writeFileSync(file, `${tampered.join('\n')}\n`);
      const onCopy = await startTestServer({ dataDir: copy, now: () => clock });
      try {
        expect(await health(onCopy.url)).toEqual({ status: 'degraded', auditChain: 'broken', roomCleanups: NO_CLEANUPS });
      } finally {
        await onCopy.stop();
      }
    } finally {
      rmSync(copy, { recursive: true, force: true });
      rmSync(`${copy}-audit`, { recursive: true, force: true });
    }
  });
});
