/**
 * After the archive's receipt with the authority's setting `remove`, the content leaves every
 * replica by the revocation path: a real RxDB replica that kept the case offline, its file cached,
 * holds afterwards the metadata entry (number, title, status Arkiverad) and nothing of the sender,
 * the file record or the file's bytes (its IndexedDB read row by row, its file cache read back).
 * The actor register's entries about them drop the values the entry no longer has, on the server
 * (every byte of its data folder but the package itself) and in the replica, while the chain and
 * the checkpoints signed before still verify and the package keeps them whole.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { dumpIndexedDb } from '../indexeddb-dump';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, DISPOSED_AUDIT_VALUE, type Case, type Document, type FileRecord } from '../../../shared/src';
import { verifyAuditChain } from '../../../sync-server/src/audit/verify-chain';
import { ARCHIVE_API } from '../../../shared/src/protocol/archive';
import { WORKING_SET_API } from '../../../shared/src/protocol/working-set';
import { login } from '../../../renderer/src/lib/replica';
import { MemoryBlobCache } from '../../../renderer/src/lib/replica/blob-cache';
import { deleteReplicaDatabases } from '../../../renderer/src/lib/replica/idb-removal';
import { openReplicaWith } from '../../../renderer/src/lib/replica/open-replica';
import type { Replica } from '../../../renderer/src/lib/replica/replica';
import { Attacker, accepted, edit, newCase, newDocument, uploadFile } from '../adversarial/attacks';
import { tinyPdf } from '../fixtures';
import { RawClient, SwitchableNetwork, closeReplica, eventually, startTestServer, testEnvironment, type TestServer } from '../harness';
import { api, preserveProcess, settled } from './transfer-setup';

const STAMP = randomUUID().slice(0, 8);
const SENDER = `Arkivavsändare ${STAMP}`;
const PDF_TEXT = `ARKIVHEMLIGHET${STAMP}`;
const TITLE = `Bygglov för arkivhuset ${STAMP}`;
/** The sender before the registrar corrected it: afterwards only the actor register quotes it. */
const EARLIER_SENDER = `Tidigare avsändare ${randomUUID()}`;
const DESCRIPTION = `Beskrivning av arkivhuset ${randomUUID()}`;
const FILE_NAME = `ansokan-${randomUUID()}.pdf`;

let server: TestServer;
let victim: Replica;
let cache: MemoryBlobCache;
let kase: Case;
let doc: Document;
let file: FileRecord;
let archivist = '';

/** Which of `needles` occur (as UTF-8) in which file under the data folder, the packages written for the archive aside. */
function serverHits(dir: string, needles: readonly string[], base = dir): string[] {
  const hits: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, e.name);
    if (e.isDirectory() && path.relative(base, file) !== 'archive-out') hits.push(...serverHits(file, needles, base));
    else if (e.isFile()) {
      const bytes = readFileSync(file);
      for (const n of needles) if (bytes.includes(Buffer.from(n, 'utf8'))) hits.push(`${path.relative(base, file)}: ${n}`);
    }
  }
  return hits;
}

/** The replica's actor-register entries as it reads them (sealed at rest, opened by the replica). */
const auditView = async () => JSON.stringify((await victim.db.audit.find().exec()).map((d) => d.toJSON()));

async function blobText(): Promise<string> {
  const out: string[] = [];
  for (const sha of await cache.keys()) out.push(await (await cache.get(sha))!.text());
  return out.join('\n');
}

beforeAll(async () => {
  server = await startTestServer();
  const registrar = await Attacker.as(server.url, 'registrator');
  const qa = await Attacker.as(server.url, 'kvalitet');
  const process = await preserveProcess(registrar, 'reg-ks');
  // The colleague is the case's officer, so the actor register's entries about it reach their replica too.
  kase = await accepted<Case>(
    server,
    registrar,
    'cases',
    newCase(process, 'usr-registrator', { title: TITLE, description: DESCRIPTION, responsibleUserId: 'usr-registrator2' }),
  );
  doc = await accepted<Document>(
    server,
    registrar,
    'documents',
    newDocument(process, 'usr-registrator', kase.id, { sender: EARLIER_SENDER }),
  );
  expect((await edit(server, registrar, 'documents', doc.id, { sender: SENDER })).rejected).toEqual([]);
  const up = await uploadFile(server, registrar.token, doc.id, FILE_NAME, tinyPdf(PDF_TEXT));
  expect(up.status).toBe(201);
  file = (await up.json()) as FileRecord;
  expect((await edit(server, qa, 'documents', doc.id, { status: 'registered' })).rejected).toEqual([]);
  expect((await edit(server, qa, 'cases', kase.id, { status: 'registered' })).rejected).toEqual([]);
  expect((await edit(server, registrar, 'cases', kase.id, { status: 'closed' })).rejected).toEqual([]);
  registrar.close();
  qa.close();
  // A colleague keeps the case "Tillgänglig offline": it is in the replica, its file cached.
  const session = await login(server.url, 'registrator2', 'demo1234');
  const pinned = await fetch(`${server.url}${WORKING_SET_API.root}/pins/cases/${kase.id}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${session.token}` },
  });
  expect(pinned.status).toBe(200);
  cache = new MemoryBlobCache();
  victim = await openReplicaWith(
    session,
    testEnvironment(new SwitchableNetwork(), cache, {
      storage: getRxStorageDexie({ indexedDB, IDBKeyRange }) as never,
      deleteStorage: (dbName) => deleteReplicaDatabases(indexedDB, dbName),
    }),
  );
  await victim.awaitInitialSync();
  archivist = (await RawClient.token(server.url, 'arkivarie')).token;
}, 180_000);

