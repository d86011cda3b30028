import { describe, expect, it } from 'vitest';
import { longSwedishDate, placeText } from './swedish';

describe('Swedish wording of the meeting documents', () => {
  it('writes dates with weekday and month in Swedish, across years and leap days', () => {
    expect(longSwedishDate('2026-12-15')).toBe('tisdag 15 december 2026');
    expect(longSwedishDate('2027-01-03')).toBe('söndag 3 januari 2027');
    expect(longSwedishDate('2028-02-29')).toBe('tisdag 29 februari 2028');
    expect(longSwedishDate('2026-06-19')).toBe('fredag 19 juni 2026');
    expect(longSwedishDate('')).toBe('');
  });

  it('says where: the place, the place and remote, or remote only', () => {
    expect(placeText('Stadshuset', false)).toBe('Stadshuset');
    expect(placeText('Stadshuset', true)).toBe('Stadshuset och på distans');
    expect(placeText('', true)).toBe('På distans');
  });
});
