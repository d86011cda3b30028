import { describe, expect, test } from 'vitest';
import { addDays, addMonths, addYears, formatIsoDate, isValidIsoDate, parseIsoDate, swedishDate } from './dates';

describe('parseIsoDate / formatIsoDate', () => {
  test('parse', () => {
    expect(parseIsoDate('2026-02-03')).toEqual({ y: 2026, m: 2, d: 3 });
  });
  test.each(['', '2026-2-3', '2026-02-03T00:00', '20260203', ' 2026-02-03'])('not a date: %j', (text) => {
    expect(() => parseIsoDate(text)).toThrow(RangeError);
  });
  test('format pads year, month and day', () => {
    expect(formatIsoDate(2026, 2, 3)).toBe('2026-02-03');
    expect(formatIsoDate(987, 12, 31)).toBe('0987-12-31');
  });
});

describe('addYears', () => {
  test('plain', () => {
    expect(addYears('2026-03-10', 1)).toBe('2027-03-10');
    expect(addYears('2026-03-10', 10)).toBe('2036-03-10');
    expect(addYears('2026-03-10', 0)).toBe('2026-03-10');
  });
  test('negative years', () => {
    expect(addYears('2026-03-10', -2)).toBe('2024-03-10');
  });
  test('29 February into a common year falls back to 28 February', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', -1)).toBe('2023-02-28');
  });
  test('29 February into a leap year stays 29 February', () => {
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });
  test('century rules: 2100 is not a leap year, 2000 was', () => {
    expect(addYears('2096-02-29', 4)).toBe('2100-02-28');
    expect(addYears('1996-02-29', 4)).toBe('2000-02-29');
  });
  test('28 February stays 28 February', () => {
    expect(addYears('2023-02-28', 1)).toBe('2024-02-28');
  });
  test('31 December', () => {
    expect(addYears('2026-12-31', 7)).toBe('2033-12-31');
  });
  test('years below 100 are not mapped to the 1900s', () => {
    // Date.UTC maps years 0–99 to 1900–1999; 0096 is a leap year, 1996 happens to be one too,
    // but 0100 is not while 2000 was.
    expect(addYears('0096-02-29', 4)).toBe('0100-02-28');
    expect(addYears('0004-02-29', -4)).toBe('0000-02-29'); // year 0 is a leap year, 1900 is not
  });
});

describe('addMonths', () => {
  test.each([
    ['2026-05-15', -1, '2026-04-15'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2026-05-31', -1, '2026-04-30'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2026-01-15', -12, '2025-01-15'],
    ['2024-02-29', -12, '2023-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2026-12-31', -120, '2016-12-31'],
    ['2026-07-10', 0, '2026-07-10'],
    ['2026-12-01', 1, '2027-01-01'],
  ])('%s %+d months is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('addDays', () => {
  test('within a month', () => {
    expect(addDays('2026-02-03', 5)).toBe('2026-02-08');
  });
  test('zero days', () => {
    expect(addDays('2026-02-03', 0)).toBe('2026-02-03');
  });
  test('across a month end', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-04-30', 1)).toBe('2026-05-01');
  });
  test('across February in common and leap years', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
  });
  test('across a year end', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-12-20', 14)).toBe('2027-01-03');
  });
  test('backwards across a year start', () => {
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
  test('many days', () => {
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
  });
  test('a DST change day has no effect (pure calendar arithmetic)', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
  });
  test('the 14-day adjustment window after a meeting', () => {
    expect(addDays('2026-06-18', 14)).toBe('2026-07-02');
  });
  test('years below 100 are not mapped to the 1900s', () => {
    expect(addDays('0050-12-31', 1)).toBe('0051-01-01');
  });
});

