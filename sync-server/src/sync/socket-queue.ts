import type { CollectionName } from '../../../shared/src';

/** What a queued task touches: some collections, or everything (it runs alone). */
export type TaskScope = ReadonlySet<CollectionName> | 'all';

interface Entry {
  scope: TaskScope;
  task: () => Promise<void>;
  started: boolean;
}

function overlap(a: TaskScope, b: TaskScope): boolean {
  if (a === 'all' || b === 'all') return true;
  for (const c of a) if (b.has(c)) return true;
  return false;
}

/**
 * One socket's work in arrival order, except that a task may start before earlier ones that
 * touch none of its collections, at most `parallel` at a time: a big collection's pull does not
 * hold up the others' (a first download pulls 13 at once), while each collection's messages and
 * batches keep their order. A task scoped `all` (a push, a notice of an access change) runs alone:
 * after everything before it, before everything after it.
 */
export class SocketQueue {
  /** Tasks queued or running, in arrival order. */
  private readonly entries: Entry[] = [];
  private running = 0;

  constructor(
    private readonly parallel: number,
    private readonly failed: (err: unknown) => void,
  ) {}

  add(scope: TaskScope, task: () => Promise<void>): void {
    this.entries.push({ scope, task, started: false });
    this.pump();
  }

  private pump(): void {
    for (let i = 0; i < this.entries.length && this.running < this.parallel; i++) {
      const entry = this.entries[i]!;
      if (entry.started || this.entries.slice(0, i).some((before) => overlap(before.scope, entry.scope))) continue;
      entry.started = true;
      this.running++;
      void entry
        .task()
        .catch(this.failed)
        .finally(() => {
          this.running--;
          this.entries.splice(this.entries.indexOf(entry), 1);
          this.pump();
        });
    }
  }
}
