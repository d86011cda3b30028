import { randomUUID } from 'node:crypto';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { dumpIndexedDb } from './indexeddb-dump';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, SECOND_FACTOR_API, type Case, type Document, type FileRecord } from '../../shared/src';
import { base32Decode, totp } from '../../sync-server/src/auth/totp';
import { login } from '../../renderer/src/lib/replica';
import { MemoryBlobCache } from '../../renderer/src/lib/replica/blob-cache';
import { deleteReplicaDatabases } from '../../renderer/src/lib/replica/idb-removal';
import { viewOf } from '../../renderer/src/lib/replica/sealing';
import { openReplicaWith } from '../../renderer/src/lib/replica/open-replica';
import type { Replica } from '../../renderer/src/lib/replica/replica';
import {
  PASSWORD,
  RawClient,
  SwitchableNetwork,
  eventually,
  issueEnrolmentCode,
  startTestServer,
  testEnvironment,
  type TestServer,
} from './harness';
import { newCase, newIncoming, openProcess, tinyPdf, type Process } from './fixtures';

/** A test replica in IndexedDB (fake-indexeddb), which a revocation must remove from the disk. */
const inIndexedDb = (net: SwitchableNetwork, cache: MemoryBlobCache) =>
  testEnvironment(net, cache, {
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }) as never,
    deleteStorage: (dbName) => deleteReplicaDatabases(indexedDB, dbName),
  });

/**
 * Revocation reaches the disk: a replica on the product's own browser storage (Dexie over
 * IndexedDB, here fake-indexeddb in memory so the test can read every byte of it) must hold
 * nothing of a record after access to it is taken away.
 */
const SECRET_TITLE = 'Orosanmälan gällande Kalle Hemligsson';
const SECRET_SENDER = 'Hemliga Anmälarsson';
const SECRET_PDF_TEXT = 'HEMLIGTPDFINNEHALL';

let server: TestServer;

async function blobText(cache: MemoryBlobCache): Promise<string> {
  const out: string[] = [];
  for (const sha of await cache.keys()) out.push(await (await cache.get(sha))!.text());
  return out.join('\n');
}

describe('revocation reaches the disk', () => {
  let registrar: RawClient;
  let victim: Replica;
  let cache: MemoryBlobCache;
  let p: Process;
  let caseId: string;
  let docId: string;
  let file: FileRecord;

  beforeAll(async () => {
    server = await startTestServer();
    registrar = await RawClient.as(server.url, 'registrator');
    const classes = await registrar.send<{ documents: unknown[] }>({ t: 'pull', collection: 'classes', checkpoint: null, limit: 2000 });
    const doctypes = await registrar.send<{ documents: unknown[] }>({ t: 'pull', collection: 'doctypes', checkpoint: null, limit: 2000 });
    p = await openProcess({ find: async <T>(c: 'classes' | 'doctypes') => (c === 'classes' ? classes : doctypes).documents as T[] });

    const me = (await RawClient.token(server.url, 'registrator')).user;
    const kase: Case = newCase(me.id, p, SECRET_TITLE);
    caseId = kase.id;
    const res1 = await registrar.send<{ rejected: unknown[] }>({
      t: 'push',
      collection: 'cases',
      rows: [{ assumedMasterState: null, newDocumentState: { ...kase, _deleted: false } }],
    });
    expect(res1.rejected).toEqual([]);
    const d: Document = { ...newIncoming(me.id, p, caseId), sender: SECRET_SENDER, id: randomUUID() };
    docId = d.id;
    const res2 = await registrar.send<{ rejected: unknown[] }>({
      t: 'push',
      collection: 'documents',
      rows: [{ assumedMasterState: null, newDocumentState: { ...d, _deleted: false } }],
    });
    expect(res2.rejected).toEqual([]);
    const up = await fetch(`${server.url}${API.files}?${new URLSearchParams({ documentId: docId, name: 'anmalan.pdf' })}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${registrar.token}` },
      body: new Uint8Array(tinyPdf(SECRET_PDF_TEXT)),
    });
    expect(up.status).toBe(201);
    file = (await up.json()) as FileRecord;

    // The victim: another registrar, on the product's browser storage.
    const session = await login(server.url, 'registrator2', PASSWORD);
    cache = new MemoryBlobCache();
    const net = new SwitchableNetwork();
    victim = await openReplicaWith(session, inIndexedDb(net, cache));
    await victim.awaitInitialSync();
  });

  afterAll(async () => {
    registrar?.close();
    await victim?.close();
    await server?.stop();
  });

  it('first holds the record, its sender and its cached file (so the test can see them)', async () => {
    await eventually(async () => (await victim.db.files.findOne(file.id).exec()) && (await cache.has(file.sha256)), 20_000, 'file cached');
    const dump = await dumpIndexedDb();
    expect(dump).toContain(SECRET_TITLE);
    expect(dump).toContain(SECRET_SENDER);
    expect(await blobText(cache)).toContain(SECRET_PDF_TEXT);
  });

  it('after the case is restricted, the title, the sender and the file are nowhere in its storage', async () => {
    const current = await registrar.send<{ documents: Case[] }>({ t: 'pull', collection: 'cases', checkpoint: null, limit: 2000 });
    const kase = current.documents.find((x) => x.id === caseId)!;
    const res = await registrar.send<{ rejected: unknown[] }>({
      t: 'push',
      collection: 'cases',
      rows: [
        {
          assumedMasterState: kase,
          newDocumentState: { ...kase, restrictionKind: 'secrecy', legalGround: 'OSL 26 kap. 1 §', _deleted: false },
        },
      ],
    });
    expect(res.rejected).toEqual([]);

    await eventually(
      async () => (await victim.db.cases.findOne(caseId).exec())?.restrictionKind === 'secrecy',
      20_000,
      'restriction replicated',
    );
    await eventually(async () => !(await victim.db.files.findOne(file.id).exec()), 20_000, 'file record revoked');
    await victim.awaitPurged();

    const kept = (await victim.db.cases.findOne(caseId).exec())!.toMutableJSON();
    expect(kept).toMatchObject({ caseNumber: kase.caseNumber, title: '', legalGround: 'OSL 26 kap. 1 §' });
    expect(kept.withheld).toEqual(expect.arrayContaining(['title', 'files']));
    const doc = (await victim.db.documents.findOne(docId).exec())!.toMutableJSON();
    expect(doc.sender).toBe('');

    const dump = await dumpIndexedDb();
    expect(dump).not.toContain(SECRET_TITLE);
    expect(dump).not.toContain(SECRET_SENDER);
    expect(dump).not.toContain(file.sha256);
    expect(await cache.has(file.sha256)).toBe(false);
    expect(await blobText(cache)).not.toContain(SECRET_PDF_TEXT);
  });
});

