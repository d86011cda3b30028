import { describe, expect, it } from 'vitest';
import { UnsettledPushes } from './unsettled-pushes';

/** An upstream the test settles by hand: each ask gets the current round's promise. */
function upstream() {
  let settle: () => void = () => undefined;
  let round = new Promise<void>((r) => (settle = r));
  return {
    settled: () => round,
    settle() {
      settle();
      round = new Promise<void>((r) => (settle = r));
    },
  };
}

/** Whether the promise is still pending after the microtasks queued so far ran. */
async function pending(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setTimeout(r, 0));
  return !done;
}

const docs = (...ids: string[]) => ids.map((id) => ({ id }));

describe('UnsettledPushes', () => {
  it('hands a pull over at once when none of its records is being pushed', async () => {
    const up = upstream();
    const u = new UnsettledPushes(up.settled);
    u.sent(['a']);
    expect(await pending(u.beforeHandingOver(docs('b', 'c')))).toBe(false);
    expect(await pending(u.beforeHandingOver([]))).toBe(false);
  });

  it('holds a pull carrying a record sent and not answered, and one taken until the upstream settled', async () => {
    const up = upstream();
    const u = new UnsettledPushes(up.settled);
    u.sent(['a', 'b']);
    const whileSent = u.beforeHandingOver(docs('x', 'a'));
    expect(await pending(whileSent)).toBe(true);
    u.ended(['a', 'b'], true);
    expect(await pending(u.beforeHandingOver(docs('b')))).toBe(true);
    up.settle();
    expect(await pending(whileSent)).toBe(false);
    // Settled: recorded by RxDB, so later pulls of these records go straight through.
    expect(await pending(u.beforeHandingOver(docs('a', 'b')))).toBe(false);
  });

  it('lets records go at once when their push failed or was refused (the server state is not from it)', async () => {
    const up = upstream();
    const u = new UnsettledPushes(up.settled);
    u.sent(['a', 'b']);
    u.ended(['a'], false);
    u.ended(['b'], false);
    expect(await pending(u.beforeHandingOver(docs('a', 'b')))).toBe(false);
  });

  it('counts pushes of one record: it stays unsettled while another push of it is under way', async () => {
    const up = upstream();
    const u = new UnsettledPushes(up.settled);
    u.sent(['a']);
    u.sent(['a']);
    u.ended(['a'], false);
    expect(await pending(u.beforeHandingOver(docs('a')))).toBe(true);
    u.ended(['a'], false);
    expect(await pending(u.beforeHandingOver(docs('a')))).toBe(false);
  });

  it('a failing upstream does not hold pulls for ever', async () => {
    const u = new UnsettledPushes(() => Promise.reject(new Error('replication cancelled')));
    u.sent(['a']);
    await expect(u.beforeHandingOver(docs('a'))).resolves.toBeUndefined();
    u.ended(['a'], true);
    await new Promise((r) => setTimeout(r, 0));
    expect(await pending(u.beforeHandingOver(docs('a')))).toBe(false);
  });
});
