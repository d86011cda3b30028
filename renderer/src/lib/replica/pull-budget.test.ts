import { describe, expect, it } from 'vitest';
import { PullBudget } from './pull-budget';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PullBudget', () => {
  it('holds at most its limit of batches across the replica, the next going when one is given back', async () => {
    const budget = new PullBudget(() => 2);
    const a = await budget.take(false);
    await budget.take(true);
    let third = false;
    const c = budget.take(false).then((release) => ((third = true), release));
    await tick();
    expect(third).toBe(false);
    expect(budget.inMemory).toBe(2);
    a();
    a(); // a second call gives back nothing more
    await c;
    expect(third).toBe(true);
    expect(budget.inMemory).toBe(2);
  });

  it("lets the list's collections go before the others, each kind in the order they asked", async () => {
    const budget = new PullBudget(() => 1);
    const held = await budget.take(false);
    const order: string[] = [];
    const ask = (name: string, first: boolean) =>
      budget.take(first).then((release) => {
        order.push(name);
        return release;
      });
    const audit = ask('audit', false);
    const files = ask('files', false);
    const cases = ask('cases', true);
    const documents = ask('documents', true);
    await tick();
    expect(order).toEqual([]);
    held();
    (await cases)();
    (await documents)();
    (await audit)();
    await files;
    expect(order).toEqual(['cases', 'documents', 'audit', 'files']);
    expect(budget.inMemory).toBe(1);
  });

  it('asks its limit each time: unbounded before the list is usable, bounded after', async () => {
    let usable = false;
    const budget = new PullBudget(() => (usable ? 1 : Infinity));
    const held = await Promise.all([budget.take(true), budget.take(true), budget.take(true)]);
    usable = true;
    let more = false;
    const next = budget.take(false).then((release) => ((more = true), release));
    held[0]!();
    held[1]!();
    await tick();
    expect(more).toBe(false);
    held[2]!();
    await next;
    expect(more).toBe(true);
  });
});
