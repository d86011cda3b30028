import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { Heartbeat, HEARTBEAT_DEFAULTS } from './heartbeat';

function setup(options = HEARTBEAT_DEFAULTS) {
  const calls = { pings: 0, dead: 0 };
  const hb = new Heartbeat(options, { ping: () => calls.pings++, dead: () => calls.dead++ });
  return { hb, calls };
}

describe('Heartbeat', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test('the product finds a silent network within 30 s: 10 s pings, 20 s of silence', () => {
    expect(HEARTBEAT_DEFAULTS).toEqual({ intervalMs: 10_000, deadlineMs: 20_000 });
    const { hb, calls } = setup();
    hb.watch();
    hb.startPinging();
    vi.advanceTimersByTime(19_999);
    expect(calls).toEqual({ pings: 1, dead: 0 });
    vi.advanceTimersByTime(1);
    expect(calls).toEqual({ pings: 1, dead: 1 });
  });

  test('every sign of life starts the deadline again; pinging goes on meanwhile', () => {
    const { hb, calls } = setup();
    hb.watch();
    hb.startPinging();
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(15_000);
      hb.heard();
    }
    expect(calls.dead).toBe(0);
    expect(calls.pings).toBe(15);
  });

  test('dead is reported once, and then nothing more is sent', () => {
    const { hb, calls } = setup();
    hb.watch();
    hb.startPinging();
    vi.advanceTimersByTime(20_000);
    hb.heard(); // a late message on the abandoned socket restarts nothing
    vi.advanceTimersByTime(100_000);
    expect(calls).toEqual({ pings: 1, dead: 1 });
  });

  test('the opening handshake has the same deadline: no pings before the server says it answers them', () => {
    const { hb, calls } = setup();
    hb.watch();
    vi.advanceTimersByTime(20_000);
    expect(calls).toEqual({ pings: 0, dead: 1 });
  });

  test('stopped (an older server without pongs, or a closed socket): no pings, no deadline', () => {
    const { hb, calls } = setup();
    hb.watch();
    hb.stop();
    hb.startPinging();
    hb.heard();
    vi.advanceTimersByTime(100_000);
    expect(calls).toEqual({ pings: 0, dead: 0 });
  });

  test('watching a new socket forgets the old one', () => {
    const { hb, calls } = setup({ intervalMs: 100, deadlineMs: 300 });
    hb.watch();
    hb.startPinging();
    vi.advanceTimersByTime(250);
    hb.watch();
    vi.advanceTimersByTime(299);
    expect(calls).toEqual({ pings: 2, dead: 0 });
    vi.advanceTimersByTime(1);
    expect(calls.dead).toBe(1);
  });

  test('a deadline not longer than the interval is refused', () => {
    expect(() => setup({ intervalMs: 1000, deadlineMs: 1000 })).toThrow(/must exceed the interval/);
    expect(() => setup({ intervalMs: 0, deadlineMs: 1000 })).toThrow(/must exceed the interval/);
  });
});
