import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_SCREEN, OPEN_CASE_STATUSES, type Case, type User } from '../../shared/src';
import { login } from '../../renderer/src/lib/replica';
import { MemoryBlobCache } from '../../renderer/src/lib/replica/blob-cache';
import { replicaDexieStorage } from '../../renderer/src/lib/replica/known-keys';
import type { WebSocketFactory, WebSocketLike } from '../../renderer/src/lib/replica/connection';
import { openReplicaWith } from '../../renderer/src/lib/replica/open-replica';
import { PULL_BATCH, SCREEN_PULL } from '../../renderer/src/lib/replica/pull-gather';
import type { Replica } from '../../renderer/src/lib/replica/replica';
import { viewOf } from '../../renderer/src/lib/replica/sealing';
import { newCase, openProcess } from './fixtures';
import { pullAll as pullRecords } from './raw-records';
import {
  PASSWORD,
  RawClient,
  SwitchableNetwork,
  closeReplica,
  eventually,
  startTestServer,
  testEnvironment,
  type TestServer,
} from './harness';

/** More cases than one pull carries, so the first download of cases takes two answers. */
const MINE = 150;
const OTHERS = PULL_BATCH + 200;

let server: TestServer;
let registrar: RawClient;
let meId: string;
let othersIds: Set<string>;

/**
 * A socket whose answers the test sees (and can hold back): every pull's documents by collection,
 * in order. `hold` decides per answer whether the client gets it; `release` delivers those held.
 */
class TappedNetwork {
  readonly answers: { collection: string; ids: string[]; first: unknown }[] = [];
  hold: (collection: string, deliveredBefore: number) => boolean = () => false;
  private readonly held: (() => void)[] = [];
  readonly WebSocketImpl: WebSocketFactory;

  constructor(inner: SwitchableNetwork) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const tap = this;
    this.WebSocketImpl = function (url: string, protocols: string[]) {
      const ws = new inner.WebSocketImpl(url, protocols);
      const pulls = new Map<number, string>();
      const outer: WebSocketLike = {
        get readyState() {
          return ws.readyState;
        },
        send(data: string) {
          const m = JSON.parse(data) as { t: string; rid: number; collection: string };
          if (m.t === 'pull') pulls.set(m.rid, m.collection);
          ws.send(data);
        },
        close: (code, reason) => ws.close(code, reason),
        onopen: null,
        onclose: null,
        onerror: null,
        onmessage: null,
      };
      ws.onopen = (ev) => outer.onopen?.(ev);
      ws.onclose = (ev) => outer.onclose?.(ev);
      ws.onerror = (ev) => outer.onerror?.(ev);
      ws.onmessage = (ev) => {
        const m = JSON.parse(String(ev.data)) as {
          t: string;
          rid?: number;
          documents?: { id: string }[];
          checkpoint?: { first?: unknown };
        };
        const collection = m.t === 'pull' && m.rid !== undefined ? pulls.get(m.rid) : undefined;
        const deliver = () => {
          if (collection) tap.answers.push({ collection, ids: m.documents!.map((d) => d.id), first: m.checkpoint?.first });
          outer.onmessage?.(ev);
        };
        if (collection && tap.hold(collection, tap.idsOf(collection).length)) tap.held.push(deliver);
        else deliver();
      };
      return outer;
    } as unknown as WebSocketFactory;
  }

  release(): void {
    for (const deliver of this.held.splice(0)) deliver();
  }

  idsOf(collection: string): string[] {
    return this.answers.filter((a) => a.collection === collection).flatMap((a) => a.ids);
  }
}

async function pushCases(cases: Case[]): Promise<void> {
  for (let i = 0; i < cases.length; i += 2000) {
    const rows = cases.slice(i, i + 2000).map((c) => ({ assumedMasterState: null, newDocumentState: { ...c, _deleted: false } }));
    const res = await registrar.send<{ rejected: unknown[] }>({ t: 'push', collection: 'cases', rows });
    expect(res.rejected).toEqual([]);
  }
}

async function openOnDisk(tap: TappedNetwork, net: SwitchableNetwork): Promise<Replica> {
  const session = await login(server.url, 'registrator', PASSWORD);
  return openReplicaWith(session, {
    ...testEnvironment(net, new MemoryBlobCache(), { storage: replicaDexieStorage({ indexedDB, IDBKeyRange }) }),
    WebSocketImpl: tap.WebSocketImpl,
  });
}

beforeAll(async () => {
  server = await startTestServer();
  registrar = await RawClient.as(server.url, 'registrator');
  const me = (await RawClient.token(server.url, 'registrator')).user;
  meId = me.id;
  const users = await pullAll<User>('users');
  const colleague = users.find((u) => u.id !== me.id && u.registerIds.includes('reg-ks') && u.active)!;
  const classes = await pullAll('classes');
  const doctypes = await pullAll('doctypes');
  const p = await openProcess({ find: async <T>(c: 'classes' | 'doctypes') => (c === 'classes' ? classes : doctypes) as T[] });
  // Own cases first and oldest, a colleague's after them and newest: the first screen is the
  // list's newest rows and a screenful of own work, the rest of own work follows before the rest.
  const mine = Array.from({ length: MINE }, (_, i) => newCase(me.id, p, `Eget ärende ${i + 1}`));
  await pushCases(mine);
  await new Promise((resolve) => setTimeout(resolve, 5));
  const others = Array.from({ length: OTHERS }, (_, i) => ({
    ...newCase(me.id, p, `Kollegans ärende ${i + 1}`),
    responsibleUserId: colleague.id,
  }));
  othersIds = new Set(others.map((c) => c.id));
  await pushCases(others);
}, 120_000);

afterAll(async () => {
  registrar?.close();
  await server?.stop();
});

