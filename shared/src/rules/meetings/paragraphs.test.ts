import { describe, expect, it } from 'vitest';
import { sampleAgenda, sampleMeeting } from '../../testing/meeting-samples';
import { ORDINAL_STEP, orderAgenda, ordinalBetween, paragraphNumbers, priorMaxParagraph, reorderAgenda } from './paragraphs';

const item = (id: string, ordinal: number) => ({ id, ordinal });

describe('orderAgenda', () => {
  it('sorts by ordinal, then by id, without touching the input', () => {
    const input = [item('c', 2), item('b', 1), item('a', 2), item('B', 2), item('d', -5)];
    expect(orderAgenda(input).map((i) => i.id)).toEqual(['d', 'b', 'B', 'a', 'c']);
    expect(input.map((i) => i.id)).toEqual(['c', 'b', 'a', 'B', 'd']);
  });

  it('gives the same order for every permutation of the same items', () => {
    const items = [item('x', 1), item('y', 1), item('z', 0.5), item('w', 3)];
    const expected = orderAgenda(items).map((i) => i.id);
    for (let k = 0; k < 24; k++) {
      const pool = [...items];
      const perm = [];
      let n = k;
      while (pool.length) {
        perm.push(pool.splice(n % pool.length, 1)[0]!);
        n = Math.floor(n / (pool.length + 1));
      }
      expect(orderAgenda(perm).map((i) => i.id)).toEqual(expected);
    }
  });
});

describe('ordinalBetween', () => {
  it('places first, last, between and alone', () => {
    expect(ordinalBetween()).toBe(ORDINAL_STEP);
    expect(ordinalBetween(3000)).toBe(3000 + ORDINAL_STEP);
    expect(ordinalBetween(undefined, 3000)).toBe(3000 - ORDINAL_STEP);
    expect(ordinalBetween(1024, 2048)).toBe(1536);
    expect(ordinalBetween(-1, 1)).toBe(0);
  });

  it('stays within the model’s bounds near them', () => {
    const high = ordinalBetween(1e9 - 10);
    expect(high).toBeGreaterThan(1e9 - 10);
    expect(high).toBeLessThanOrEqual(1e9);
    const low = ordinalBetween(undefined, -1e9 + 10);
    expect(low).toBeLessThan(-1e9 + 10);
    expect(low).toBeGreaterThanOrEqual(-1e9);
  });

  it('refuses when no ordinal is left', () => {
    expect(() => ordinalBetween(5, 5)).toThrow(RangeError);
    expect(() => ordinalBetween(6, 5)).toThrow(RangeError);
    expect(() => ordinalBetween(1, 1 + Number.EPSILON)).toThrow(RangeError);
    expect(() => ordinalBetween(1e9)).toThrow(RangeError);
    expect(() => ordinalBetween(undefined, -1e9)).toThrow(RangeError);
  });

  it('halves about fifty times between two neighbours before it runs out', () => {
    let next = 2048;
    let count = 0;
    for (;;) {
      try {
        next = ordinalBetween(1024, next);
        count++;
      } catch {
        break;
      }
    }
    expect(count).toBeGreaterThan(40);
  });
});

