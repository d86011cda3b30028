/**
 * Upgrades from real old data: every folder in tests/fixtures was made by an earlier version
 * (tests/fixtures/make-upgrade-fixture.ts). Today's server opens its data folder, today's client
 * opens its raw replica (running the migration strategies) and delivers the offline changes that
 * were waiting in it.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import {
  Case,
  COLLECTION_NAMES,
  Document,
  documentListKey,
  LEGACY_CHANGE_REASON,
  RECORD_MIGRATIONS,
  type AuditEntry,
  type CollectionName,
  type RecordMigrationTable,
} from '../../shared/src';
import { databaseName } from '../../renderer/src/lib/replica/database';
import { readRawReplica, writeRawReplica, type RawReplica } from '../../renderer/src/lib/replica/raw-replica';
import { Attacker } from './adversarial/attacks';
import {
  closeReplica,
  connectClient,
  eventually,
  PASSWORD,
  startTestServer,
  SwitchableNetwork,
  TEST_REPLICA_SECRET,
  testEnvironment,
  type TestClient,
  type TestServer,
} from './harness';
import { login, type Session } from '../../renderer/src/lib/replica';
import { openReplicaWith } from '../../renderer/src/lib/replica/open-replica';
import { verifySecondFactor } from '../../renderer/src/lib/second-factor';
import { base32Decode, totp } from '../../sync-server/src/auth/totp';
import { MemoryBlobCache } from '../../renderer/src/lib/replica/blob-cache';
import { replicaDexieStorage } from '../../renderer/src/lib/replica/known-keys';
import { appendAudit } from '../../sync-server/src/audit/audit';
import { verifyAuditChain } from '../../sync-server/src/audit/verify-chain';
import { SqliteStorage } from '../../sync-server/src/storage/sqlite.adapter';
import { openOrRecover, reapplyRescued } from '../../renderer/src/lib/replica/recovery';
import type { RescueFile } from '../../renderer/src/lib/replica/rescue';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

interface Manifest {
  username: string;
  userId: string;
  pending: { collection: CollectionName; id: string; what: string; expect: Record<string, unknown> }[];
  /** Per collection the old version had (a collection added since is missing). */
  replicaCounts: Record<CollectionName, number>;
  totpSecret: string;
}

/** A fixture's manifest, read at collection time. */
function manifestOf(name: string): Manifest & { collectionVersions?: Partial<Record<CollectionName, number>> } {
  return JSON.parse(readFileSync(path.join(FIXTURES, name, 'manifest.json'), 'utf8')) as Manifest;
}

const fixtures = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
/** The raw rows go into Node's memory storage and into the app's own (Dexie over IndexedDB, here fake-indexeddb). */
const STORAGES = {
  memory: () => getRxStorageMemory(),
  dexie: () => replicaDexieStorage({ indexedDB, IDBKeyRange }),
};
const cases = fixtures.flatMap((f) => (Object.keys(STORAGES) as (keyof typeof STORAGES)[]).map((s) => [f, s] as const));

let server: TestServer | null = null;
let client: TestClient | null = null;
afterEach(async () => {
  const [c, s] = [client, server];
  client = null;
  server = null;
  try {
    await c?.close();
  } finally {
    await s?.stop();
  }
});

/** Today's server on a copy of the fixture's data folder, and the old replica written into a fresh storage. */
async function fromFixture(name: string, kind: keyof typeof STORAGES) {
  const dir = path.join(FIXTURES, name);
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const raw = JSON.parse(readFileSync(path.join(dir, 'replica.json'), 'utf8')) as RawReplica;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-upgrade-'));
  cpSync(path.join(dir, 'server'), dataDir, { recursive: true });
  server = await startTestServer({ dataDir });
  const storage = STORAGES[kind]();
  const session = await login(server.url, manifest.username, PASSWORD);
  // Restricted content (one pending edit is of a restricted case) needs a fresh second factor.
  await verifySecondFactor(session, totp(base32Decode(manifest.totpSecret), Date.now()));
  await writeRawReplica(storage as never, databaseName(server.url, session.user.id), raw);
  return { manifest, storage, server, session, raw };
}

