/**
 * Undo and redo over immutable states. A change may name a `coalesce` key: successive changes
 * with the same key (one box nudged by the arrow keys, press after press) are one undo step.
 */
export class History<T> {
  private past: T[] = [];
  private future: T[] = [];
  private lastKey: string | null = null;

  constructor(
    private present: T,
    private readonly limit = 200,
  ) {}

  get current(): T {
    return this.present;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** Makes `next` the current state; a state equal (===) to the current one changes nothing. */
  push(next: T, coalesce?: string): T {
    if (next === this.present) return this.present;
    if (!(coalesce && coalesce === this.lastKey && this.past.length > 0)) {
      this.past.push(this.present);
      if (this.past.length > this.limit) this.past.shift();
    }
    this.present = next;
    this.future = [];
    this.lastKey = coalesce ?? null;
    return next;
  }

  undo(): T {
    const previous = this.past.pop();
    if (previous !== undefined) {
      this.future.push(this.present);
      this.present = previous;
    }
    this.lastKey = null;
    return this.present;
  }

  redo(): T {
    const next = this.future.pop();
    if (next !== undefined) {
      this.past.push(this.present);
      this.present = next;
    }
    this.lastKey = null;
    return this.present;
  }

  /** Starts over from `state` (a draft loaded), forgetting every step. */
  reset(state: T): void {
    this.present = state;
    this.past = [];
    this.future = [];
    this.lastKey = null;
  }
}
