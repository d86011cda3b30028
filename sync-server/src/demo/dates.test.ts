import { describe, expect, it } from 'vitest';
import { swedishDate } from '../../../shared/src';
import { swedishDateCache } from './dates';
import { createRng } from './prng';

const HOUR = 3_600_000;

describe('swedishDateCache', () => {
  it('agrees with swedishDate every hour around the summer-time changes', () => {
    const date = swedishDateCache();
    // Summer time starts 30 March 2025 and ends 26 October 2025; plus a new year's eve.
    for (const start of [Date.UTC(2025, 2, 28), Date.UTC(2025, 9, 24), Date.UTC(2025, 11, 30)]) {
      for (let h = 0; h < 5 * 24; h++) {
        const at = start + h * HOUR + 59 * 60_000;
        expect(date(at), new Date(at).toISOString()).toBe(swedishDate(at));
        expect(date(start + h * HOUR)).toBe(swedishDate(start + h * HOUR));
      }
    }
  });

  it('agrees with swedishDate at random instants', () => {
    const date = swedishDateCache();
    const rng = createRng(42);
    for (let i = 0; i < 300; i++) {
      const at = Date.UTC(2015, 0, 1) + Math.floor(rng.next() * 15 * 365 * 24 * HOUR);
      expect(date(at)).toBe(swedishDate(at));
    }
  });
});