/** Today's client on the old replica, as the app opens it after an update. */
async function openOld(session: Session, storage: unknown, migrations?: RecordMigrationTable): Promise<TestClient> {
  const net = new SwitchableNetwork();
  const cache = new MemoryBlobCache();
  const replica = await openReplicaWith(
    session,
    testEnvironment(net, cache, { storage: storage as never, ...(migrations ? { migrations } : {}) }),
  );
  return { replica, net, cache, close: () => closeReplica(replica) };
}

/** What a colleague in the same register receives from the server now. */
async function onServer(url: string, collection: CollectionName): Promise<Map<string, Record<string, unknown>>> {
  const colleague = await Attacker.as(url, 'registrator2');
  try {
    return new Map((await colleague.pullAll(collection)).map((r) => [String(r.id), r]));
  } finally {
    colleague.close();
  }
}

/** Each change is in the server's database (restricted ones too, which a colleague could not read). */
async function expectDelivered(server: TestServer, pending: Manifest['pending']): Promise<void> {
  for (const p of pending) {
    await eventually(
      async () => {
        const rec = (await server.storage.getRecord(p.collection, p.id))?.data;
        return rec && Object.entries(p.expect).every(([k, v]) => rec[k] === v);
      },
      30_000,
      `${p.what} (${p.collection}/${p.id}) on the server`,
    );
  }
}

/** Fixtures made by a full replica (protocol 2, tests/fixtures/README.md); later ones held the working set already. */
const FULL_REPLICA_FIXTURES = new Set(['v0-2026-12', 'v1-2026-12', 'v2-2026-12', 'v3-2026-12']);

/** Collections the replica holds as the user's working set (sync-server/src/working-set/unit-of.ts). */
const WINDOWED: readonly CollectionName[] = ['cases', 'documents', 'files', 'audit', 'flows'];

/** The ids the user's own pull brings now: with protocol 3, their working set. */
async function ownPull(url: string, username: string, collection: CollectionName): Promise<Set<string>> {
  const own = await Attacker.as(url, username);
  try {
    return new Set((await own.pullAll(collection)).filter((r) => r._deleted !== true).map((r) => String(r.id)));
  } finally {
    own.close();
  }
}

/**
 * The replica holds the user's working set (protocol 3): every record of it, and the records the
 * old full replica held outside it have left the storage, the ones with offline changes only after
 * those were sent (sent, they are the user's own recent work, so in the window). Collections that
 * are not windowed keep every record (a collection the old version did not have, meetings after
 * v2, is opened empty, as the old server holds none of it).
 */
async function expectWorkingSet(
  name: string,
  replica: TestClient['replica'],
  manifest: Manifest,
  raw: RawReplica,
  url: string,
): Promise<void> {
  for (const c of COLLECTION_NAMES) {
    if (WINDOWED.includes(c)) continue;
    expect(await replica.db[c].count().exec(), c).toBe(manifest.replicaCounts[c] ?? 0);
  }
  const left: string[] = [];
  for (const c of WINDOWED) {
    const window = await ownPull(url, manifest.username, c);
    const held = async () => new Set((await replica.db[c].find().exec()).map((d) => String(d.primary)));
    await eventually(async () => sameSet(await held(), window), 30_000, `the working set of ${c} in the replica`);
    const before = raw.instances.filter((i) => i.collectionName === c).flatMap((i) => i.rows.map((r) => String(r.id)));
    const outside = before.filter((id) => !window.has(id));
    left.push(...outside.map((id) => `${c}/${id}`));
    // Their stripped tombstones are cleaned up by the revocation purge (renderer/src/lib/replica/purge.ts).
    await eventually(
      async () => (await replica.awaitPurged(), (await replica.db[c].storageInstance.findDocumentsById(outside, true)).length === 0),
      30_000,
      `${c} outside the window gone from the storage`,
    );
  }
  // A full replica (protocol 2) held more than the window (closed cases of others): those left.
  if (FULL_REPLICA_FIXTURES.has(name)) expect(left.filter((k) => k.startsWith('cases/')).length).toBeGreaterThan(0);
  for (const p of manifest.pending) expect(await replica.db[p.collection].findOne(p.id).exec(), `${p.what} held`).not.toBeNull();
}

/**
 * Documents v2: every document the server stores (migrated at start, or delivered from the old
 * replica since) carries the list key its dates and registration give, and so does every one the
 * replica holds (migrated when opened, or pulled). The delivered ones came back with the server's
 * state: the document created offline has its number and the key that goes with it in the replica
 * too (it could keep its provisional state when a pull overtook its push, see
 * upgrade-provisional.test.ts).
 */
