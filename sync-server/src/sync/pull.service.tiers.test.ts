import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Checkpoint, CollectionName } from '../../../shared/src';
import { sampleCase, sampleDocument, sampleUser } from '../../../shared/src/testing/samples';
import { importRecords } from '../demo/seed';
import { SqliteStorage } from '../storage/sqlite.adapter';
import { WindowEvaluator } from '../working-set/window-evaluator';
import { WorkingSetStore } from '../working-set/working-set.store';
import { ContextLoader } from './access-context';
import { PullService } from './pull.service';

/*
 * The first download of a windowed replica in tiers: the first screen (newest own open work and
 * the list's newest rows), the rest of the own open work, the rest of the list, then what changed
 * meanwhile. Here the screen is one own unit and two list rows.
 */
let dataDir: string;
let storage: SqliteStorage;
let pull: PullService;
let evaluator: WindowEvaluator;
const nowMs = Date.parse('2026-12-07T12:00:00Z');
const me = sampleUser({ id: 'usr-me', username: 'me', roles: ['registrar'], registerIds: ['reg-ks'] });
const recent = { createdBy: 'usr-x', createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-01T10:00:00.000Z' };

/** Open cases of another officer (in the window as open), `newestKey` k01 newest … k08 oldest; two are mine. */
const KEYS = ['k01', 'k02', 'k03', 'k04', 'k05', 'k06', 'k07', 'k08'];
const caseOf = (n: number, extra: Record<string, unknown> = {}) =>
  sampleCase({
    id: `c${n}`,
    registerId: 'reg-ks',
    status: 'registered',
    responsibleUserId: 'usr-x',
    newestKey: KEYS[n - 1]!,
    ...recent,
    ...extra,
  });
const MINE = new Set([5, 7]);

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-tiers-'));
  storage = new SqliteStorage(dataDir);
  const store = new WorkingSetStore(storage, () => nowMs);
  evaluator = new WindowEvaluator(storage, store, () => nowMs);
  pull = new PullService(storage, new ContextLoader(storage), undefined, evaluator, {
    ownUnits: 1,
    listRows: 2,
  });
  // Stored oldest list row first, so the log's order is not the tiers' order.
  const numbers = [8, 7, 6, 5, 4, 3, 2, 1];
  await importRecords(storage, [
    { collection: 'cases', records: numbers.map((n) => caseOf(n, MINE.has(n) ? { responsibleUserId: me.id } : {})) },
    {
      collection: 'documents',
      records: numbers.map((n) => sampleDocument({ id: `d${n}`, registerId: 'reg-ks', caseId: `c${n}`, status: 'registered', ...recent })),
    },
  ]);
});

