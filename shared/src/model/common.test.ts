import { describe, expect, it } from 'vitest';
import { IsoDate } from './common';

describe('IsoDate', () => {
  it.each(['2026-01-31', '2024-02-29', '2026-12-31'])('accepts the calendar day %s', (d) => {
    expect(IsoDate.safeParse(d).success).toBe(true);
  });

  it.each(['2025-13-01', '2025-00-10', '2025-02-29', '2026-04-31', '2026-01-00', '2026-1-05', ''])('refuses %j', (d) => {
    expect(IsoDate.safeParse(d).success).toBe(false);
  });
});