async function expectListKeys(s: TestServer, replica: TestClient['replica'], manifest: Manifest): Promise<void> {
  const onServer = (await s.storage.pullPage('documents', 0, 100_000, null)).map((r) => r.data as Document);
  expect(onServer.length).toBeGreaterThan(0);
  for (const d of onServer) expect(d.listKey, d.id).toBe(documentListKey(d));
  const delivered = manifest.pending.filter((p) => p.collection === 'documents').map((p) => p.id);
  for (const id of delivered) expect(onServer.find((d) => d.id === id)?.listKey, id).toMatch(/^\d{21}$/);
  const held = (await replica.db.documents.find().exec()).map((d) => d._data as Document); // metadata: never sealed
  expect(held.length).toBeGreaterThan(0);
  for (const d of held) expect(d.listKey, d.id).toBe(documentListKey(d));
  for (const id of delivered) {
    const stored = onServer.find((d) => d.id === id)!;
    await eventually(
      async () => {
        const local = (await replica.db.documents.findOne(id).exec())?._data as Document | undefined;
        return local?.documentNumber === stored.documentNumber && local.listKey === stored.listKey;
      },
      30_000,
      `the server's number and list key of ${id} in the replica`,
    );
  }
}

const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));

describe.each(cases)('upgrade from fixture %s (%s storage)', (name, kind) => {
  it('opens the old server data folder and replica, and delivers the offline changes waiting in it; then it holds the working set', async () => {
    const { manifest, storage, server: s, session, raw } = await fromFixture(name, kind);
    const before = {
      cases: await s.storage.countRecords('cases'),
      documents: await s.storage.countRecords('documents'),
      parties: await s.storage.countRecords('parties'),
    };
    const newRecords = (c: CollectionName) => manifest.pending.filter((p) => p.collection === c && p.what.startsWith('new')).length;

    client = await openOld(session, storage);
    const { replica } = client;
    // The pending changes were known before anything was sent: the old replica's bookkeeping was read.
    expect(replica.status.value.pendingChanges).toBe(manifest.pending.length);
    await expectDelivered(s, manifest.pending);
    await eventually(() => replica.status.value.pendingChanges === 0, 30_000, 'no pending changes left');
    expect(replica.rejections.value).toEqual([]);
    expect(replica.conflicts.value).toEqual([]);

    expect(await s.storage.countRecords('cases')).toBe(before.cases + newRecords('cases'));
    expect(await s.storage.countRecords('documents')).toBe(before.documents + newRecords('documents'));
    expect(await s.storage.countRecords('parties')).toBe(before.parties);
    await expectWorkingSet(name, replica, manifest, raw, s.url);
    await expectListKeys(s, replica, manifest);
    // The new records got their numbers from the server, and the replica has them.
    const created = manifest.pending.find((p) => p.collection === 'cases' && p.what === 'new case')!;
    await eventually(
      async () => ((await replica.db.cases.findOne(created.id).exec())?.caseNumber ?? '') !== '',
      30_000,
      'case number in the replica',
    );
    // At rest, every actor-register entry keeps its values (and, since v2, their seals) sealed (audit v1): the restricted case's
    // title, which its entries name, is nowhere in the replica's storage in plain text.
    const restricted = manifest.pending.find((p) => p.what === 'restricted case title edited')!;
    const dbName = replica.db.name;
    const held = client;
    client = null;
    await held.close();
    const after = await readRawReplica(storage as never, dbName);
    const auditRows = after.instances.filter((i) => i.collectionName === 'audit').flatMap((i) => i.rows);
    expect(auditRows.length).toBeGreaterThan(0);
    expect(
      auditRows.every(
        (r) =>
          (r.changes as unknown[]).length === 0 &&
          r.label === '' &&
          (r.valueSeals as unknown[]).length === 0 &&
          typeof r.sealed === 'object',
      ),
    ).toBe(true);
    expect(JSON.stringify(after)).not.toContain(String(restricted.expect.title));
  });

  it('migrates the old replica through a test-only step, keeps the pending changes pending and sends them', async () => {
    const { manifest, storage, server: s, session, raw } = await fromFixture(name, kind);
    // One extra step for parties and documents, as the next schema change will add (not in RECORD_MIGRATIONS).
    const seen: string[] = [];
    const migrations: RecordMigrationTable = {
      ...RECORD_MIGRATIONS,
      parties: [
        ...RECORD_MIGRATIONS.parties,
        { description: 'test: postal codes without spaces', up: (r) => ({ ...r, postalCode: String(r.postalCode).replace(/\s+/g, '') }) },
      ],
      documents: [...RECORD_MIGRATIONS.documents, { description: 'test: sees plain records', up: (r) => (seen.push(String(r.id)), r) }],
      cases: [...RECORD_MIGRATIONS.cases, { description: 'test: sees restricted content in place', up: (r) => (seenCases.push(r), r) }],
    };
    const seenCases: Record<string, unknown>[] = [];
    const restricted = manifest.pending.find((p) => p.what === 'restricted case title edited')!;
    client = await openOld(session, storage, migrations);
    const { replica } = client;
    expect(replica.db.parties.schema.version).toBe(RECORD_MIGRATIONS.parties.length + 1);
    expect(replica.status.value.pendingChanges).toBe(manifest.pending.length);
    // Every stored document and every assumed master state of one went through the step.
    expect(new Set(seen).size).toBe(manifest.replicaCounts.documents);
    // The restricted case: the step saw its title in place, and it is sealed again after the step.
    expect(seenCases.filter((r) => r.id === restricted.id).map((r) => [r.title, 'sealed' in r])).toContainEqual([
      restricted.expect.title,
      false,
    ]);
    const stored = (await replica.db.cases.findOne(restricted.id).exec())!._data as { title: string; sealed?: { title?: string } };
    expect([stored.title, stored.sealed?.title]).toEqual(['', restricted.expect.title]);

    await expectDelivered(s, manifest.pending);
    await eventually(() => replica.status.value.pendingChanges === 0, 30_000, 'no pending changes left');
    const party = manifest.pending.find((p) => p.collection === 'parties')!;
    const parties = await onServer(s.url, 'parties');
    // The pending party went to the server migrated; the others were migrated alike on both
    // sides of the replication metadata, so they were not pending and were not sent.
    expect(String(parties.get(party.id)!.postalCode)).not.toMatch(/\s/);
    expect([...parties.values()].some((p) => p.id !== party.id && /\s/.test(String(p.postalCode)))).toBe(true);
    expect(replica.rejections.value).toEqual([]);
    expect(replica.conflicts.value).toEqual([]);
    await expectWorkingSet(name, replica, manifest, raw, s.url);
  });

  it('when the old replica cannot be opened (a migration step throws): saves the offline changes, downloads the register again and re-applies them', async () => {
    const { manifest, storage, server: s, session } = await fromFixture(name, kind);
    const migrations: RecordMigrationTable = {
      ...RECORD_MIGRATIONS,
      parties: [
        ...RECORD_MIGRATIONS.parties,
        {
          description: 'test: a broken step',
          up: () => {
            throw new Error('test: broken step');
          },
        },
      ],
    };
    const saved: RescueFile[] = [];
    const { replica, rescued } = await openOrRecover(
      session,
      testEnvironment(new SwitchableNetwork(), new MemoryBlobCache(), { storage: storage as never, migrations }),
      async (file) => {
        saved.push(JSON.parse(JSON.stringify(file)) as RescueFile);
        return 'test-rescue.json';
      },
    );
    client = { replica, net: new SwitchableNetwork(), cache: new MemoryBlobCache(), close: () => closeReplica(replica) };
    const key = (c: { collection: string; id: string }) => `${c.collection}/${c.id}`;
    // Exactly the offline changes were found in the raw storage, and saved before anything was removed.
    expect(rescued?.savedTo).toBe('test-rescue.json');
    expect(rescued?.reason).toContain('broken step');
    expect(saved.map((f) => f.changes.map(key).sort())).toEqual([manifest.pending.map(key).sort()]);
    // The restricted case's edit is in the file, encrypted as it was on disk.
    const restricted = manifest.pending.find((p) => p.what === 'restricted case title edited')!;
    expect(saved[0]!.changes.find((c) => c.id === restricted.id)?.record.sealed).toEqual({ diariumCipher: expect.stringMatching(/^e:/) });
    expect(JSON.stringify(saved)).not.toContain(String(restricted.expect.title));

    // A fresh replica from the server: the new records are not in it, the edits neither.
    await replica.awaitInitialSync();
    expect(replica.status.value.pendingChanges).toBe(0);
    expect(await replica.db.cases.count().exec()).toBe((await ownPull(s.url, manifest.username, 'cases')).size);

    // Meanwhile a colleague changed the title the user had edited offline.
    const edited = manifest.pending.find((p) => p.what === 'title edited')!;
    const colleague = await Attacker.as(s.url, 'registrator2');
    const current = (await colleague.pullAll('documents')).find((d) => d.id === edited.id)!;
    const pushed = await colleague.push(
      'documents',
      { ...current, title: 'Kollegans titel', changeReason: 'Kollegan rättar rubriken' },
      current,
    );
    expect(pushed.rejected).toEqual([]);
    colleague.close();
    await eventually(
      async () => (await replica.db.documents.findOne(edited.id).exec())?.title === 'Kollegans titel',
      30_000,
      "the colleague's title",
    );

    const result = await reapplyRescued(replica, rescued!.file, TEST_REPLICA_SECRET, migrations);
    // The party's change cannot be brought through the broken step: it stays in the saved file only.
    const party = manifest.pending.find((p) => p.collection === 'parties')!;
    expect(result.failed.map(key)).toEqual([key(party)]);
    // Since documents v1 the offline correction carries its own reason (fixtures from v4), and the
    // colleague gave another: both fields conflict.
    const conflicted = (manifestOf(name).collectionVersions?.documents ?? 0) >= 1 ? ['title', 'changeReason'] : ['title'];
    expect(result).toMatchObject({ applied: manifest.pending.length - 1, conflicts: conflicted.length, gone: [] });
    await expectDelivered(
      s,
      manifest.pending.filter((p) => p !== party && p !== edited),
    );
    // The same-field conflict went the usual way: listed for the user, who keeps their own title.
    expect(replica.conflicts.value).toEqual([
      expect.objectContaining({
        collection: 'documents',
        id: edited.id,
        conflicts: conflicted.map((field) =>
          expect.objectContaining(field === 'title' ? { field, theirs: 'Kollegans titel' } : { field, theirs: 'Kollegan rättar rubriken' }),
        ),
      }),
    ]);
    for (const field of conflicted) await replica.resolveConflict('documents', edited.id, field, 'mine');
    await expectDelivered(s, [edited]);
    expect(String((await onServer(s.url, 'parties')).get(party.id)!.city)).not.toBe(party.expect.city);
    await eventually(() => replica.status.value.pendingChanges === 0, 30_000, 'no pending changes left');
  });
});