/** The replications' stored pull checkpoints, read from IndexedDB itself. */
async function storedDownCheckpoints(): Promise<{ first?: unknown }[]> {
  const out: { first?: unknown }[] = [];
  for (const info of await indexedDB.databases()) {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(info.name!);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    for (const store of Array.from(db.objectStoreNames)) {
      const rows = await new Promise<{ itemId?: string; checkpointData?: { first?: unknown } }[]>((resolve, reject) => {
        const req = db.transaction(store, 'readonly').objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as never);
        req.onerror = () => reject(req.error);
      });
      for (const r of rows) if (r.itemId === 'down' && r.checkpointData) out.push(r.checkpointData);
    }
    db.close();
  }
  return out;
}

function pullAll<T = unknown>(collection: string): Promise<T[]> {
  return pullRecords<T>(registrar, collection);
}

describe('the first download, interrupted', () => {
  it('sends the first screen first, written alone, and is usable once it is stored; resumes where it stopped; brings a case changed meanwhile', async () => {
    // The first run: every answer about cases after the first waits, so the list must become
    // usable with the first screen alone, written on its own.
    const net1 = new SwitchableNetwork();
    const tap1 = new TappedNetwork(net1);
    tap1.hold = (collection, delivered) => collection === 'cases' && delivered > 0;
    const first = await openOnDisk(tap1, net1);
    await eventually(() => first.status.value.initialSync.usable, 60_000, 'the list usable with the first screen');
    expect(tap1.idsOf('cases')).toHaveLength(SCREEN_PULL);
    expect(await first.db.cases.count().exec()).toBe(SCREEN_PULL);
    // Then once a full batch after the screen has come, no answer about cases arrives (the client
    // is killed waiting for it).
    tap1.hold = (collection, delivered) => collection === 'cases' && delivered >= SCREEN_PULL + PULL_BATCH;
    tap1.release();
    await eventually(() => tap1.idsOf('cases').length >= SCREEN_PULL + PULL_BATCH, 60_000, 'the first batch after the screen');
    const before = tap1.idsOf('cases');
    expect(before).toHaveLength(SCREEN_PULL + PULL_BATCH);
    // The first screen: the list's newest rows (the colleague's newest hundred), then the newest
    // of own open work; then the rest of own open work (all of it, before the rest of the list).
    // The screen's list part ends at its 100th row by (key, id): exactly 100 rows, even when a fast
    // server stamps many in the same millisecond.
    const ownOpen = (await pullAll<Case & { _deleted?: boolean }>('cases')).filter(
      (c) => c.responsibleUserId === meId && OPEN_CASE_STATUSES.has(c.status) && !c._deleted,
    );
    expect(ownOpen.length).toBeGreaterThanOrEqual(MINE);
    const ownIds = new Set(ownOpen.map((c) => c.id));
    const listPart = before.findIndex((id) => ownIds.has(id));
    expect(listPart).toBe(FIRST_SCREEN.listRows);
    expect(before.slice(0, listPart).every((id) => othersIds.has(id))).toBe(true);
    expect(new Set(before.slice(listPart, listPart + ownOpen.length))).toEqual(ownIds);
    expect(first.status.value.initialSync.done).toBe(false);
    // RxDB stores a batch's checkpoint after its records, without waiting: killed before, the batch would only come again.
    const cursor = tap1.answers.filter((a) => a.collection === 'cases').at(-1)!.first;
    await eventually(
      async () => (await storedDownCheckpoints()).some((c) => JSON.stringify(c.first) === JSON.stringify(cursor)),
      30_000,
      'the cursor stored',
    );
    // The rest of the list starts over, so it brings the screen's list rows once more (stored once).
    expect(await first.db.cases.count().exec()).toBe(new Set(before).size);
    await closeReplica(first);

    // Meanwhile a colleague's case that had already come is changed on the server.
    const changedId = before.find((id) => othersIds.has(id))!;
    const stored = (await pullAll<Case>('cases')).find((c) => c.id === changedId)!;
    const res = await registrar.send<{ rejected: unknown[] }>({
      t: 'push',
      collection: 'cases',
      rows: [
        {
          assumedMasterState: { ...stored, _deleted: false },
          newDocumentState: { ...stored, title: 'Ändrad under hämtningen', changeReason: 'Fel titel', _deleted: false },
        },
      ],
    });
    expect(res.rejected).toEqual([]);

    // Reopened on the same disk: the download goes on from its stored cursor.
    const net2 = new SwitchableNetwork();
    const tap2 = new TappedNetwork(net2);
    const second = await openOnDisk(tap2, net2);
    try {
      await second.awaitInitialSync();
      const after = tap2.idsOf('cases');
      // Nothing sent before the cut is sent again, except the case changed since.
      const sentBefore = new Set(before);
      expect(after.filter((id) => sentBefore.has(id))).toEqual([changedId]);
      const local = new Set((await second.db.cases.find().exec()).map((d) => d.primary));
      const window = (await pullAll<Case>('cases')).map((c) => c.id);
      expect(window.filter((id) => !local.has(id))).toEqual([]);
      expect(local.size).toBe(window.length);
      const changed = await second.db.cases.findOne(changedId).exec();
      expect(viewOf<Case>(changed!).title).toBe('Ändrad under hämtningen');
      expect(second.status.value.initialSync).toMatchObject({ done: true, usable: true });
      // The tiers' cursor left the stored checkpoints with the download (RxDB merges a checkpoint
      // into the one before it; kept, the server would walk the tiers again on every pull).
      await eventually(
        async () => (await storedDownCheckpoints()).every((c) => c.first === undefined),
        30_000,
        'no cursor stored after the download',
      );
    } finally {
      await closeReplica(second);
    }
  }, 180_000);
});
