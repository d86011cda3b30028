import { describe, expect, it } from 'vitest';
import { normalizeIdentityNumber } from './identity-number';

const TODAY = '2026-03-10';

describe('normalizeIdentityNumber', () => {
  it.each([
    ['811218-9876', '19811218-9876'],
    ['8112189876', '19811218-9876'],
    ['19811218-9876', '19811218-9876'],
    ['198112189876', '19811218-9876'],
    [' 811218 - 9876 ', '19811218-9876'],
    ['811218+9876', '18811218-9876'], // 100 years or older
    ['121212-1212', '20121212-1212'],
    ['121212+1212', '19121212-1212'],
    ['701063-2391', '19701063-2391'], // samordningsnummer: day + 60
  ])('%s → %s', (raw, normalised) => {
    expect(normalizeIdentityNumber(raw, TODAY)).toBe(normalised);
  });

  it('puts a 10-digit number born later this year in the last century', () => {
    // 2026-03-11 is after today: born 1926, not yet 100, so written with '-'.
    expect(normalizeIdentityNumber('260311-1234', TODAY)).toBe('19260311-1234');
    expect(normalizeIdentityNumber('260309-1238', TODAY)).toBe('20260309-1238');
  });

  it.each([
    ['811218-9877', 'Luhn'],
    ['811318-9871', 'no 13th month'],
    ['19811218-987', 'too short'],
    ['1981121898761', 'too long'],
    ['81121a-9876', 'not digits'],
    ['811218/9876', 'wrong separator'],
    ['', 'empty'],
    ['21811218-9876', 'no 22nd century'],
  ])('refuses %s (%s)', (raw) => {
    expect(normalizeIdentityNumber(raw, TODAY)).toBeNull();
  });

  it('checks 29 February in the century it lands in', () => {
    // 000229: valid in 2000; with '+' it is 1900, which had no 29 February.
    const luhn = (base: string) => {
      for (let d = 0; d <= 9; d++) if (normalizeIdentityNumber(`${base}${d}`, TODAY)) return `${base}${d}`;
      return '';
    };
    const valid = luhn('000229-123');
    expect(normalizeIdentityNumber(valid, TODAY)).toBe(`20000229-${valid.slice(7)}`);
    expect(normalizeIdentityNumber(valid.replace('-', '+'), TODAY)).toBeNull();
  });
});
