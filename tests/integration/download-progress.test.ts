import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_SCREEN, type PullResponse, type PushResponse } from '../../shared/src';
import type { SyncStatus } from '../../renderer/src/lib/replica/types';
import { PULL_BATCH } from '../../renderer/src/lib/replica/pull-gather';
import { Attacker, newCase, rawLister } from './adversarial/attacks';
import { openProcess } from './fixtures';
import { connectClient, startTestServer, type TestServer } from './harness';

/** The first download's progress: how many records remain, counted by the server when asked. */
let server: TestServer;
let registrar: Attacker;

beforeAll(async () => {
  server = await startTestServer();
  registrar = await Attacker.as(server.url, 'registrator');
});

afterAll(async () => {
  registrar.close();
  await server.stop();
});

describe('records remaining', () => {
  it('are counted after the batch when asked: an upper bound before the window is evaluated, tight after', async () => {
    // A fresh user's first answer comes before the window's evaluation (it is not on the usable
    // path): the count is of the register's cases after the checkpoint, so never too low.
    const first = await registrar.send<PullResponse>({ t: 'pull', collection: 'cases', checkpoint: null, limit: 10, withRemaining: true });
    expect(first.documents).toHaveLength(10);
    expect(first.remaining).toBeGreaterThan(0);
    const rest = await registrar.pullAll('cases', first.checkpoint);
    expect(rest.length).toBeLessThanOrEqual(first.remaining!);
    // The pulls since evaluated the window: a download that starts again is counted against it. A
    // registrar receives every case of his register (restricted ones withheld, still sent); the
    // count also holds the first screen's cases once more (the download's rest starts over).
    const again = await registrar.send<PullResponse>({ t: 'pull', collection: 'cases', checkpoint: null, limit: 10, withRemaining: true });
    const restAgain = await registrar.pullAll('cases', again.checkpoint);
    expect(restAgain.length).toBeLessThanOrEqual(again.remaining!);
    expect(again.remaining!).toBeLessThanOrEqual(restAgain.length + FIRST_SCREEN.ownUnits + FIRST_SCREEN.listRows);
  });

  it('are an upper bound where the user may not receive everything (the actor register)', async () => {
    const first = await registrar.send<PullResponse>({ t: 'pull', collection: 'audit', checkpoint: null, limit: 10, withRemaining: true });
    const rest = await registrar.pullAll('audit', first.checkpoint);
    expect(first.remaining!).toBeGreaterThanOrEqual(rest.length);
  });

  it('are not counted unless asked, and a malformed question is refused', async () => {
    const plain = await registrar.send<PullResponse>({ t: 'pull', collection: 'cases', checkpoint: null, limit: 10 });
    expect(plain).not.toHaveProperty('remaining');
    const forged = await registrar.send<{ t: string; code: string }>({
      t: 'pull',
      collection: 'cases',
      checkpoint: null,
      limit: 10,
      withRemaining: 'yes',
    });
    expect(forged).toMatchObject({ t: 'error', code: 'bad_message' });
  });
});

describe('a fresh replica', () => {
  it('knows how many records to expect while the first download runs', async () => {
    const client = await connectClient(server, 'registrator2');
    const seen: SyncStatus['initialSync'][] = [];
    const sub = client.replica.status.subscribe((s) => seen.push(s.initialSync));
    try {
      await client.replica.awaitInitialSync();
      const during = seen.filter((s) => !s.done && s.expected !== null);
      expect(during.length, 'statuses with an expected total before the end').toBeGreaterThan(0);
      const end = client.replica.status.value.initialSync;
      expect(end.done).toBe(true);
      expect(end.received).toBeGreaterThan(0);
      expect(end.expected).toBeGreaterThanOrEqual(end.received);
      // Every collection answered: the total covers at least the cases the user holds.
      expect(end.expected).toBeGreaterThanOrEqual(await client.replica.db.cases.count().exec());
    } finally {
      sub.unsubscribe();
      await client.close();
    }
  });
});

describe('a fresh replica of a register larger than one pull', () => {
  beforeAll(async () => {
    // More cases than one pull carries: the cases (and their actor-register entries) come in two batches.
    const p = await openProcess(rawLister(registrar));
    const rows = Array.from({ length: PULL_BATCH + 100 }, () => ({
      assumedMasterState: null,
      newDocumentState: { ...newCase(p, 'usr-registrator'), _deleted: false },
    }));
    for (let i = 0; i < rows.length; i += PULL_BATCH) {
      const res = await registrar.send<PushResponse>({ t: 'push', collection: 'cases', rows: rows.slice(i, i + PULL_BATCH) });
      expect(res.rejected).toEqual([]);
    }
  });

  it('expects from the first answers at least every record the download brings', async () => {
    const client = await connectClient(server, 'registrator');
    const seen: SyncStatus['initialSync'][] = [];
    const sub = client.replica.status.subscribe((s) => seen.push(s.initialSync));
    try {
      await client.replica.awaitInitialSync();
      const end = client.replica.status.value.initialSync;
      expect(await client.replica.db.cases.count().exec()).toBeGreaterThan(PULL_BATCH);
      // Nothing is written meanwhile, so the total known once every collection has answered its
      // first pull is an upper bound of the whole download (it must not grow with the records).
      const first = seen.find((s) => !s.done && s.expected !== null);
      expect(first, 'a status with an expected total before the end').toBeDefined();
      expect(first!.received).toBeLessThan(end.received);
      expect(first!.expected).toBeGreaterThanOrEqual(end.received);
    } finally {
      sub.unsubscribe();
      await client.close();
    }
  });
});