describe('isValidIsoDate', () => {
  test.each(['2026-01-01', '2026-12-31', '2024-02-29', '2000-02-29', '2026-04-30', '0001-01-01'])('valid %s', (date) => {
    expect(isValidIsoDate(date)).toBe(true);
  });
  test.each([
    ['2026-02-29', 'not a leap year'],
    ['2100-02-29', 'century, not a leap year'],
    ['2026-04-31', 'April has 30 days'],
    ['2026-13-01', 'month 13'],
    ['2026-00-10', 'month 0'],
    ['2026-01-00', 'day 0'],
    ['2026-01-32', 'day 32'],
    ['2026-1-01', 'unpadded month'],
    ['26-01-01', 'two-digit year'],
    ['2026-01-01T00:00:00Z', 'a timestamp'],
    [' 2026-01-01', 'leading space'],
    ['', 'empty'],
    ['2026/01/01', 'slashes'],
  ])('invalid %s (%s)', (date) => {
    expect(isValidIsoDate(date)).toBe(false);
  });
});

describe('swedishDate (Europe/Stockholm)', () => {
  test('summer (CEST, UTC+2): 22:00 UTC is already the next day', () => {
    expect(swedishDate(Date.parse('2026-06-30T21:59:59.999Z'))).toBe('2026-06-30');
    expect(swedishDate(Date.parse('2026-06-30T22:00:00.000Z'))).toBe('2026-07-01');
    // Midnight UTC is 02:00 in Sweden: the same date.
    expect(swedishDate(Date.parse('2026-07-01T00:00:00.000Z'))).toBe('2026-07-01');
  });
  test('winter (CET, UTC+1): 23:00 UTC is already the next day', () => {
    expect(swedishDate(Date.parse('2026-01-15T22:59:59.999Z'))).toBe('2026-01-15');
    expect(swedishDate(Date.parse('2026-01-15T23:00:00.000Z'))).toBe('2026-01-16');
    expect(swedishDate(Date.parse('2026-01-16T00:00:00.000Z'))).toBe('2026-01-16');
  });
  test("new year's eve: a document arriving 00:30 Swedish time belongs to the new year", () => {
    expect(swedishDate(Date.parse('2025-12-31T22:59:00Z'))).toBe('2025-12-31');
    expect(swedishDate(Date.parse('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
  });
  test('around the spring DST change (29 March 2026, 02:00 CET → 03:00 CEST)', () => {
    expect(swedishDate(Date.parse('2026-03-28T22:59:59Z'))).toBe('2026-03-28'); // 23:59 CET
    expect(swedishDate(Date.parse('2026-03-28T23:00:00Z'))).toBe('2026-03-29'); // 00:00 CET
    expect(swedishDate(Date.parse('2026-03-29T21:59:59Z'))).toBe('2026-03-29'); // 23:59 CEST
    expect(swedishDate(Date.parse('2026-03-29T22:00:00Z'))).toBe('2026-03-30'); // 00:00 CEST
  });
  test('around the autumn DST change (25 October 2026, 03:00 CEST → 02:00 CET)', () => {
    expect(swedishDate(Date.parse('2026-10-24T21:59:59Z'))).toBe('2026-10-24'); // 23:59 CEST
    expect(swedishDate(Date.parse('2026-10-24T22:00:00Z'))).toBe('2026-10-25'); // 00:00 CEST
    expect(swedishDate(Date.parse('2026-10-25T22:59:59Z'))).toBe('2026-10-25'); // 23:59 CET
    expect(swedishDate(Date.parse('2026-10-25T23:00:00Z'))).toBe('2026-10-26'); // 00:00 CET
  });
  test('the result is always a valid YYYY-MM-DD', () => {
    for (const t of [0, Date.parse('2024-02-29T12:00:00Z'), Date.parse('2099-12-31T23:30:00Z')]) {
      expect(isValidIsoDate(swedishDate(t))).toBe(true);
    }
    expect(swedishDate(0)).toBe('1970-01-01');
    expect(swedishDate(Date.parse('2024-02-28T23:30:00Z'))).toBe('2024-02-29');
  });
});