describe('loss of all access removes the whole local database', () => {
  it("a deactivated user's replica deletes its database and cached files at its next contact", async () => {
    const srv = await startTestServer();
    try {
      const session = await login(srv.url, 'lasare', PASSWORD);
      const cache = new MemoryBlobCache();
      await cache.put('a'.repeat(64), new Blob(['cached file']));
      const net = new SwitchableNetwork();
      const replica = await openReplicaWith(session, inIndexedDb(net, cache));
      await replica.awaitInitialSync();
      const name = replica.db.name;
      const names = async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.includes(name));
      expect((await names()).length).toBeGreaterThan(0);

      await srv.admin.updateUser(session.user.id, { active: false });
      await eventually(() => replica.status.value.accessLost === true, 20_000, 'replica removed itself');
      expect(await names()).toEqual([]);
      expect(await cache.keys()).toEqual([]);
      // The server refuses the old session with "inactive", not just "unauthorized".
      const me = await fetch(`${srv.url}${API.me}`, { headers: { authorization: `Bearer ${session.token}` } });
      expect(me.status).toBe(403);
    } finally {
      await srv.stop();
    }
  });
});

describe('restricted content at rest', () => {
  it('an authorised replica shows the content but stores it only encrypted', async () => {
    const srv = await startTestServer();
    try {
      const registrar = await RawClient.as(srv.url, 'registrator');
      const pull = async <T>(collection: string) =>
        (await registrar.send<{ documents: T[] }>({ t: 'pull', collection, checkpoint: null, limit: 2000 })).documents;
      const classes = await pull<never>('classes');
      const doctypes = await pull<never>('doctypes');
      const p = await openProcess({ find: async <T>(c: 'classes' | 'doctypes') => (c === 'classes' ? classes : doctypes) as T[] });
      const session = await login(srv.url, 'registrator2', PASSWORD);
      const me = (await RawClient.token(srv.url, 'registrator')).user;
      // Restricted from the start, with the victim of the other tests now named as co-officer.
      const kase: Case = {
        ...newCase(me.id, p, SECRET_TITLE),
        restrictionKind: 'secrecy',
        legalGround: 'OSL 26 kap. 1 §',
        accessUserIds: [session.user.id],
      };
      const res = await registrar.send<{ rejected: unknown[] }>({
        t: 'push',
        collection: 'cases',
        rows: [{ assumedMasterState: null, newDocumentState: { ...kase, _deleted: false } }],
      });
      expect(res.rejected).toEqual([]);
      registrar.close();

      // The named user passes the second factor (enrolment verifies the session).
      const auth = { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' };
      const enrolmentCode = await issueEnrolmentCode(srv, session.user.username);
      const start = (await (
        await fetch(`${srv.url}${SECOND_FACTOR_API.enrolStart}`, { method: 'POST', headers: auth, body: JSON.stringify({ enrolmentCode }) })
      ).json()) as { secret: string };
      const confirm = await fetch(`${srv.url}${SECOND_FACTOR_API.enrolConfirm}`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ code: totp(base32Decode(start.secret), Date.now()) }),
      });
      expect(confirm.status).toBe(200);

      const net = new SwitchableNetwork();
      const replica = await openReplicaWith(session, inIndexedDb(net, new MemoryBlobCache()));
      try {
        await replica.awaitInitialSync();
        const doc = await eventually(async () => replica.db.cases.findOne(kase.id).exec(), 20_000, 'case replicated');
        expect(viewOf<Case>(doc).title).toBe(SECRET_TITLE);
        expect(doc.get('title')).toBe('');
        const dump = await dumpIndexedDb();
        expect(dump).toContain(kase.id);
        expect(dump).not.toContain(SECRET_TITLE);
        expect(dump).not.toContain('Hemligsson');
      } finally {
        await replica.close();
      }
    } finally {
      await srv.stop();
    }
  });
});