afterEach(async () => {
  await storage.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Pulls `collection` `steps` times (or until the end) with batches of `limit`, as the replica does. */
async function pullSteps(collection: CollectionName, from: Checkpoint | null, limit: number, steps = 100) {
  const ids: string[] = [];
  const checkpoints: Checkpoint[] = [];
  let cp = from;
  for (let i = 0; i < steps; i++) {
    const res = await pull.pull(me, collection, cp, limit, true);
    ids.push(...res.documents.map((d) => String(d.id)));
    checkpoints.push(res.checkpoint);
    cp = res.checkpoint;
    if (res.documents.length < limit && !res.more) break;
  }
  return { ids, checkpoints, checkpoint: cp! };
}

describe('PullService, first download in tiers (the window evaluated before, e.g. on another device)', () => {
  beforeEach(async () => {
    await evaluator.refresh(me);
  });

  it('sends the first screen, then the rest of own open work, then the rest of the list; documents in their case’s order', async () => {
    const cases = await pullSteps('cases', null, 2);
    // Screen: the two newest rows and my newest own case (c5); own work again from its start (c5
    // was sent in the answer before); the list again from its start, own work left out.
    expect(cases.ids).toEqual(['c1', 'c2', 'c5', 'c7', 'c1', 'c2', 'c3', 'c4', 'c6', 'c8']);
    expect(cases.checkpoints.slice(0, 5).map((c) => c.first)).toEqual([
      { tier: 1, key: 'k02', id: 'c2' },
      { tier: 0, key: 'k07', id: 'c7' },
      { tier: 2, key: 'k02', id: 'c2' },
      { tier: 2, key: 'k04', id: 'c4' },
      { tier: 2, key: 'k08', id: 'c8' },
    ]);
    const head = await storage.workingSets.headSeq();
    expect(cases.checkpoints.slice(0, 3).map((c) => c.seq)).toEqual([head, head, head]);
    // Once the tiers are done, the ordinary position: no cursor.
    expect(cases.checkpoint.first).toBeUndefined();
    const documents = await pullSteps('documents', null, 3);
    // Batches of 3: the screen fills the first, so own work starting over sends d5 again in the next.
    expect(documents.ids).toEqual(['d1', 'd2', 'd5', 'd5', 'd7', 'd1', 'd2', 'd3', 'd4', 'd6', 'd8']);
  });

  it('sends a unit once per answer when the rest starts over in it (a batch shrunk by duplicates would end the download)', async () => {
    const first = await pull.pull(me, 'cases', null, 4, true);
    expect(first.documents.map((d) => d.id)).toEqual(['c1', 'c2', 'c5', 'c7']);
    expect(first.checkpoint.first).toEqual({ tier: 0, key: 'k07', id: 'c7' });
  });

  it('with the default screen (50 own units, 100 rows) a small window is one screen, newest first', async () => {
    const plain = new PullService(
      storage,
      new ContextLoader(storage),
      undefined,
      new WindowEvaluator(storage, new WorkingSetStore(storage, () => nowMs), () => nowMs),
    );
    const res = await plain.pull(me, 'cases', null, 8, true);
    expect(res.documents.map((d) => d.id)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']);
    expect(res.checkpoint.first).toEqual({ tier: 1, key: 'k08', id: 'c8' });
  });

  it('bounds the screen’s list part by (key, id): rows sharing the last row’s key stay out of it', async () => {
    // c2, c3 and c4 stamped in the same millisecond: one key. The screen's two rows are c1 and c2.
    await storage.transaction(async (tx) => {
      for (const n of [3, 4]) await tx.putRecord('cases', caseOf(n, { newestKey: 'k02' }));
    });
    const head = await storage.workingSets.headSeq();
    await pull.pull(me, 'cases', null, 1, true);
    expect(await storage.workingSets.newestListBound(me.id, head, 2)).toEqual({ key: 'k02', id: 'c2' });
    const first = await pull.pull(me, 'cases', null, 3, true);
    expect(first.documents.map((d) => d.id)).toEqual(['c1', 'c2', 'c5']);
    expect(first.checkpoint.first).toEqual({ tier: 1, key: 'k05', id: 'c5' });
  });

  it('resumes from a stored cursor without sending again what its phase sent before it', async () => {
    const part = await pullSteps('cases', null, 2, 4);
    expect(part.ids).toEqual(['c1', 'c2', 'c5', 'c7', 'c1', 'c2', 'c3', 'c4']);
    const rest = await pullSteps('cases', part.checkpoint, 2);
    expect(rest.ids).toEqual(['c6', 'c8']);
  });

  it('a unit changed during the download comes with all its records, even one whose place moved behind the cursor', async () => {
    const part = await pullSteps('documents', null, 4, 1);
    expect(part.ids).toEqual(['d1', 'd2', 'd5', 'd7']);
    // c8 becomes mine (own work, already passed); c3 moves to the oldest place; c1 (sent) changes too.
    await storage.transaction(async (tx) => {
      await tx.putRecord('cases', caseOf(8, { responsibleUserId: me.id }));
      await tx.putRecord('cases', caseOf(3, { newestKey: 'k99' }));
      await tx.putRecord('cases', caseOf(1, { title: 'Ändrad' }));
    });
    const rest = await pullSteps('documents', part.checkpoint, 4);
    // The list's walk sends d2 (again), d4 and d6; tier 3 the documents of the changed units, by change: d8, d3, then d1 again.
    expect(rest.ids).toEqual(['d2', 'd4', 'd6', 'd8', 'd3', 'd1']);
    expect(rest.checkpoint.first).toBeUndefined();
    // The cases: the changed ones arrive (again) after the walk.
    const cases = await pullSteps('cases', null, 100);
    expect(new Set(cases.ids)).toEqual(new Set(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']));
  });

  it('a record written after the tiers began comes by the ordinary pull that follows them', async () => {
    const part = await pullSteps('documents', null, 4, 1);
    await storage.transaction(async (tx) => {
      await tx.putRecord('documents', sampleDocument({ id: 'd9', registerId: 'reg-ks', caseId: 'c6', status: 'registered', ...recent }));
    });
    const rest = await pullSteps('documents', part.checkpoint, 4);
    expect(rest.ids).toEqual(['d1', 'd2', 'd3', 'd4', 'd6', 'd8', 'd9']);
  });

  it('files, flows and the actor register are not tiered: their first download follows the change sequence, with no cursor', async () => {
    const res = await pull.pull(me, 'audit', null, 100, true);
    expect(res.checkpoint.first).toBeUndefined();
    expect(res.checkpoint.seq).toBe(await storage.maxSeq('audit'));
  });

  it('a protocol-2 replica still gets the whole register by the change sequence, with no cursor', async () => {
    const res = await pull.pull(me, 'cases', null, 100, false);
    expect(res.documents.map((d) => d.id)).toEqual(['c8', 'c7', 'c6', 'c5', 'c4', 'c3', 'c2', 'c1']);
    expect(res.checkpoint.first).toBeUndefined();
  });
});

describe('PullService, a fresh user’s first download before the window is evaluated', () => {
  it('walks the screen and own open work asking the rule batch by batch, then evaluates the window once for the rest of both lists', async () => {
    const ws = storage.workingSets;
    const [listCandidates, casesPage] = [ws.listCandidates.bind(ws), ws.windowCasesPage.bind(ws)];
    let [candidateBatches, evaluations] = [0, 0];
    ws.listCandidates = (...args) => {
      candidateBatches++;
      return listCandidates(...args);
    };
    ws.windowCasesPage = (registerIds, afterId, limit) => {
      if (afterId === '') evaluations++;
      return casesPage(registerIds, afterId, limit);
    };
    const walk = await pullSteps('cases', null, 3, 2);
    const docWalk = await pullSteps('documents', null, 3, 2);
    // The same order as with an evaluated window; no `w` yet, and no state: nothing was evaluated.
    expect(walk.ids).toEqual(['c1', 'c2', 'c5', 'c5', 'c7']);
    expect(docWalk.ids).toEqual(['d1', 'd2', 'd5', 'd5', 'd7']);
    expect(walk.checkpoints.map((c) => c.w)).toEqual([undefined, undefined]);
    // The walks end before the rest of the list: it is the evaluated window's.
    expect([walk.checkpoint.first, docWalk.checkpoint.first]).toEqual([
      { tier: 2, key: '', id: '' },
      { tier: 2, key: '', id: '' },
    ]);
    expect(await ws.state(me.id)).toBeNull();
    const batchesOnScreens = candidateBatches;
    const rest = await pullSteps('cases', walk.checkpoint, 3);
    const docRest = await pullSteps('documents', docWalk.checkpoint, 3);
    expect(rest.ids).toEqual(['c1', 'c2', 'c3', 'c4', 'c6', 'c8']);
    expect(docRest.ids).toEqual(['d1', 'd2', 'd3', 'd4', 'd6', 'd8']);
    const head = (await ws.state(me.id))!.head;
    expect([...rest.checkpoints, ...docRest.checkpoints].map((c) => c.w)).toEqual(
      [...rest.checkpoints, ...docRest.checkpoints].map(() => head),
    );
    expect([rest.checkpoint.first, docRest.checkpoint.first]).toEqual([undefined, undefined]);
    // One evaluation served both; the rule walked no list candidates after the screens.
    expect(evaluations).toBe(1);
    expect(candidateBatches).toBe(batchesOnScreens);
  });

  it('sends the first screen and own open work in one answer when the batch has room, cut before the rest of the list (`more`)', async () => {
    const res = await pull.pull(me, 'cases', null, 100, true);
    expect(res.documents.map((d) => d.id)).toEqual(['c1', 'c2', 'c5', 'c7']);
    expect(res.checkpoint).toEqual({
      seq: await storage.workingSets.headSeq(),
      fp: res.checkpoint.fp,
      first: { tier: 2, key: '', id: '' },
    });
    expect(res.more).toBe(true);
  });

  it('leaves out a list row the rule keeps out of the window, on the screen and after it', async () => {
    // c0 is the newest row and c9 the oldest: closed long ago by another officer, not in my window.
    const old = { status: 'closed', createdAt: '2020-01-01T10:00:00.000Z', updatedAt: '2020-01-01T10:00:00.000Z' };
    await storage.transaction(async (tx) => {
      await tx.putRecord('cases', caseOf(1, { ...old, id: 'c0', newestKey: 'k00' }));
      await tx.putRecord('cases', caseOf(1, { ...old, id: 'c9', newestKey: 'k09' }));
    });
    const screen = await pull.pull(me, 'cases', null, 3, true);
    expect(screen.documents.map((d) => d.id)).toEqual(['c1', 'c2', 'c5']);
    const all = await pullSteps('cases', null, 100);
    expect(all.ids).not.toContain('c0');
    expect(all.ids).not.toContain('c9');
  });

  it('a unit the walk sent that left the window before the evaluation leaves the replica', async () => {
    const screen = await pull.pull(me, 'documents', null, 3, true);
    expect(screen.documents.map((d) => d.id)).toEqual(['d1', 'd2', 'd5']);
    // c1 is closed and dated back: no longer in my window.
    const old = { status: 'closed', createdAt: '2020-01-01T10:00:00.000Z', updatedAt: '2020-01-01T10:00:00.000Z' };
    await storage.transaction((tx) => tx.putRecord('cases', caseOf(1, old)));
    const got: Record<string, unknown>[] = [];
    let cp = screen.checkpoint;
    for (let i = 0; i < 20; i++) {
      const res = await pull.pull(me, 'documents', cp, 3, true);
      got.push(...res.documents);
      cp = res.checkpoint;
      if (res.documents.length < 3 && !res.more) break;
    }
    // Its stripped tombstone is the last word on d1.
    expect(got.filter((d) => d.id === 'd1').at(-1)!._deleted).toBe(true);
  });

  it('a pull after another collection’s pull evaluated the window walks its members (and sets `w` at once)', async () => {
    await pull.pull(me, 'files', null, 100, true);
    const docs = await pull.pull(me, 'documents', null, 100, true);
    expect(docs.checkpoint.w).toBe((await storage.workingSets.state(me.id))!.head);
    expect(new Set(docs.documents.map((d) => d.id))).toEqual(new Set(['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8']));
  });
});