// Audit v2 (entries hashed over value seals, so disposal can drop values): every entry stored
// before was hashed over its values. The server takes them over as scheme 1 and they still verify,
// up to the very heads the old server wrote; what it appends afterwards is scheme 2 and continues the chain.
describe.each(fixtures.filter((f) => (manifestOf(f).collectionVersions?.audit ?? 0) === 1))(
  'upgrade from fixture %s to audit v2 (hash schemes)',
  (name) => {
    it('keeps the stored actor register verifiable as scheme 1 and continues it in scheme 2', async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-audit-v2-'));
      cpSync(path.join(FIXTURES, name, 'server'), dataDir, { recursive: true });
      // The heads as the old server left them, taken as checkpoints (the fixtures hold no signed ones).
      const old = new Database(path.join(dataDir, 'diarium.sqlite'), { readonly: true });
      const checkpoints = old
        .prepare<[], { register_id: string; position: number; hash: string }>('SELECT * FROM audit_heads')
        .all()
        .map((h) => ({ registerId: h.register_id, position: h.position, hash: h.hash, at: '', keyId: '', signature: '' }));
      old.close();
      expect(checkpoints.length).toBeGreaterThan(0);
      const storage = new SqliteStorage(dataDir);
      try {
        const stored = await storage.pullPage('audit', 0, 100_000, ['reg-ks']);
        expect(stored.length).toBeGreaterThan(0);
        expect(stored.every((r) => r.data.hashScheme === 1 && (r.data.valueSeals as unknown[]).length === 0)).toBe(true);
        expect(await verifyAuditChain(storage, checkpoints)).toEqual({ ok: true, entries: await storage.countRecords('audit') });
        const caseRec = stored[0]!;
        const appended = await storage.transaction((tx) =>
          appendAudit(
            tx,
            {
              actor: { id: 'usr-registrator', displayName: 'Anna Lind' },
              at: new Date().toISOString(),
              action: 'update',
              collection: 'cases',
              record: { ...caseRec, collection: 'cases', id: String(caseRec.data.recordId) },
              caseId: String(caseRec.data.caseId),
              label: 'efter uppgraderingen',
              changes: [{ field: 'title', from: 'a', to: 'b' }],
            },
            randomUUID,
          ),
        );
        expect(appended.data).toMatchObject({ hashScheme: 2 });
        expect(await verifyAuditChain(storage, checkpoints)).toMatchObject({ ok: true });
      } finally {
        await storage.close();
      }
    });
  },
);

