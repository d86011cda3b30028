import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../../../../shared/src';
import { StoredPulls, checkpointKey } from './stored-pulls';

/** RxDB's side: what it stored last, merged as it merges (`Object.assign`). */
class FakeStore {
  current: Checkpoint | undefined;
  store(...cps: Checkpoint[]): void {
    this.current = Object.assign({}, this.current, ...cps) as Checkpoint;
  }
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('checkpointKey', () => {
  it('compares by fields, whatever their order, an undefined one counting as absent', () => {
    const a: Checkpoint = { seq: 3, fp: 'f', first: { tier: 1, key: 'k', id: 'c' } };
    const b = { first: { id: 'c', tier: 1, key: 'k' }, fp: 'f', seq: 3, rescan: undefined } as Checkpoint;
    expect(checkpointKey(a)).toBe(checkpointKey(b));
    expect(checkpointKey(a)).not.toBe(checkpointKey({ ...a, first: { tier: 0, key: 'k', id: 'c' } }));
  });
});

describe('StoredPulls', () => {
  it('reports each batch once RxDB stored its merged checkpoint, and lets the next pull wait while two are unwritten', async () => {
    const store = new FakeStore();
    const reported: [number, boolean][] = [];
    const pulls = new StoredPulls(
      () => store.current,
      (cp, last) => reported.push([cp.first ? Number(cp.first.key) : cp.seq, last]),
      { ahead: () => 1, pollMs: 1, maxWaitMs: 5000 },
    );
    const c1: Checkpoint = { seq: 9, fp: 'f', first: { tier: 1, key: '1', id: 'a' } };
    const c2: Checkpoint = { seq: 9, fp: 'f', first: { tier: 0, key: '2', id: 'b' } };
    const c3 = { seq: 12, fp: 'f', first: undefined } as Checkpoint;
    pulls.handedOver(null, c1, 5, false);
    await pulls.room(); // one unwritten: the next pull goes
    pulls.handedOver(c1, c2, 5, false);
    let waited = false;
    const room = pulls.room().then(() => (waited = true));
    await tick(10);
    expect(waited).toBe(false);
    store.store(c1);
    await room;
    expect(reported).toEqual([[1, false]]);
    // RxDB merged the next two batches into one write: both are stored at once.
    pulls.handedOver({ ...c1, ...c2 }, c3, 2, true);
    store.store(c2, c3);
    await tick(10);
    expect(reported).toEqual([
      [1, false],
      [2, false],
      [12, true],
    ]);
    pulls.stop();
  });

  it('reports a batch without records (RxDB stores nothing for it) once every batch before it is stored', () => {
    const store = new FakeStore();
    const reported: number[] = [];
    const pulls = new StoredPulls(
      () => store.current,
      (cp) => reported.push(cp.seq),
      { pollMs: 1 },
    );
    pulls.handedOver(null, { seq: 4 }, 0, true);
    expect(reported).toEqual([4]);
    pulls.handedOver({ seq: 4 }, { seq: 7 }, 3, false);
    pulls.handedOver({ seq: 7 }, { seq: 7 }, 0, true);
    expect(reported).toEqual([4]);
    store.store({ seq: 7 });
    pulls.handedOver({ seq: 7 }, { seq: 8 }, 0, true);
    expect(reported).toEqual([4, 7, 7, 8]);
    pulls.stop();
  });

  it('never holds a pull longer than the longest wait (a write that failed stores no checkpoint)', async () => {
    const pulls = new StoredPulls(
      () => undefined,
      () => undefined,
      { ahead: () => 0, pollMs: 1, maxWaitMs: 20 },
    );
    pulls.handedOver(null, { seq: 1 }, 1, false);
    let waited = false;
    const room = pulls.room().then(() => (waited = true));
    await tick(0);
    expect(waited).toBe(false);
    await room;
    // Forgotten: the next pull does not wait for it again.
    let again = false;
    void pulls.room().then(() => (again = true));
    await tick(0);
    expect(again).toBe(true);
    pulls.stop();
  });

  it("gives each batch's place in the budget back once it is stored, forgotten or the replication stops", async () => {
    const store = new FakeStore();
    const given: string[] = [];
    const pulls = new StoredPulls(
      () => store.current,
      () => undefined,
      { ahead: () => 0, pollMs: 1, maxWaitMs: 20 },
    );
    pulls.handedOver(null, { seq: 1 }, 5, false, () => given.push('stored'));
    expect(given).toEqual([]);
    store.store({ seq: 1 });
    await pulls.room();
    expect(given).toEqual(['stored']);
    pulls.handedOver({ seq: 1 }, { seq: 3 }, 0, true, () => given.push('empty'));
    expect(given).toEqual(['stored', 'empty']);
    pulls.handedOver({ seq: 3 }, { seq: 5 }, 5, false, () => given.push('forgotten'));
    await pulls.room(); // never stored: forgotten after the longest wait
    expect(given).toEqual(['stored', 'empty', 'forgotten']);
    pulls.handedOver({ seq: 5 }, { seq: 7 }, 5, false, () => given.push('stopped'));
    pulls.stop();
    expect(given).toEqual(['stored', 'empty', 'forgotten', 'stopped']);
  });

  it('lets a waiting pull go when the replication stops', async () => {
    const pulls = new StoredPulls(
      () => undefined,
      () => undefined,
      { ahead: () => 0, pollMs: 1, maxWaitMs: 60_000 },
    );
    pulls.handedOver(null, { seq: 1 }, 1, false);
    const room = pulls.room();
    pulls.stop();
    await expect(room).resolves.toBeUndefined();
  });
});
