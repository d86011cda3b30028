import { describe, expect, it } from 'vitest';
import { newestKey } from '../../../../shared/src';
import { sampleDocument } from '../../../../shared/src/testing/samples';
import { keyOf, orderOf } from './paging';
import { documentRow, sortRows } from './rows';

const collator = new Intl.Collator('sv', { numeric: true, sensitivity: 'base' });
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 11, 7, 8);

/** Registered `registeredDaysAgo`, received `receivedDaysAgo` (letters are registered a few days after they arrive). */
function letter(id: string, registeredDaysAgo: number, receivedDaysAgo: number) {
  const ms = T0 - registeredDaysAgo * DAY;
  return documentRow(
    sampleDocument({
      id,
      direction: 'incoming',
      receivedDate: new Date(T0 - receivedDaysAgo * DAY).toISOString().slice(0, 10),
      registeredDate: new Date(ms).toISOString().slice(0, 10),
      createdAt: new Date(ms).toISOString(),
      newestKey: newestKey(ms),
    }),
  );
}

describe('Nyast först on the documents tab', () => {
  // Registered last: a letter that arrived five days ago; registered first: one that arrived yesterday.
  const rows = [letter('late-registered', 0, 5), letter('middle', 1, 2), letter('early-registered', 2, 1)];

  it('is in the order of the date the list shows, newest first, then the later registration first', () => {
    const sorted = sortRows(rows, 'newest', collator.compare);
    expect(sorted.map((r) => r.date)).toEqual([...rows.map((r) => r.date)].sort().reverse());
    expect(sorted.map((r) => r.id)).toEqual(['early-registered', 'middle', 'late-registered']);
    const sameDay = [letter('first', 3, 1), letter('second', 2, 1)];
    expect(sortRows(sameDay, 'newest', collator.compare).map((r) => r.id)).toEqual(['second', 'first']);
  });

  it('is read from the replica through listKey, in the same order as the rows sort', () => {
    const order = orderOf('documents', 'newest');
    expect(order).toEqual({ kind: 'index', field: 'listKey' });
    const field = order.kind === 'index' ? order.field : 'newestKey';
    const byKey = [...rows].sort((a, b) => (keyOf(a, field) < keyOf(b, field) ? -1 : 1));
    expect(byKey.map((r) => r.id)).toEqual(sortRows(rows, 'newest', collator.compare).map((r) => r.id));
    expect(orderOf('cases', 'newest')).toEqual({ kind: 'index', field: 'newestKey' });
  });
});
