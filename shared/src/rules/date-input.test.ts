import { describe, expect, it } from 'vitest';
import { parseDateInput } from './date-input';

describe('parseDateInput', () => {
  it('reads the Swedish way of writing a date and the short forms registrars type', () => {
    for (const typed of ['2026-03-05', '20260305', '2026-3-5', '2026.03.05', '2026 03 05', ' 2026-03-05 '])
      expect(parseDateInput(typed), typed).toEqual({ ok: true, date: '2026-03-05' });
    expect(parseDateInput('2028-02-29')).toEqual({ ok: true, date: '2028-02-29' });
    expect(parseDateInput('')).toEqual({ ok: true, date: '' });
  });

  it('says why a text is not a date, and never rolls a missing day over into the next month', () => {
    expect(parseDateInput('5/3/2026')).toEqual({ ok: false, problem: 'format' });
    expect(parseDateInput('05-03-2026')).toEqual({ ok: false, problem: 'format' });
    expect(parseDateInput('2026-3')).toEqual({ ok: false, problem: 'format' });
    expect(parseDateInput('igår')).toEqual({ ok: false, problem: 'format' });
    expect(parseDateInput('2026-13-01')).toEqual({ ok: false, problem: 'month' });
    expect(parseDateInput('2026-00-10')).toEqual({ ok: false, problem: 'month' });
    expect(parseDateInput('2026-02-30')).toEqual({ ok: false, problem: 'day' });
    expect(parseDateInput('2027-02-29')).toEqual({ ok: false, problem: 'day' });
    expect(parseDateInput('2026-04-31')).toEqual({ ok: false, problem: 'day' });
    expect(parseDateInput('0226-03-05')).toEqual({ ok: false, problem: 'year' });
  });
});
