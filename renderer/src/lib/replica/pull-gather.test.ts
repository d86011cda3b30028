import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../../../../shared/src';
import { PULL_BATCH, PULL_END_BELOW, SCREEN_PULL, gatherPull, inFirstScreen } from './pull-gather';

const screenAt = (key: string): Checkpoint => ({ seq: 5, fp: 'f', first: { tier: 1, key, id: key } });
const ownAt = (key: string): Checkpoint => ({ seq: 5, fp: 'f', first: { tier: 0, key, id: key } });
const listAt = (key: string): Checkpoint => ({ seq: 5, fp: 'f', first: { tier: 2, key, id: key } });

/** A server that answers the scripted steps in order and records what each request asked. */
function scripted(steps: { n: number; checkpoint: Checkpoint; more?: true }[]) {
  const asked: { from: Checkpoint | null; limit: number }[] = [];
  let next = 0;
  const ask = (from: Checkpoint | null, limit: number) => {
    asked.push({ from, limit });
    const s = steps[next++];
    if (!s) throw new Error(`unscripted request ${next}`);
    return Promise.resolve({
      documents: Array.from({ length: s.n }, (_, i) => `${next}-${i}`),
      checkpoint: s.checkpoint,
      ...(s.more ? { more: s.more } : {}),
    });
  };
  return { ask, asked };
}

describe('inFirstScreen', () => {
  it('is a tiered collection pulled from nothing or from a cursor still in the first screen', () => {
    expect(inFirstScreen('cases', null)).toBe(true);
    expect(inFirstScreen('documents', undefined)).toBe(true);
    expect(inFirstScreen('cases', screenAt('k'))).toBe(true);
    expect(inFirstScreen('cases', ownAt('k'))).toBe(false);
    expect(inFirstScreen('cases', { seq: 9, fp: 'f' })).toBe(false);
    // The collections the server does not send in tiers, and those the list does not read.
    expect(inFirstScreen('users', null)).toBe(false);
    expect(inFirstScreen('audit', null)).toBe(false);
  });
});

describe('gatherPull', () => {
  it('hands over the first screen alone once the cursor has passed it, never as a batch RxDB takes for the end', async () => {
    // Cases: one record a unit, so an answer of SCREEN_PULL records goes past the screen.
    const server = scripted([{ n: SCREEN_PULL, checkpoint: ownAt('a') }]);
    const got = await gatherPull(null, true, server.ask);
    expect(server.asked).toEqual([{ from: null, limit: SCREEN_PULL }]);
    expect(got).toMatchObject({ checkpoint: ownAt('a'), last: false });
    expect(got.documents.length).toBeGreaterThanOrEqual(PULL_END_BELOW);
  });

  it('asks more each time while the cursor is still in the screen (documents: several records a unit)', async () => {
    const server = scripted([
      { n: SCREEN_PULL + 3, checkpoint: screenAt('a') },
      { n: 2 * SCREEN_PULL, checkpoint: screenAt('b') },
      { n: 4 * SCREEN_PULL + 1, checkpoint: ownAt('c') },
    ]);
    const got = await gatherPull(null, true, server.ask);
    expect(server.asked.map((a) => a.limit)).toEqual([SCREEN_PULL, 2 * SCREEN_PULL, 4 * SCREEN_PULL]);
    expect(server.asked.map((a) => a.from)).toEqual([null, screenAt('a'), screenAt('b')]);
    expect(got).toMatchObject({ checkpoint: ownAt('c'), last: false });
    expect(got.documents).toHaveLength(7 * SCREEN_PULL + 4);
  });

  it('goes on past the screen when the answer that passed it was cut short below the end threshold', async () => {
    const server = scripted([
      { n: 40, checkpoint: ownAt('a'), more: true },
      { n: PULL_END_BELOW, checkpoint: ownAt('b') },
    ]);
    const got = await gatherPull(null, true, server.ask);
    expect(server.asked[1]).toEqual({ from: ownAt('a'), limit: PULL_END_BELOW - 40 });
    expect(got).toMatchObject({ checkpoint: ownAt('b'), last: false });
  });

  it('a small register: the screen is the whole download, handed over as the end', async () => {
    const server = scripted([{ n: 12, checkpoint: { seq: 30, fp: 'f', w: 4 } }]);
    const got = await gatherPull(null, true, server.ask);
    expect(got).toEqual({ documents: expect.any(Array), checkpoint: { seq: 30, fp: 'f', w: 4 }, last: true });
    expect(got.documents).toHaveLength(12);
  });

  it('after the screen: full batches, steps the server cut short pulled on until one is full', async () => {
    const server = scripted([
      { n: 700, checkpoint: listAt('a'), more: true },
      { n: 0, checkpoint: listAt('b'), more: true },
      { n: PULL_BATCH - 700, checkpoint: listAt('c') },
    ]);
    const got = await gatherPull(ownAt('z'), false, server.ask);
    expect(server.asked.map((a) => a.limit)).toEqual([PULL_BATCH, PULL_BATCH - 700, PULL_BATCH - 700]);
    expect(got).toMatchObject({ checkpoint: listAt('c'), last: false });
    expect(got.documents).toHaveLength(PULL_BATCH);
  });

  it('an answer short of what was asked, not cut short, is the end', async () => {
    const server = scripted([{ n: 1500, checkpoint: { seq: 99, fp: 'f' } }]);
    expect(await gatherPull({ seq: 1, fp: 'f' }, false, server.ask)).toMatchObject({ last: true, checkpoint: { seq: 99, fp: 'f' } });
    const empty = scripted([{ n: 0, checkpoint: { seq: 99, fp: 'f' } }]);
    expect(await gatherPull({ seq: 99, fp: 'f' }, false, empty.ask)).toMatchObject({ last: true, documents: [] });
  });
});
