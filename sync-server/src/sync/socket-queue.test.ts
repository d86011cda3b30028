import { describe, expect, it } from 'vitest';
import type { CollectionName } from '../../../shared/src';
import { SocketQueue, type TaskScope } from './socket-queue';

/** A task that records when it starts and ends, and ends when the test says so. */
function gate(log: string[], name: string) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    task: async () => {
      log.push(`${name}+`);
      await opened;
      log.push(`${name}-`);
    },
    open,
  };
}

const scope = (...collections: CollectionName[]): TaskScope => new Set(collections);
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('SocketQueue', () => {
  it('runs tasks of different collections side by side, at most `parallel` at once, in arrival order', async () => {
    const log: string[] = [];
    const queue = new SocketQueue(2, (err) => log.push(`failed ${String(err)}`));
    const [a, b, c] = [gate(log, 'cases'), gate(log, 'documents'), gate(log, 'audit')];
    queue.add(scope('cases'), a.task);
    queue.add(scope('documents'), b.task);
    queue.add(scope('audit'), c.task);
    await settle();
    expect(log).toEqual(['cases+', 'documents+']);
    b.open();
    await settle();
    expect(log).toEqual(['cases+', 'documents+', 'documents-', 'audit+']);
    a.open();
    c.open();
    await settle();
    expect(log).toEqual(['cases+', 'documents+', 'documents-', 'audit+', 'cases-', 'audit-']);
  });

  it('keeps the order within a collection: a later task never starts before an earlier one of its collections ends', async () => {
    const log: string[] = [];
    const queue = new SocketQueue(3, () => undefined);
    const [first, second, other] = [gate(log, 'cases 1'), gate(log, 'cases 2'), gate(log, 'files')];
    queue.add(scope('cases'), first.task);
    queue.add(scope('cases', 'documents'), second.task);
    queue.add(scope('files'), other.task);
    await settle();
    // The second cases task waits; the files task behind it goes past it.
    expect(log).toEqual(['cases 1+', 'files+']);
    first.open();
    await settle();
    expect(log).toEqual(['cases 1+', 'files+', 'cases 1-', 'cases 2+']);
    second.open();
    other.open();
    await settle();
  });

  it('runs a task scoped to everything alone: after all before it, before all after it', async () => {
    const log: string[] = [];
    const queue = new SocketQueue(3, () => undefined);
    const [pull, push, later] = [gate(log, 'pull'), gate(log, 'push'), gate(log, 'later pull')];
    queue.add(scope('cases'), pull.task);
    queue.add('all', push.task);
    queue.add(scope('documents'), later.task);
    await settle();
    expect(log).toEqual(['pull+']);
    pull.open();
    await settle();
    expect(log).toEqual(['pull+', 'pull-', 'push+']);
    push.open();
    await settle();
    expect(log).toEqual(['pull+', 'pull-', 'push+', 'push-', 'later pull+']);
    later.open();
    await settle();
  });

  it('reports a failed task and goes on with the rest', async () => {
    const log: string[] = [];
    const queue = new SocketQueue(1, (err) => log.push(`failed: ${(err as Error).message}`));
    queue.add(scope('cases'), async () => {
      throw new Error('boom');
    });
    queue.add(scope('cases'), async () => {
      log.push('next');
    });
    await settle();
    await settle();
    expect(log).toEqual(['failed: boom', 'next']);
  });
});
