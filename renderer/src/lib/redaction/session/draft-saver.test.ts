import { describe, expect, it } from 'vitest';
import { DraftSaver, type SaveState, type Timers } from './draft-saver';

/** A clock the test moves by hand. */
class ManualTimers implements Timers {
  now = 0;
  private queue: { at: number; fn: () => void; id: number }[] = [];
  private next = 1;
  set(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.queue.push({ at: this.now + ms, fn, id });
    return id;
  }
  clear(handle: unknown): void {
    this.queue = this.queue.filter((t) => t.id !== handle);
  }
  advance(ms: number): void {
    this.now += ms;
    const due = this.queue.filter((t) => t.at <= this.now);
    this.queue = this.queue.filter((t) => t.at > this.now);
    for (const t of due) t.fn();
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('DraftSaver', () => {
  it('saves once, the latest state, some time after the last change', async () => {
    const timers = new ManualTimers();
    const saved: string[] = [];
    const states: SaveState['kind'][] = [];
    const saver = new DraftSaver<string>(async (v) => void saved.push(v), {
      delayMs: 1000,
      timers,
      now: () => timers.now,
      onState: (s) => states.push(s.kind),
    });
    saver.changed('a');
    timers.advance(600);
    saver.changed('b');
    timers.advance(600);
    expect(saved).toEqual([]);
    expect(saver.dirty).toBe(true);
    timers.advance(400);
    await settle();
    expect(saved).toEqual(['b']);
    expect(saver.dirty).toBe(false);
    expect(states).toEqual(['pending', 'pending', 'saving', 'saved']);
  });

  it('flush saves at once; a change made during a save is saved after it', async () => {
    const timers = new ManualTimers();
    const saved: string[] = [];
    let release: () => void = () => undefined;
    const saver = new DraftSaver<string>(
      (v) =>
        new Promise<void>((resolve) => {
          saved.push(v);
          release = resolve;
        }),
      { delayMs: 1000, timers },
    );
    saver.changed('a');
    const first = saver.flush();
    saver.changed('b');
    const second = saver.flush();
    expect(saved).toEqual(['a']);
    release();
    await settle();
    expect(saved).toEqual(['a', 'b']);
    release();
    await Promise.all([first, second]);
    expect(saved).toEqual(['a', 'b']);
    expect(saver.dirty).toBe(false);
    await saver.flush();
    expect(saved).toEqual(['a', 'b']);
  });

  it('keeps a failed save for the next attempt and reports the failure', async () => {
    const timers = new ManualTimers();
    const saved: string[] = [];
    let fail = true;
    const saver = new DraftSaver<string>(
      async (v) => {
        if (fail) throw new Error('rejected');
        saved.push(v);
      },
      { delayMs: 10, timers },
    );
    saver.changed('a');
    await expect(saver.flush()).rejects.toThrow('rejected');
    expect(saver.state).toMatchObject({ kind: 'failed' });
    expect(saver.dirty).toBe(true);
    fail = false;
    await saver.flush();
    expect(saved).toEqual(['a']);
    expect(saver.state.kind).toBe('saved');
  });

  it('stops its timer when disposed', async () => {
    const timers = new ManualTimers();
    const saved: string[] = [];
    const saver = new DraftSaver<string>(async (v) => void saved.push(v), { delayMs: 10, timers });
    saver.changed('a');
    saver.dispose();
    timers.advance(100);
    await settle();
    expect(saved).toEqual([]);
    expect(saver.dirty).toBe(true);
  });
});