// Cases and documents v1 (issue 16, correct and annul): every fixture was made before reasons and
// send-back existed. Both ends migrate; the offline correction of a quality-assured document,
// made when no reason was asked, is delivered with the legacy reason in its actor-register entry.
describe.each(fixtures.filter((f) => (manifestOf(f).collectionVersions?.documents ?? 0) === 0))(
  'upgrade from fixture %s to cases and documents v1 (reasons, send-back)',
  (name) => {
    it('migrates the stored and the replicated cases and documents, and delivers the offline correction with the legacy reason', async () => {
      const { manifest, storage, server: s, session } = await fromFixture(name, 'memory');
      // The server migrated its stored records at start: each is a valid v1 record, not sent back.
      for (const [collection, schema] of [
        ['cases', Case],
        ['documents', Document],
      ] as const) {
        const stored = await s.storage.pullPage(collection, 0, 100_000, null);
        expect(stored.length, collection).toBeGreaterThan(0);
        for (const r of stored)
          expect(schema.parse(r.data), `${collection}/${r.id}`).toMatchObject({ qaReturnComment: '', qaReturnAt: '' });
        expect(stored.every((r) => r.data.changeReason === LEGACY_CHANGE_REASON)).toBe(true);
      }
      client = await openOld(session, storage);
      const { replica } = client;
      expect([replica.db.cases.schema.version, replica.db.documents.schema.version]).toEqual([
        RECORD_MIGRATIONS.cases.length,
        RECORD_MIGRATIONS.documents.length,
      ]);
      await expectDelivered(s, manifest.pending);
      await eventually(() => replica.status.value.pendingChanges === 0, 30_000, 'no pending changes left');
      expect(replica.rejections.value).toEqual([]);
      const edited = manifest.pending.find((p) => p.what === 'title edited')!;
      const doc = Document.parse((await s.storage.getRecord('documents', edited.id))!.data);
      expect(doc).toMatchObject({ status: 'registered', title: edited.expect.title, changeReason: LEGACY_CHANGE_REASON });
      const entries = (await s.storage.listWhere('audit', 'recordId', edited.id)).map((r) => r.data as AuditEntry);
      const correction = entries.find((e) => e.changes.some((c) => c.field === 'title' && c.to === edited.expect.title))!;
      expect(correction.changes).toContainEqual({ field: 'changeReason', from: LEGACY_CHANGE_REASON, to: LEGACY_CHANGE_REASON });
      // The replica holds the migrated shape too, the new case registered offline included.
      const created = manifest.pending.find((p) => p.collection === 'cases' && p.what === 'new case')!;
      await eventually(async () => ((await replica.db.cases.findOne(created.id).exec())?.caseNumber ?? '') !== '', 30_000, 'case number');
      const local = (await replica.db.cases.findOne(created.id).exec())!._data as Case;
      expect(local).toMatchObject({ changeReason: '', qaReturnComment: '', qaReturnBy: '', qaReturnAt: '' });
    });
  },
);

describe('closing a test client', () => {
  it('a replica that cannot close fails the close and lets its collections go, so the next client opens', async () => {
    server = await startTestServer();
    const stuck = await connectClient(server, 'registrator');
    // A storage operation that never ends holds RxDB's database lock, as the hung write did.
    void stuck.replica.db.lockedRun(() => new Promise<never>(() => undefined));
    await expect(closeReplica(stuck.replica, 1_000)).rejects.toThrow('did not close within 1000 ms');
    // Twelve more collections in this realm: refused (COL23) had the stuck ones stayed open.
    client = await connectClient(server, 'registrator2');
    expect(Object.keys(client.replica.db.collections).sort()).toEqual([...COLLECTION_NAMES].sort());
  });
});
