import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PersonalStore, type LocalBox } from '../../renderer/src/lib/personal/store';
import { targetOf } from '../../renderer/src/lib/personal/texts';
import type { Case } from '../../shared/src';
import { Attacker, accepted, newCase, rawLister } from './adversarial/attacks';
import { openProcess, type Process } from './fixtures';
import { startTestServer, type TestServer } from './harness';
import { opResults, personalLists } from './personal-client';

/*
 * The client's personal store against a real server: changes made offline wait in the queue and
 * arrive on connect; an op the server refuses leaves the queue with its code; a store restarted
 * with an unsent queue sends it once.
 */
let server: TestServer;
let registrar: Attacker;
let process: Process;

beforeAll(async () => {
  server = await startTestServer();
  registrar = await Attacker.as(server.url, 'registrator');
  process = await openProcess(rawLister(registrar));
}, 60_000);

afterAll(async () => {
  registrar?.close();
  await server?.stop();
});

/** The sealed local document's stand-in: a map (the sealing is the unit tests' concern). */
function memoryBox(): LocalBox {
  const m = new Map<string, string>();
  return {
    get: async <T>(id: string) => (m.has(id) ? (JSON.parse(m.get(id)!) as T) : null),
    set: async (id, value) => void m.set(id, JSON.stringify(value)),
    remove: async (id) => void m.delete(id),
  };
}

function storeFor(local: LocalBox, online: { now: boolean }): PersonalStore {
  return new PersonalStore({
    session: { serverUrl: server.url, token: registrar.token },
    local,
    fetchImpl: fetch,
    now: Date.now,
    newId: randomUUID,
    isOnline: () => online.now,
  });
}

describe('PersonalStore with a real server', () => {
  it('offline edits wait, then sync on connect; a refused op leaves the queue with its code', async () => {
    const c = await accepted<Case>(server, registrar, 'cases', newCase(process, 'usr-registrator', { title: 'Tillstånd för servering' }));
    const online = { now: false };
    const local = memoryBox();
    const store = storeFor(local, online);
    const watchId = await store.putWatch(targetOf('cases', c), '2027-02-01', 'Begär komplettering');
    await store.setFavourite(targetOf('cases', c), true);
    // A case that does not exist (deleted elsewhere, say): the server refuses it.
    await store.setSubscribed({ ...targetOf('cases', c), id: 'finns-inte' }, true);
    expect(store.queued).toBe(3);
    expect((await personalLists(server.url, registrar.token)).watches.map((w) => w.id)).not.toContain(watchId);

    online.now = true;
    await store.sync();
    expect(store.queued).toBe(0);
    const lists = await personalLists(server.url, registrar.token);
    expect(lists.watches.find((w) => w.id === watchId)).toMatchObject({ dueDate: '2027-02-01', note: 'Begär komplettering' });
    expect(lists.favourites.map((f) => f.target.id)).toContain(c.id);
    expect(store.lists.value).toEqual(lists);
    expect(store.refused.value).toMatchObject([{ kind: 'subscribe', code: 'not_found' }]);
  });

  it('a queue sent but not cleared (the app closed before the answer) is sent again and applied once', async () => {
    const c = await accepted<Case>(server, registrar, 'cases', newCase(process, 'usr-registrator'));
    const online = { now: false };
    const local = memoryBox();
    const first = storeFor(local, online);
    await first.putWatch(targetOf('cases', c), '2027-03-01', '');
    // The server got the queue, but this device never heard back.
    const saved = (await local.get<{ queue: { op: Record<string, unknown> }[] }>('personal-lists'))!;
    expect(
      await opResults(
        server.url,
        registrar.token,
        saved.queue.map((q) => q.op),
      ),
    ).toMatchObject([{ ok: true }]);
    const count = (await personalLists(server.url, registrar.token)).watches.length;

    online.now = true;
    const restarted = storeFor(local, online);
    await restarted.sync();
    expect(restarted.queued).toBe(0);
    expect(restarted.refused.value).toEqual([]);
    expect((await personalLists(server.url, registrar.token)).watches).toHaveLength(count);
  });
});