describe('reorderAgenda', () => {
  const agenda = [item('a', 1024), item('b', 2048), item('c', 3072), item('d', 4096)];
  const apply = (items: typeof agenda, changes: Map<string, number>) =>
    orderAgenda(items.map((i) => ({ ...i, ordinal: changes.get(i.id) ?? i.ordinal }))).map((i) => i.id);

  it.each([
    ['d', 0, ['d', 'a', 'b', 'c']],
    ['a', 3, ['b', 'c', 'd', 'a']],
    ['a', 99, ['b', 'c', 'd', 'a']],
    ['b', 2, ['a', 'c', 'b', 'd']],
    ['c', 1, ['a', 'c', 'b', 'd']],
    ['d', -3, ['d', 'a', 'b', 'c']],
  ] as const)('moves %s to place %i by changing it alone', (id, to, expected) => {
    const changes = reorderAgenda(agenda, id, to);
    expect([...changes.keys()]).toEqual([id]);
    expect(apply(agenda, changes)).toEqual(expected);
  });

  it('writes nothing for a move in place or an unknown item', () => {
    expect(reorderAgenda(agenda, 'b', 1).size).toBe(0);
    expect(reorderAgenda(agenda, 'x', 0).size).toBe(0);
  });

  it('renumbers when neighbours share an ordinal, writing only the changed items', () => {
    const tied = [item('a', 1024), item('b', 2048), item('c', 2048), item('d', 4096)];
    const changes = reorderAgenda(tied, 'a', 1); // between b and c
    expect(apply(tied, changes)).toEqual(['b', 'a', 'c', 'd']);
    expect(Object.fromEntries(changes)).toEqual({ b: 1024, a: 2048, c: 3072 });
  });

  it('keeps working through many moves to the same spot', () => {
    let items = [item('a', 1024), item('b', 2048), ...Array.from({ length: 100 }, (_, i) => item(`n${i}`, 1e6 + i))];
    for (let i = 0; i < 100; i++) {
      const changes = reorderAgenda(items, `n${i}`, 1); // always right after a
      items = items.map((x) => ({ ...x, ordinal: changes.get(x.id) ?? x.ordinal }));
      expect(orderAgenda(items)[1]!.id).toBe(`n${i}`);
    }
    expect(new Set(items.map((i) => i.ordinal)).size).toBe(items.length);
  });
});

describe('paragraphNumbers', () => {
  it('numbers consecutively from the prior maximum in agenda order', () => {
    const items = [item('x', 3), item('y', 1), item('z', 2)];
    expect(paragraphNumbers(41, items)).toEqual(
      new Map([
        ['y', 42],
        ['z', 43],
        ['x', 44],
      ]),
    );
    expect(paragraphNumbers(0, sampleAgenda(3))).toEqual(
      new Map([
        ['i1', 1],
        ['i2', 2],
        ['i3', 3],
      ]),
    );
    expect(paragraphNumbers(7, []).size).toBe(0);
  });
});

describe('priorMaxParagraph', () => {
  const meeting = (id: string, date: string, bodyId = 'm-body-ks') => sampleMeeting({ id, date, bodyId });
  const numbered = (meetingId: string, from: number, count: number, bodyId = 'm-body-ks') =>
    Array.from({ length: count }, (_, i) => ({ meetingId, bodyId, paragraph: from + i }));

  const meetings = [
    meeting('jan', '2026-01-20'),
    meeting('feb', '2026-02-17'),
    meeting('same-day', '2026-03-10'),
    meeting('current', '2026-03-10'),
    meeting('later', '2026-04-14'),
    meeting('last-year', '2025-12-15'),
    meeting('other-body', '2026-02-01', 'm-body-bn'),
    meeting('undated', ''),
  ];
  const items = [
    ...numbered('jan', 1, 12),
    ...numbered('feb', 13, 9),
    ...numbered('same-day', 22, 3),
    ...numbered('current', 25, 4), // its own earlier numbering does not count
    ...numbered('later', 80, 2), // numbered out of order: ignored
    ...numbered('last-year', 150, 5),
    ...numbered('other-body', 300, 2, 'm-body-bn'),
    ...numbered('undated', 500, 1),
    { meetingId: 'feb', bodyId: 'm-body-ks', paragraph: 0 }, // not yet numbered
  ];

  it('takes the highest § of the body’s meetings earlier in the same year or the same day', () => {
    expect(priorMaxParagraph(items, meetings, meeting('current', '2026-03-10'))).toBe(24);
    expect(priorMaxParagraph(items, meetings, meeting('feb', '2026-02-17'))).toBe(12);
  });

  it('starts the year over at 0', () => {
    expect(priorMaxParagraph(items, meetings, meeting('jan', '2026-01-20'))).toBe(0);
    expect(priorMaxParagraph(items, meetings, meeting('new', '2027-01-12'))).toBe(0);
  });

  it('ignores other bodies even when passed in, and items of meetings it was not given', () => {
    expect(priorMaxParagraph(items, meetings, meeting('bn', '2026-06-01', 'm-body-bn'))).toBe(300 + 1);
    expect(priorMaxParagraph(items, meetings.slice(1), meeting('current', '2026-03-10'))).toBe(24);
    expect(priorMaxParagraph(items, [], meeting('current', '2026-03-10'))).toBe(0);
  });
});
