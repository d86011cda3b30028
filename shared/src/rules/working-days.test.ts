import { describe, expect, it } from 'vitest';
import { easterSunday, isWorkingDay, nextWorkingDay, swedishNonWorkingDays } from './working-days';

describe('the Swedish working-day calendar', () => {
  it('knows Easter', () => {
    expect([2024, 2025, 2026, 2027].map(easterSunday)).toEqual(['2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28']);
  });

  it('lists the Swedish holidays and the eves treated as holidays', () => {
    const days = swedishNonWorkingDays(2026);
    for (const d of [
      '2026-01-01',
      '2026-01-06',
      '2026-04-03',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-06-06',
      '2026-06-19',
      '2026-06-20',
      '2026-10-31',
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
      '2026-12-31',
    ]) {
      expect(days.has(d), d).toBe(true);
    }
    expect(days.has('2026-06-18')).toBe(false);
    expect(isWorkingDay('2026-02-06')).toBe(true); // a Friday
    expect(isWorkingDay('2026-02-07')).toBe(false); // a Saturday
  });

  it('skips weekends, holidays and the eves treated as holidays', () => {
    expect(nextWorkingDay('2026-02-06')).toBe('2026-02-09'); // Friday → Monday
    expect(nextWorkingDay('2026-04-02')).toBe('2026-04-07'); // Maundy Thursday → after Easter Monday
    expect(nextWorkingDay('2026-12-30')).toBe('2027-01-04'); // over New Year's Eve and Day
  });
});
