import { describe, expect, it } from 'vitest';
import {
  addMarks,
  addTerm,
  EMPTY_MARKS,
  fitToPage,
  marksInReadingOrder,
  moveMark,
  removeMark,
  removeTerm,
  resizeMark,
  setGround,
  setTermGround,
  termReason,
  type PageSizes,
} from './marks';

const A4: PageSizes = new Map([
  [1, { width: 595, height: 842 }],
  [2, { width: 842, height: 595 }],
]);
const ids = () => {
  let n = 0;
  return () => `m${++n}`;
};

describe('marks', () => {
  it('rounds a box outwards to 1/100 pt and clips it to the page', () => {
    expect(fitToPage({ x: 10.123, y: 20.456, w: 5.001, h: 1 }, { width: 595, height: 842 })).toEqual({
      x: 10.12,
      y: 20.45,
      w: 5.01,
      h: 1.01,
    });
    expect(fitToPage({ x: -10, y: 830, w: 50, h: 50 }, { width: 595, height: 842 })).toEqual({ x: 0, y: 830, w: 40, h: 12 });
    expect(fitToPage({ x: 600, y: 0, w: 10, h: 10 }, { width: 595, height: 842 })).toBeNull();
  });

  it('adds boxes with one ground, leaving out slips of the mouse and pages that do not exist', () => {
    const s = addMarks(
      EMPTY_MARKS,
      [
        { page: 1, x: 72, y: 100, w: 200, h: 14, source: 'manual' },
        { page: 1, x: 10, y: 10, w: 1, h: 30, source: 'manual' },
        { page: 9, x: 10, y: 10, w: 100, h: 30, source: 'manual' },
        // Text boxes may be thin: a full stop is a box of its own.
        { page: 2, x: 10, y: 10, w: 1.5, h: 12, source: 'text' },
      ],
      'OSL 21 kap. 7 §',
      A4,
      ids(),
    );
    expect(s.marks).toEqual([
      { id: 'm1', page: 1, x: 72, y: 100, w: 200, h: 14, ground: 'OSL 21 kap. 7 §', source: 'manual' },
      { id: 'm2', page: 2, x: 10, y: 10, w: 1.5, h: 12, ground: 'OSL 21 kap. 7 §', source: 'text' },
    ]);
    expect(addMarks(s, [], 'x', A4, ids())).toBe(s);
  });

  it('masks a term everywhere; searching it again replaces its boxes; removing it removes them all', () => {
    const next = ids();
    let s = addMarks(EMPTY_MARKS, [{ page: 1, x: 1, y: 1, w: 10, h: 10, source: 'manual' }], 'G1', A4, next);
    s = addTerm(
      s,
      ' Anna Svensson ',
      [
        { page: 1, x: 72, y: 100, w: 80, h: 14 },
        { page: 2, x: 72, y: 300, w: 80, h: 14 },
      ],
      'OSL 26 kap. 1 §',
      A4,
      next,
    );
    expect(s.terms).toEqual([{ text: 'Anna Svensson', ground: 'OSL 26 kap. 1 §' }]);
    expect(s.marks.filter((m) => m.source === 'term').map((m) => [m.page, m.reason])).toEqual([
      [1, termReason('Anna Svensson')],
      [2, termReason('Anna Svensson')],
    ]);

    // Same term in another case and spacing: one term, its boxes replaced.
    s = addTerm(s, 'anna  svensson', [{ page: 2, x: 72, y: 300, w: 80, h: 14 }], 'OSL 21 kap. 3 §', A4, next);
    expect(s.terms).toEqual([{ text: 'anna  svensson', ground: 'OSL 21 kap. 3 §' }]);
    expect(s.marks.filter((m) => m.source === 'term')).toHaveLength(1);

    s = setTermGround(s, 'Anna Svensson', 'OSL 26 kap. 1 §');
    expect(s.terms[0]!.ground).toBe('OSL 26 kap. 1 §');
    expect(s.marks.find((m) => m.source === 'term')!.ground).toBe('OSL 26 kap. 1 §');

    s = removeTerm(s, 'ANNA SVENSSON');
    expect(s.terms).toEqual([]);
    expect(s.marks.map((m) => m.source)).toEqual(['manual']);
    expect(addTerm(s, '   ', [], 'G', A4, next)).toBe(s);
  });

  it('moves a box within its page and resizes it, never below the smallest size', () => {
    let s = addMarks(EMPTY_MARKS, [{ page: 1, x: 500, y: 800, w: 80, h: 20, source: 'manual' }], 'G', A4, ids());
    s = moveMark(s, 'm1', 50, 50, A4);
    expect(s.marks[0]).toMatchObject({ x: 515, y: 822, w: 80, h: 20 });
    s = moveMark(s, 'm1', -1000, -1000, A4);
    expect(s.marks[0]).toMatchObject({ x: 0, y: 0 });
    s = resizeMark(s, 'm1', -500, 5, A4);
    expect(s.marks[0]).toMatchObject({ w: 2, h: 25 });
    s = resizeMark(s, 'm1', 10000, 0, A4);
    expect(s.marks[0]).toMatchObject({ x: 0, w: 595 });
  });

  it('changes the ground of one box and removes one box', () => {
    let s = addMarks(
      EMPTY_MARKS,
      [
        { page: 1, x: 1, y: 1, w: 10, h: 10, source: 'manual' },
        { page: 1, x: 1, y: 30, w: 10, h: 10, source: 'manual' },
      ],
      'G1',
      A4,
      ids(),
    );
    s = setGround(s, 'm2', 'G2');
    expect(s.marks.map((m) => m.ground)).toEqual(['G1', 'G2']);
    s = removeMark(s, 'm1');
    expect(s.marks.map((m) => m.id)).toEqual(['m2']);
    expect(removeMark(s, 'nope')).toBe(s);
  });

  it('lists marks by page, top to bottom, left to right', () => {
    const s = addMarks(
      EMPTY_MARKS,
      [
        { page: 2, x: 1, y: 1, w: 10, h: 10, source: 'manual' },
        { page: 1, x: 300, y: 50, w: 10, h: 10, source: 'manual' },
        { page: 1, x: 10, y: 50, w: 10, h: 10, source: 'manual' },
        { page: 1, x: 10, y: 5, w: 10, h: 10, source: 'manual' },
      ],
      'G',
      A4,
      ids(),
    );
    expect(marksInReadingOrder(s.marks).map((m) => m.id)).toEqual(['m4', 'm3', 'm2', 'm1']);
  });
});
