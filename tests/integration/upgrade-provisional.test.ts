/**
 * After an upgrade, a record created offline gets its number in the replica too, whatever order
 * the answers come in. The old replica delivers its offline changes at start, while the first pull
 * is under way; when that pull's answer (carrying the number the server gave) arrives before the
 * push's own, RxDB took the record for a local change still to be sent and kept the provisional
 * state for good (renderer/src/lib/replica/unsettled-pushes.ts). `interleavingNetwork` forces that
 * order, which a loaded machine gave now and then in upgrade-from-fixture.test.ts.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import type { CollectionName } from '../../shared/src';
import { login } from '../../renderer/src/lib/replica';
import { MemoryBlobCache } from '../../renderer/src/lib/replica/blob-cache';
import { databaseName } from '../../renderer/src/lib/replica/database';
import { openReplicaWith } from '../../renderer/src/lib/replica/open-replica';
import { writeRawReplica, type RawReplica } from '../../renderer/src/lib/replica/raw-replica';
import { verifySecondFactor } from '../../renderer/src/lib/second-factor';
import { base32Decode, totp } from '../../sync-server/src/auth/totp';
import {
  closeReplica,
  connectClient,
  eventually,
  PASSWORD,
  replicaLister,
  startTestServer,
  SwitchableNetwork,
  testEnvironment,
  type TestServer,
} from './harness';
import { newIncoming, openProcess } from './fixtures';
import { interleavingNetwork } from './interleaving-network';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const fixtures = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

interface Manifest {
  username: string;
  pending: { collection: CollectionName; id: string; what: string }[];
  totpSecret: string;
}

/** The server-given fields of each new record, compared between the server and the replica. */
const NEW_RECORDS = [
  { what: 'new document in an existing case', collection: 'documents', fields: ['documentNumber', 'serial', 'registeredDate', 'listKey'] },
  { what: 'new case', collection: 'cases', fields: ['caseNumber', 'serial', 'registeredDate'] },
] as const;

let server: TestServer | null = null;
let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  const [c, s] = [close, server];
  close = null;
  server = null;
  try {
    await c?.();
  } finally {
    await s?.stop();
  }
});

describe.each(fixtures.flatMap((f) => NEW_RECORDS.map((r) => [f, r.what, r] as const)))(
  'upgrade from fixture %s: the %s',
  (name, _what, created) => {
    it('gets its number in the replica when the pull carrying it is answered before the push', async () => {
      const dir = path.join(FIXTURES, name);
      const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
      const raw = JSON.parse(readFileSync(path.join(dir, 'replica.json'), 'utf8')) as RawReplica;
      const dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-upgrade-'));
      cpSync(path.join(dir, 'server'), dataDir, { recursive: true });
      const s = (server = await startTestServer({ dataDir }));
      const session = await login(s.url, manifest.username, PASSWORD);
      await verifySecondFactor(session, totp(base32Decode(manifest.totpSecret), Date.now()));
      const storage = getRxStorageMemory();
      await writeRawReplica(storage as never, databaseName(s.url, session.user.id), raw);

      const id = manifest.pending.find((p) => p.what === created.what)!.id;
      const net = interleavingNetwork(created.collection, id);
      const env = {
        ...testEnvironment(new SwitchableNetwork(), new MemoryBlobCache(), { storage: storage as never }),
        WebSocketImpl: net.WebSocketImpl,
      };
      const replica = await openReplicaWith(session, env);
      close = () => closeReplica(replica);

      const onServer = await eventually(
        async () => {
          const rec = (await s.storage.getRecord(created.collection, id))?.data;
          return rec && rec.registeredDate !== '' ? rec : null;
        },
        30_000,
        'the new record registered on the server',
      );
      await eventually(() => replica.status.value.pendingChanges === 0, 30_000, 'no pending changes left');
      // The order that lost the number was the one taken.
      expect(net.forced()).toBe(true);
      const fields = (rec: Record<string, unknown> | undefined) => Object.fromEntries(created.fields.map((f) => [f, rec?.[f]]));
      await eventually(
        async () =>
          JSON.stringify(fields((await replica.db[created.collection].findOne(id).exec())?._data)) === JSON.stringify(fields(onServer)),
        30_000,
        `the server's ${created.fields.join(', ')} in the replica`,
      );
      expect(String(onServer[created.fields[0]])).toMatch(/^KS 2026-\d{5}/);
      expect(replica.rejections.value).toEqual([]);
      expect(replica.conflicts.value).toEqual([]);
    });
  },
);

// Not only after an upgrade: any start with offline changes waiting has its first pull under way
// while they are sent.
describe("a restart of today's client with a document created offline", () => {
  it('gets its number in the replica when the pull carrying it is answered before the push', async () => {
    const s = (server = await startTestServer());
    const storage = getRxStorageMemory();
    const first = await connectClient(s, 'registrator', new SwitchableNetwork(), { storage: storage as never });
    close = first.close;
    await first.replica.awaitInitialSync();
    const process = await openProcess(replicaLister(first.replica));
    const [open] = await first.replica.db.cases.find({ selector: { registerId: 'reg-ks', status: { $ne: 'closed' } } }).exec();
    first.net.down();
    await eventually(() => !first.replica.status.value.online, 10_000, 'offline');
    const doc = newIncoming(first.replica.session.user.id, process, open!.id, 'Handling skapad offline');
    await first.replica.db.documents.insert(doc as never);
    await eventually(() => first.replica.status.value.pendingChanges === 1, 10_000, 'the document pending');
    close = null;
    await first.close();

    const net = interleavingNetwork('documents', doc.id);
    const env = {
      ...testEnvironment(new SwitchableNetwork(), new MemoryBlobCache(), { storage: storage as never }),
      WebSocketImpl: net.WebSocketImpl,
    };
    const replica = await openReplicaWith(first.replica.session, env);
    close = () => closeReplica(replica);
    const onServer = await eventually(
      async () => (await s.storage.getRecord('documents', doc.id))?.data.documentNumber,
      30_000,
      'the document numbered on the server',
    );
    await eventually(() => replica.status.value.pendingChanges === 0, 30_000, 'no pending changes left');
    expect(net.forced()).toBe(true);
    await eventually(
      async () => (await replica.db.documents.findOne(doc.id).exec())?.documentNumber === onServer,
      30_000,
      `${String(onServer)} in the replica`,
    );
    expect(replica.rejections.value).toEqual([]);
  });
});
