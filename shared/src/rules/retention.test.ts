import { describe, expect, test } from 'vitest';
import type { CaseStatus } from '../model/case';
import type { RetentionRule, RetentionTrigger } from '../model/document-type';
import { disposableFrom, isDisposable, type Disposability } from './retention';

const dispose = (periodYears: number, trigger: RetentionTrigger): RetentionRule => ({
  action: 'dispose',
  periodYears,
  trigger,
  explanation: 'Gallras.',
});
const preserve: RetentionRule = { action: 'preserve', explanation: 'Bevaras.' };

const registered = { registeredDate: '2026-03-10' };
const unregistered = { registeredDate: '' as const };
const openCase = { status: 'registered' as CaseStatus, closedDate: '' };
const closedCase = { status: 'closed' as CaseStatus, closedDate: '2026-05-20' };

describe('disposableFrom', () => {
  describe('preserve', () => {
    test('is never disposable, whatever the document and case', () => {
      expect(disposableFrom(preserve, registered, closedCase)).toEqual({ kind: 'never' });
      expect(disposableFrom(preserve, registered, null)).toEqual({ kind: 'never' });
      expect(disposableFrom(preserve, unregistered, openCase)).toEqual({ kind: 'never' });
    });
  });

  describe('trigger registration', () => {
    test('counts whole years from the registration date', () => {
      expect(disposableFrom(dispose(2, 'registration'), registered, null)).toEqual({ kind: 'date', date: '2028-03-10' });
    });
    test('the case does not matter', () => {
      expect(disposableFrom(dispose(2, 'registration'), registered, openCase)).toEqual({ kind: 'date', date: '2028-03-10' });
    });
    test('period 0: disposable on the registration date itself', () => {
      expect(disposableFrom(dispose(0, 'registration'), registered, null)).toEqual({ kind: 'date', date: '2026-03-10' });
    });
    test('registered 29 February: one year later is 28 February', () => {
      expect(disposableFrom(dispose(1, 'registration'), { registeredDate: '2024-02-29' }, null)).toEqual({
        kind: 'date',
        date: '2025-02-28',
      });
    });
    test('a draft (not yet registered) is pending', () => {
      expect(disposableFrom(dispose(2, 'registration'), unregistered, null)).toEqual({ kind: 'pending', waitingFor: 'registration' });
    });
  });

  describe('trigger end_of_registration_year', () => {
    test('the period runs from 31 December; disposable the day after it ends', () => {
      expect(disposableFrom(dispose(2, 'end_of_registration_year'), registered, null)).toEqual({ kind: 'date', date: '2029-01-01' });
    });
    test('period 0: disposable on 1 January after the year of registration', () => {
      expect(disposableFrom(dispose(0, 'end_of_registration_year'), registered, null)).toEqual({ kind: 'date', date: '2027-01-01' });
    });
    test('registered on 31 December or 1 January', () => {
      expect(disposableFrom(dispose(1, 'end_of_registration_year'), { registeredDate: '2026-12-31' }, null)).toEqual({
        kind: 'date',
        date: '2028-01-01',
      });
      expect(disposableFrom(dispose(1, 'end_of_registration_year'), { registeredDate: '2027-01-01' }, null)).toEqual({
        kind: 'date',
        date: '2029-01-01',
      });
    });
    test('not registered yet: pending', () => {
      expect(disposableFrom(dispose(2, 'end_of_registration_year'), unregistered, openCase)).toEqual({
        kind: 'pending',
        waitingFor: 'registration',
      });
    });
  });

  describe('trigger case_closed', () => {
    test('closed case: whole years from the closing date', () => {
      expect(disposableFrom(dispose(3, 'case_closed'), registered, closedCase)).toEqual({ kind: 'date', date: '2029-05-20' });
    });
    test('period 0: disposable on the closing date', () => {
      expect(disposableFrom(dispose(0, 'case_closed'), registered, closedCase)).toEqual({ kind: 'date', date: '2026-05-20' });
    });
    test('an archived case has been closed and counts from its closing date', () => {
      expect(disposableFrom(dispose(3, 'case_closed'), registered, { status: 'archived', closedDate: '2026-05-20' })).toEqual({
        kind: 'date',
        date: '2029-05-20',
      });
    });
    test.each(['registered_unchecked', 'registered'] as const)('open case (%s): pending until closed', (status) => {
      expect(disposableFrom(dispose(3, 'case_closed'), registered, { status, closedDate: '' })).toEqual({
        kind: 'pending',
        waitingFor: 'case_closed',
      });
    });
    test('a reopened case keeps its old closing date but is open again: pending', () => {
      expect(disposableFrom(dispose(3, 'case_closed'), registered, { status: 'registered', closedDate: '2025-01-10' })).toEqual({
        kind: 'pending',
        waitingFor: 'case_closed',
      });
    });
    test('a closed case without a closing date: pending rather than a guess', () => {
      expect(disposableFrom(dispose(3, 'case_closed'), registered, { status: 'closed', closedDate: '' })).toEqual({
        kind: 'pending',
        waitingFor: 'case_closed',
      });
    });
    test('free-standing document: its registration stands in for the closing', () => {
      expect(disposableFrom(dispose(3, 'case_closed'), registered, null)).toEqual({ kind: 'date', date: '2029-03-10' });
    });
    test('free-standing and not registered: pending registration, not case closing', () => {
      expect(disposableFrom(dispose(3, 'case_closed'), unregistered, null)).toEqual({ kind: 'pending', waitingFor: 'registration' });
    });
    test("the document's own registration date is irrelevant inside a case", () => {
      expect(disposableFrom(dispose(3, 'case_closed'), unregistered, closedCase)).toEqual({ kind: 'date', date: '2029-05-20' });
    });
  });

  describe('trigger end_of_case_closed_year', () => {
    test('closed case: from 31 December of the closing year; the day after the period', () => {
      expect(disposableFrom(dispose(3, 'end_of_case_closed_year'), registered, closedCase)).toEqual({ kind: 'date', date: '2030-01-01' });
    });
    test('period 0: 1 January after the closing year', () => {
      expect(disposableFrom(dispose(0, 'end_of_case_closed_year'), registered, closedCase)).toEqual({ kind: 'date', date: '2027-01-01' });
    });
    test('open case: pending', () => {
      expect(disposableFrom(dispose(3, 'end_of_case_closed_year'), registered, openCase)).toEqual({
        kind: 'pending',
        waitingFor: 'case_closed',
      });
    });
    test('free-standing document: from the end of its registration year', () => {
      expect(disposableFrom(dispose(3, 'end_of_case_closed_year'), registered, null)).toEqual({ kind: 'date', date: '2030-01-01' });
    });
    test('free-standing and not registered: pending registration', () => {
      expect(disposableFrom(dispose(3, 'end_of_case_closed_year'), unregistered, null)).toEqual({
        kind: 'pending',
        waitingFor: 'registration',
      });
    });
  });

  describe('trigger on_obsolescence (vid inaktualitet)', () => {
    test('a person judges; no date is computed', () => {
      expect(disposableFrom(dispose(0, 'on_obsolescence'), registered, closedCase)).toEqual({ kind: 'on_obsolescence' });
      expect(disposableFrom(dispose(5, 'on_obsolescence'), unregistered, null)).toEqual({ kind: 'on_obsolescence' });
      expect(disposableFrom(dispose(5, 'on_obsolescence'), registered, openCase)).toEqual({ kind: 'on_obsolescence' });
    });
  });
});

