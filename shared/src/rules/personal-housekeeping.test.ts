import { describe, expect, it } from 'vitest';
import { APPLIED_OP_DAYS, housekeepingCutoffs, NOTIFICATION_DAYS, READ_NOTIFICATION_DAYS } from './personal-housekeeping';

describe('housekeepingCutoffs', () => {
  const now = Date.UTC(2026, 11, 7, 12);
  const cut = housekeepingCutoffs(now);

  it('keeps a read notification 90 days after it was read', () => {
    expect(READ_NOTIFICATION_DAYS).toBe(90);
    expect(cut.readBefore).toBe(Date.UTC(2026, 8, 8, 12));
  });

  it('keeps any notification and an applied op id a year', () => {
    expect(NOTIFICATION_DAYS).toBe(365);
    expect(APPLIED_OP_DAYS).toBe(365);
    expect(cut.notifiedBefore).toBe(Date.UTC(2025, 11, 7, 12));
    expect(cut.appliedBefore).toBe(Date.UTC(2025, 11, 7, 12));
  });

  it('never reaches the present: every cutoff lies before now', () => {
    expect(Math.max(cut.readBefore, cut.notifiedBefore, cut.appliedBefore)).toBeLessThan(now);
  });
});
