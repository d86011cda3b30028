import { describe, expect, test } from 'vitest';
import { sampleDocument } from '../testing/samples';
import { documentDate, documentListKey } from './list-key';
import { newestKey } from './numbering';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 11, 7, 8);

/** An incoming letter received `receivedDaysAgo`, registered `registeredDaysAgo` (at that moment). */
function letter(id: string, receivedDaysAgo: number, registeredDaysAgo: number, o = {}) {
  const ms = T0 - registeredDaysAgo * DAY;
  return sampleDocument({
    id,
    direction: 'incoming',
    receivedDate: new Date(T0 - receivedDaysAgo * DAY).toISOString().slice(0, 10),
    registeredDate: new Date(ms).toISOString().slice(0, 10),
    newestKey: newestKey(ms),
    ...o,
  });
}

const ascending = (docs: { id: string; listKey: string }[]) =>
  [...docs].sort((a, b) => (a.listKey < b.listKey ? -1 : a.listKey > b.listKey ? 1 : 0)).map((d) => d.id);

describe('documentListKey: "Nyast först" by the shown date, then registration', () => {
  test('is the inverted day (8 digits) followed by newestKey', () => {
    const d = letter('a', 0, 0);
    expect(documentDate(d)).toBe('2026-12-07');
    expect(documentListKey(d)).toBe(`${99_999_999 - 20261207}${d.newestKey}`);
    expect(documentListKey(d)).toMatch(/^\d{21}$/);
  });

  test('ascending is newest shown date first, whatever the registration order', () => {
    // Registered last: a letter received five days ago; registered first: one received yesterday.
    const docs = [letter('late-registered', 5, 0), letter('middle', 2, 1), letter('early-registered', 1, 2)];
    expect(ascending(docs)).toEqual(['early-registered', 'middle', 'late-registered']);
  });

  test('on the same day the later registration comes first', () => {
    const docs = [letter('first', 1, 3), letter('second', 1, 2), letter('third', 1, 1)];
    expect(ascending(docs)).toEqual(['third', 'second', 'first']);
  });

  test("takes the direction's own date: dispatched for outgoing, drawn up for created", () => {
    const out = sampleDocument({
      direction: 'outgoing',
      receivedDate: '2026-12-07',
      dispatchedDate: '2026-01-02',
      registeredDate: '2026-12-07',
    });
    const made = sampleDocument({
      direction: 'created',
      receivedDate: '2026-12-07',
      createdDate: '2026-03-04',
      registeredDate: '2026-12-07',
    });
    expect(documentListKey(out).slice(0, 8)).toBe(String(99_999_999 - 20260102));
    expect(documentListKey(made).slice(0, 8)).toBe(String(99_999_999 - 20260304));
  });

  test('without its own date the registration date counts; without either it sorts after every dated one', () => {
    const registeredOnly = letter('registered-only', 0, 4, { receivedDate: '' });
    expect(documentListKey(registeredOnly).slice(0, 8)).toBe(String(99_999_999 - 20261203));
    const undated = sampleDocument({
      id: 'draft',
      direction: 'created',
      status: 'draft',
      createdDate: '',
      registeredDate: '',
      newestKey: newestKey(T0),
    });
    expect(documentListKey(undated)).toBe(`99999999${newestKey(T0)}`);
    expect(ascending([undated, letter('old', 3000, 3000), registeredOnly])).toEqual(['registered-only', 'old', 'draft']);
  });
});