describe('isDisposable', () => {
  const due: Disposability = { kind: 'date', date: '2029-05-20' };
  test('before the date: not yet', () => {
    expect(isDisposable(due, '2029-05-19')).toBe(false);
  });
  test('on the date: yes', () => {
    expect(isDisposable(due, '2029-05-20')).toBe(true);
  });
  test('after the date, also in a later year: yes', () => {
    expect(isDisposable(due, '2029-05-21')).toBe(true);
    expect(isDisposable(due, '2031-01-01')).toBe(true);
  });
  test('preserved, pending and obsolescence are never due automatically', () => {
    expect(isDisposable({ kind: 'never' }, '2999-12-31')).toBe(false);
    expect(isDisposable({ kind: 'pending', waitingFor: 'case_closed' }, '2999-12-31')).toBe(false);
    expect(isDisposable({ kind: 'pending', waitingFor: 'registration' }, '2999-12-31')).toBe(false);
    expect(isDisposable({ kind: 'on_obsolescence' }, '2999-12-31')).toBe(false);
  });
  test('end to end: a registration-year rule is due on 1 January', () => {
    const d = disposableFrom(dispose(2, 'end_of_registration_year'), registered, null);
    expect(isDisposable(d, '2028-12-31')).toBe(false);
    expect(isDisposable(d, '2029-01-01')).toBe(true);
  });
});
