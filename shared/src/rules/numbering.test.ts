import { describe, expect, test } from 'vitest';
import { formatCaseNumber, formatDocumentNumber, formatFreeDocumentNumber, newestKey, parseNumber, provisionalRef } from './numbering';

describe('formatCaseNumber', () => {
  test('pads the serial to five digits', () => {
    expect(formatCaseNumber('KS', 2026, 42)).toBe('KS 2026-00042');
  });
  test('first and last serial of a year', () => {
    expect(formatCaseNumber('KS', 2026, 1)).toBe('KS 2026-00001');
    expect(formatCaseNumber('KS', 2026, 99999)).toBe('KS 2026-99999');
  });
  test('prefixes with Swedish letters, digits and hyphens are kept as given', () => {
    expect(formatCaseNumber('BYGGÅ', 2026, 7)).toBe('BYGGÅ 2026-00007');
    expect(formatCaseNumber('SN-2', 2026, 7)).toBe('SN-2 2026-00007');
  });
  test('year bounds 1000 and 9999 are accepted', () => {
    expect(formatCaseNumber('KS', 1000, 1)).toBe('KS 1000-00001');
    expect(formatCaseNumber('KS', 9999, 1)).toBe('KS 9999-00001');
  });
  test.each([0, -1, 100000, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('serial %s is out of range', (serial) => {
    expect(() => formatCaseNumber('KS', 2026, serial)).toThrow(RangeError);
  });
  test.each([999, 10000, 0, -2026, 2026.5, Number.NaN])('year %s is out of range', (year) => {
    expect(() => formatCaseNumber('KS', year, 1)).toThrow(RangeError);
  });
  test('free-standing documents use the same shape', () => {
    expect(formatFreeDocumentNumber('KSH', 2026, 12)).toBe('KSH 2026-00012');
  });
});

describe('formatDocumentNumber', () => {
  test('appends the document serial without padding', () => {
    expect(formatDocumentNumber('KS 2026-00042', 3)).toBe('KS 2026-00042-3');
    expect(formatDocumentNumber('KS 2026-00042', 123)).toBe('KS 2026-00042-123');
  });
  test.each([0, -1, 2.5, Number.NaN])('serial %s is out of range', (serial) => {
    expect(() => formatDocumentNumber('KS 2026-00042', serial)).toThrow(RangeError);
  });
});

describe('parseNumber', () => {
  test('a case number', () => {
    expect(parseNumber('KS 2026-00042')).toEqual({ prefix: 'KS', year: 2026, serial: 42, documentSerial: null });
  });
  test('a document number', () => {
    expect(parseNumber('KS 2026-00042-3')).toEqual({ prefix: 'KS', year: 2026, serial: 42, documentSerial: 3 });
  });
  test('a free-standing document number parses like a case number', () => {
    expect(parseNumber('KSH 2026-00012')).toEqual({ prefix: 'KSH', year: 2026, serial: 12, documentSerial: null });
  });
  test('lowercase input as users type it', () => {
    expect(parseNumber('ks 2026-00042-3')).toEqual({ prefix: 'KS', year: 2026, serial: 42, documentSerial: 3 });
  });
  test('surrounding spaces are ignored', () => {
    expect(parseNumber('  KS 2026-00042 \n')).toEqual({ prefix: 'KS', year: 2026, serial: 42, documentSerial: null });
  });
  test('Å, Ä and Ö prefixes, also typed in lowercase', () => {
    expect(parseNumber('ÅVN 2026-00001')?.prefix).toBe('ÅVN');
    expect(parseNumber('MÄN 2026-00001')?.prefix).toBe('MÄN');
    expect(parseNumber('ÖFN 2026-00001')?.prefix).toBe('ÖFN');
    expect(parseNumber('åvn 2026-00001')?.prefix).toBe('ÅVN');
    expect(parseNumber('mäö 2026-00001-2')).toEqual({ prefix: 'MÄÖ', year: 2026, serial: 1, documentSerial: 2 });
  });
  test('prefixes with digits and hyphens', () => {
    expect(parseNumber('SN-2 2026-00007')).toEqual({ prefix: 'SN-2', year: 2026, serial: 7, documentSerial: null });
  });

  test.each([
    ['KS', 2026, 42],
    ['KS', 2026, 1],
    ['KS', 2026, 99999],
    ['BYGGÅ', 1999, 500],
    ['SN-2', 9999, 7],
  ] as const)('case number round trip %s %s %s', (prefix, year, serial) => {
    expect(parseNumber(formatCaseNumber(prefix, year, serial))).toEqual({ prefix, year, serial, documentSerial: null });
  });
  test.each([1, 9, 10, 123, 10000])('document number round trip with serial %s', (documentSerial) => {
    const text = formatDocumentNumber(formatCaseNumber('KS', 2026, 42), documentSerial);
    expect(parseNumber(text)).toEqual({ prefix: 'KS', year: 2026, serial: 42, documentSerial });
  });

  test.each([
    [''],
    ['   '],
    ['KS'],
    ['KS 2026'],
    ['KS 2026-42'], // serial must be five digits
    ['KS 2026-000042'], // six digits
    ['KS 26-00042'], // two-digit year
    ['KS2026-00042'], // no space
    ['KS  2026-00042'], // two spaces
    ['KS 2026/00042'],
    ['KS 2026-00042-'], // dangling hyphen
    ['KS 2026-00042-x'],
    ['KS 2026-00042-3-1'],
    [' 2026-00042'], // no prefix
    ['K.S 2026-00042'], // punctuation in the prefix
    ['KS 2026-00042 extra'],
    ['Ärende 42'],
    ['DROP TABLE cases'],
  ])('garbage %j → null', (text) => {
    expect(parseNumber(text)).toBeNull();
  });
});

describe('newestKey', () => {
  test('fixed width of 13 digits', () => {
    for (const t of [0, 1, 1_000, Date.UTC(2026, 0, 1), Date.UTC(2100, 0, 1), 9_999_999_999_999]) {
      expect(newestKey(t)).toMatch(/^\d{13}$/);
    }
  });
  test('literal values', () => {
    expect(newestKey(0)).toBe('9999999999999');
    expect(newestKey(9_999_999_999_999)).toBe('0000000000000');
    // 2026-01-01T00:00:00Z = 1767225600000 ms.
    expect(newestKey(1_767_225_600_000)).toBe('8232774399999');
  });
  test('a later time gives a smaller key, also across a change in digit count', () => {
    const times = [0, 9, 10, 999, 1_000, 999_999_999_999, 1_000_000_000_000, Date.UTC(2026, 1, 2, 10), Date.UTC(2026, 1, 2, 10, 0, 0, 1)];
    for (let i = 1; i < times.length; i++) {
      const earlier = newestKey(times[i - 1]!);
      const later = newestKey(times[i]!);
      expect(later < earlier).toBe(true);
    }
  });
  test('sorting keys ascending lists newest first', () => {
    const times = [Date.UTC(2026, 0, 5), Date.UTC(2025, 11, 31), Date.UTC(2026, 5, 1), Date.UTC(2024, 1, 29)];
    const byKey = [...times].sort((a, b) => (newestKey(a) < newestKey(b) ? -1 : 1));
    expect(byKey).toEqual([...times].sort((a, b) => b - a));
  });
  test('fractions of a millisecond are dropped; negative times clamp to 0', () => {
    expect(newestKey(1000.9)).toBe(newestKey(1000));
    expect(newestKey(-5)).toBe(newestKey(0));
  });
  test('fits the 20-character newestKey field', () => {
    expect(newestKey(Date.now()).length).toBeLessThanOrEqual(20);
  });
});

describe('provisionalRef', () => {
  test('first six alphanumerics of the id, uppercased', () => {
    expect(provisionalRef('3f2a9c1e-7b4d-4c2a-9e1f-0a1b2c3d4e5f')).toBe('3F2A9C');
  });
  test('hyphens and underscores are skipped', () => {
    expect(provisionalRef('ab-cd_ef-gh')).toBe('ABCDEF');
  });
  test('short ids are kept whole', () => {
    expect(provisionalRef('a1')).toBe('A1');
    expect(provisionalRef('---')).toBe('');
  });
});
