import { describe, expect, it } from 'vitest';
import { swedishDate } from './dates';
import { daysOverdue, dueQueue, isDue, validDueDate, watchState } from './watches';

const open = (dueDate: string) => ({ dueDate, doneAt: null });

describe('watchState', () => {
  it('is due on the due date itself, overdue the day after, upcoming the day before', () => {
    expect(watchState(open('2026-12-07'), '2026-12-07')).toBe('due');
    expect(watchState(open('2026-12-06'), '2026-12-07')).toBe('overdue');
    expect(watchState(open('2026-12-08'), '2026-12-07')).toBe('upcoming');
  });

  it('is done once marked done, whatever the date', () => {
    for (const due of ['2020-01-01', '2026-12-07', '2030-01-01']) {
      expect(watchState({ dueDate: due, doneAt: 1 }, '2026-12-07')).toBe('done');
      expect(watchState({ dueDate: due, doneAt: '2026-12-01T10:00:00.000Z' }, '2026-12-07')).toBe('done');
    }
    expect(watchState({ dueDate: '2026-12-07', doneAt: 0 }, '2026-12-07')).toBe('done');
  });

  it('compares across month and year ends and leap days', () => {
    expect(watchState(open('2026-12-31'), '2027-01-01')).toBe('overdue');
    expect(watchState(open('2027-01-01'), '2026-12-31')).toBe('upcoming');
    expect(watchState(open('2028-02-29'), '2028-02-29')).toBe('due');
    expect(watchState(open('2028-02-29'), '2028-03-01')).toBe('overdue');
    expect(watchState(open('2026-09-30'), '2026-10-01')).toBe('overdue');
  });
});

describe('isDue', () => {
  it('holds for due and overdue watches only', () => {
    expect(isDue(open('2026-12-07'), '2026-12-07')).toBe(true);
    expect(isDue(open('2026-11-07'), '2026-12-07')).toBe(true);
    expect(isDue(open('2026-12-08'), '2026-12-07')).toBe(false);
    expect(isDue({ dueDate: '2026-11-07', doneAt: 5 }, '2026-12-07')).toBe(false);
  });

  it('turns at Swedish midnight, not UTC midnight', () => {
    // 23:30 UTC on 6 December is 00:30 on 7 December in Stockholm (winter time, UTC+1).
    const lateUtc = Date.UTC(2026, 11, 6, 23, 30);
    expect(isDue(open('2026-12-07'), swedishDate(lateUtc))).toBe(true);
    // 22:30 UTC on 30 June is 00:30 on 1 July in Stockholm (summer time, UTC+2).
    expect(isDue(open('2026-07-01'), swedishDate(Date.UTC(2026, 5, 30, 22, 30)))).toBe(true);
    expect(isDue(open('2026-07-01'), swedishDate(Date.UTC(2026, 5, 30, 21, 30)))).toBe(false);
  });
});

describe('dueQueue', () => {
  it('keeps only due and overdue watches, oldest due date first, ties in the given order', () => {
    const watches = [
      { id: 'later', dueDate: '2026-12-20', doneAt: null },
      { id: 'today-a', dueDate: '2026-12-07', doneAt: null },
      { id: 'done', dueDate: '2026-11-01', doneAt: 3 },
      { id: 'old', dueDate: '2026-11-02', doneAt: null },
      { id: 'today-b', dueDate: '2026-12-07', doneAt: null },
    ];
    expect(dueQueue(watches, '2026-12-07').map((w) => w.id)).toEqual(['old', 'today-a', 'today-b']);
    expect(dueQueue([], '2026-12-07')).toEqual([]);
  });
});

describe('validDueDate', () => {
  it('accepts real days in the register years and refuses everything else', () => {
    for (const ok of ['2026-12-07', '2028-02-29', '1900-01-01', '2199-12-31']) expect(validDueDate(ok)).toBe(true);
    for (const bad of [
      '2026-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '1899-12-31',
      '2200-01-01',
      '2026-1-1',
      '20261207',
      '',
      'idag',
    ])
      expect(validDueDate(bad)).toBe(false);
  });
});

describe('daysOverdue', () => {
  it('counts whole days past the due date, never negative', () => {
    expect(daysOverdue('2026-12-07', '2026-12-07')).toBe(0);
    expect(daysOverdue('2026-12-08', '2026-12-07')).toBe(0);
    expect(daysOverdue('2026-12-31', '2027-01-02')).toBe(2);
    expect(daysOverdue('2026-03-28', '2026-03-30')).toBe(2);
  });
});