afterAll(async () => {
  if (victim) await closeReplica(victim);
  await server?.stop();
});

describe('content leaving the register after the receipt (setting remove)', () => {
  it('the replica first holds the sender and the cached file', async () => {
    await eventually(async () => (await victim.db.files.findOne(file.id).exec()) && (await cache.has(file.sha256)), 20_000, 'file cached');
    const dump = await dumpIndexedDb();
    expect(dump).toContain(SENDER);
    expect(dump).toContain(file.sha256);
    expect(await blobText()).toContain(PDF_TEXT);
    // The actor register quotes the earlier sender, the description and the file name, on the server and in the replica.
    await eventually(async () => (await auditView()).includes(EARLIER_SENDER), 20_000, 'actor register replicated');
    for (const v of [FILE_NAME, DESCRIPTION, SENDER]) expect(await auditView()).toContain(v);
    expect(serverHits(server.dataDir, [EARLIER_SENDER, DESCRIPTION, FILE_NAME]).length).toBeGreaterThan(0);
  });

  it('after the receipt it keeps the entry, Arkiverad, and no sender, file record or file bytes', async () => {
    // The archivist exports the checkpoints: the server signs the actor register's heads as they are now.
    expect((await fetch(`${server.url}${API.auditCheckpoints}`, { headers: { authorization: `Bearer ${archivist}` } })).status).toBe(200);
    const settings = { generation: 'fgs2', archiveName: 'Kommunarkivet', archiveId: '', afterReceipt: 'remove', afterYears: 0 };
    expect((await api(server, archivist, 'POST', ARCHIVE_API.settings, settings))[0]).toBe(200);
    const [, started] = await api(server, archivist, 'POST', ARCHIVE_API.transfers, {
      registerId: 'reg-ks',
      kind: 'cases',
      ids: [kase.id],
    });
    const t = await settled(server, archivist, started.id!);
    expect(t.state, t.error).toBe('written');
    const [status] = await api(server, archivist, 'POST', `${ARCHIVE_API.transferPrefix}${t.id}/receipt`, {
      manual: { name: 'Lars Ek', note: 'Mottaget enligt leveransbekräftelse' },
    });
    expect(status).toBe(200);
    await eventually(async () => (await victim.db.documents.findOne(doc.id).exec())?.status === 'archived', 20_000, 'receipt replicated');
    await eventually(async () => !(await victim.db.files.findOne(file.id).exec()), 20_000, 'file record gone');
    await victim.awaitPurged();
    await eventually(async () => !(await cache.has(file.sha256)), 20_000, 'cached file removed');
    expect((await victim.db.cases.findOne(kase.id).exec())?.status).toBe('archived');
    const dump = await dumpIndexedDb();
    expect(dump).toContain(TITLE);
    expect(dump).not.toContain(SENDER);
    expect(dump).not.toContain(file.sha256);
    expect(await blobText()).not.toContain(PDF_TEXT);
  });

  it("the actor register's values of the archived records are gone from the server and the replica; the chain verifies", async () => {
    const planted = [SENDER, EARLIER_SENDER, DESCRIPTION, FILE_NAME, PDF_TEXT];
    expect(serverHits(server.dataDir, planted)).toEqual([]);
    await eventually(async () => !(await auditView()).includes(EARLIER_SENDER), 20_000, 'archived values gone from the replica');
    const view = await auditView();
    for (const v of planted) expect(view).not.toContain(v);
    expect(view).toContain(DISPOSED_AUDIT_VALUE);
    // Who did what and when stays, with the number and the title the entry keeps.
    expect(view).toContain(doc.documentNumber);
    expect(view).toContain(TITLE);
    const checkpoints = await server.storage.listAuditCheckpoints();
    expect(checkpoints.length).toBeGreaterThan(0);
    expect(await verifyAuditChain(server.storage, checkpoints)).toMatchObject({ ok: true });
    // Nothing is lost: the package holds the actor register of its records as it was.
    const packaged = readdirSync(path.join(server.dataDir, 'archive-out'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('actor-register.json'),
    );
    expect(packaged.length).toBe(1);
    const register = readFileSync(path.join(server.dataDir, 'archive-out', packaged[0]!), 'utf8');
    for (const v of [EARLIER_SENDER, DESCRIPTION, FILE_NAME]) expect(register).toContain(v);
  });
});
