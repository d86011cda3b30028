/** Timers as parameters, so the saver runs under a test's own clock. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export type SaveState =
  { kind: 'idle' } | { kind: 'pending' } | { kind: 'saving' } | { kind: 'saved'; atMs: number } | { kind: 'failed'; error: unknown };

/**
 * Saves the latest state some time after the last change (a burst of edits is one write), one
 * write at a time; a change during a write is saved after it. `flush` saves at once (leaving the
 * tool, making the copy).
 */
export class DraftSaver<T> {
  private latest: { value: T } | null = null;
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  state: SaveState = { kind: 'idle' };

  constructor(
    private readonly save: (value: T) => Promise<void>,
    private readonly options: { delayMs: number; timers?: Timers; now?: () => number; onState?: (s: SaveState) => void },
  ) {}

  private setState(s: SaveState): void {
    this.state = s;
    this.options.onState?.(s);
  }

  private get timers(): Timers {
    return this.options.timers ?? realTimers;
  }

  /** Notes a change: it is saved `delayMs` after the last one. */
  changed(value: T): void {
    this.latest = { value };
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => {
      this.timer = null;
      void this.flush().catch(() => undefined);
    }, this.options.delayMs);
    this.setState({ kind: 'pending' });
  }

  /** Saves what is waiting now; resolves when everything noted so far is saved. */
  async flush(): Promise<void> {
    if (this.timer !== null) {
      this.timers.clear(this.timer);
      this.timer = null;
    }
    while (this.running) await this.running.catch(() => undefined);
    const next = this.latest;
    if (!next) return;
    this.latest = null;
    this.setState({ kind: 'saving' });
    const run = this.save(next.value);
    this.running = run.then(
      () => {
        if (!this.latest) this.setState({ kind: 'saved', atMs: (this.options.now ?? Date.now)() });
      },
      (error: unknown) => {
        // Kept for the next attempt unless a newer change replaced it.
        this.latest ??= next;
        this.setState({ kind: 'failed', error });
        throw error;
      },
    );
    try {
      await this.running;
    } finally {
      this.running = null;
    }
    if (this.latest) await this.flush();
  }

  /** True while a change is not yet saved. */
  get dirty(): boolean {
    return this.latest !== null || this.running !== null;
  }

  /** Stops the timer; what is waiting stays unsaved unless `flush` is called. */
  dispose(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }
}
