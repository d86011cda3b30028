import { describe, expect, it } from 'vitest';
import { newestKey } from '../../../../shared/src';
import { sampleCase } from '../../../../shared/src/testing/samples';
import { SmallestN, dropThrough, orderOf, pagesFor, selectorOf, titleOrder } from './paging';
import { caseRow } from './rows';

const collator = new Intl.Collator('sv', { numeric: true, sensitivity: 'base' });

describe('orderOf', () => {
  it('reads newest and number through their indexes, title by a scan', () => {
    expect(orderOf('cases', 'newest')).toEqual({ kind: 'index', field: 'newestKey' });
    expect(orderOf('cases', 'number')).toEqual({ kind: 'index', field: 'caseNumber' });
    expect(orderOf('documents', 'number')).toEqual({ kind: 'index', field: 'documentNumber' });
    expect(orderOf('documents', 'title')).toEqual({ kind: 'title' });
  });
});

describe('selectorOf', () => {
  it('filters on register and status as they are, on a process with its sub-processes', () => {
    expect(selectorOf({ registerId: '', status: '', classCode: '' })).toEqual({});
    const s = selectorOf({ registerId: 'reg-ks', status: 'closed', classCode: '1.1' });
    expect(s).toMatchObject({ registerId: { $eq: 'reg-ks' }, status: { $eq: 'closed' } });
    const re = new RegExp((s.classCode as { $regex: string }).$regex);
    expect(['1.1', '1.1.3', '1.1.3.2'].every((c) => re.test(c))).toBe(true);
    // '1.1' must not match '1.10…' nor '1x1': a prefix is a whole code segment, dots literal.
    expect(['1.10', '1.10.1', '1x1', '21.1'].some((c) => re.test(c))).toBe(false);
  });
});

describe('dropThrough', () => {
  const key = (r: { id: string; k: string }) => r.k;

  it('drops the rows at the cursor key up to and including the cursor id', () => {
    const rows = [
      { id: 'a', k: '5' },
      { id: 'b', k: '5' },
      { id: 'c', k: '5' },
      { id: 'a', k: '6' },
    ];
    expect(dropThrough(rows, key, { key: '5', id: 'b' }).map((r) => `${r.k}${r.id}`)).toEqual(['5c', '6a']);
  });

  it('keeps everything when the page starts past the cursor key', () => {
    const rows = [{ id: 'a', k: '7' }];
    expect(dropThrough(rows, key, { key: '5', id: 'z' })).toEqual(rows);
  });

  it('drops a page made only of the cursor key (provisional records all have number "")', () => {
    const rows = ['a', 'b', 'c'].map((id) => ({ id, k: '' }));
    expect(dropThrough(rows, key, { key: '', id: 'c' })).toEqual([]);
  });
});

describe('titleOrder', () => {
  const row = (id: string, title: string, ms: number) => caseRow(sampleCase({ id, title, newestKey: newestKey(ms) }));

  it('sorts the Swedish way, withheld titles first, ties newest first then by id: a total order', () => {
    const rows = [
      row('1', 'Översiktsplan', 1),
      row('2', 'ärende', 2),
      row('3', 'Avtal', 3),
      row('4', '', 4),
      row('6', 'Zebra', 5),
      row('5', 'Zebra', 5),
      row('7', 'Zebra', 9),
    ];
    expect(rows.sort(titleOrder(collator.compare)).map((r) => r.id)).toEqual(['4', '3', '7', '5', '6', '2', '1']);
  });
});

describe('SmallestN', () => {
  it('keeps only the n smallest offered, in order', () => {
    const best = new SmallestN<number>(3, (a, b) => a - b);
    for (const x of [9, 4, 7, 1, 8, 4, 0, 12]) best.offer(x);
    expect(best.values()).toEqual([0, 1, 4]);
  });

  it('agrees with sorting everything, over many offers with ties', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 1000;
    const xs = Array.from({ length: 10_000 }, next);
    const best = new SmallestN<number>(250, (a, b) => a - b);
    for (const x of xs) best.offer(x);
    expect(best.values()).toEqual(xs.sort((a, b) => a - b).slice(0, 250));
  });

  it('holds nothing for n = 0', () => {
    const best = new SmallestN<number>(0, (a, b) => a - b);
    best.offer(1);
    expect(best.values()).toEqual([]);
  });
});

describe('pagesFor', () => {
  it('covers the rows on screen and a margin either side, within the total', () => {
    expect(pagesFor(0, 30, 1000, 200, 50)).toEqual([0]);
    expect(pagesFor(170, 200, 1000, 200, 50)).toEqual([0, 1]);
    expect(pagesFor(420, 450, 1000, 200, 50)).toEqual([1, 2]);
    expect(pagesFor(980, 1000, 1000, 200, 50)).toEqual([4]);
  });

  it('wants nothing of an empty list and the first page before the grid has measured', () => {
    expect(pagesFor(0, 30, 0)).toEqual([]);
    expect(pagesFor(0, 0, 10)).toEqual([0]);
  });

  it('keeps a position past the end (the list shrank) on the last page', () => {
    expect(pagesFor(5000, 5030, 300, 200, 0)).toEqual([1]);
  });
});
