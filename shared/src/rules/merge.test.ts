import { describe, expect, test } from 'vitest';
import { mergeFields } from './merge';

type Rec = Record<string, unknown>;

const base: Rec = { id: 'case-1', title: 'Cykelbanor', unit: 'Kansliet', description: '', syncVersion: 3, updatedAt: 'T3' };

describe('mergeFields', () => {
  test('nothing changed: theirs, no conflicts', () => {
    const r = mergeFields(base, { ...base }, { ...base });
    expect(r).toEqual({ merged: base, conflicts: [] });
  });

  test('only mine changed a field: mine is taken', () => {
    const r = mergeFields(base, { ...base, title: 'Cykelbanor i centrum' }, { ...base });
    expect(r.merged.title).toBe('Cykelbanor i centrum');
    expect(r.conflicts).toEqual([]);
  });

  test('only theirs changed a field: theirs is kept', () => {
    const r = mergeFields(base, { ...base }, { ...base, unit: 'Planenheten' });
    expect(r.merged.unit).toBe('Planenheten');
    expect(r.conflicts).toEqual([]);
  });

  test('each side changed a different field: both edits survive', () => {
    const r = mergeFields(base, { ...base, title: 'Ny rubrik' }, { ...base, unit: 'Planenheten' });
    expect(r.merged).toEqual({ ...base, title: 'Ny rubrik', unit: 'Planenheten' });
    expect(r.conflicts).toEqual([]);
  });

  test('both made the same edit: no conflict', () => {
    const r = mergeFields(base, { ...base, title: 'Samma' }, { ...base, title: 'Samma' });
    expect(r.merged.title).toBe('Samma');
    expect(r.conflicts).toEqual([]);
  });

  test('both changed a field differently: conflict, theirs kept until a person decides', () => {
    const r = mergeFields(base, { ...base, title: 'Min' }, { ...base, title: 'Deras' });
    expect(r.merged.title).toBe('Deras');
    expect(r.conflicts).toEqual([{ field: 'title', base: 'Cykelbanor', mine: 'Min', theirs: 'Deras' }]);
  });

  test('several conflicts are all reported, non-conflicting edits still merge', () => {
    const r = mergeFields(
      base,
      { ...base, title: 'Min', unit: 'Min enhet', description: 'Min text' },
      { ...base, title: 'Deras', unit: 'Deras enhet' },
    );
    expect(r.conflicts.map((c) => c.field).sort()).toEqual(['title', 'unit']);
    expect(r.merged).toEqual({ ...base, title: 'Deras', unit: 'Deras enhet', description: 'Min text' });
  });

  test('a change back to the base value on one side counts as no change', () => {
    // Mine typed and deleted; theirs edited: theirs wins without conflict.
    const r = mergeFields(base, { ...base, title: 'Cykelbanor' }, { ...base, title: 'Deras' });
    expect(r.merged.title).toBe('Deras');
    expect(r.conflicts).toEqual([]);
  });

  test('a change to an empty string is a change', () => {
    const r = mergeFields(base, { ...base, unit: '' }, { ...base });
    expect(r.merged.unit).toBe('');
  });

  test('0, false and empty string are distinct values', () => {
    const b: Rec = { n: 0, f: false, s: '' };
    const r = mergeFields(b, { n: false, f: '', s: 0 }, { ...b });
    expect(r.merged).toEqual({ n: false, f: '', s: 0 });
  });

  describe('arrays and objects compare by value', () => {
    test('an equal copy of an array is not a change', () => {
      const b: Rec = { partyIds: ['p1', 'p2'] };
      const r = mergeFields(b, { partyIds: ['p1', 'p2'] }, { partyIds: ['p1', 'p2', 'p3'] });
      expect(r.merged.partyIds).toEqual(['p1', 'p2', 'p3']);
      expect(r.conflicts).toEqual([]);
    });
    test('the same array edit on both sides is no conflict', () => {
      const b: Rec = { partyIds: ['p1'] };
      const r = mergeFields(b, { partyIds: ['p1', 'p2'] }, { partyIds: ['p1', 'p2'] });
      expect(r.conflicts).toEqual([]);
      expect(r.merged.partyIds).toEqual(['p1', 'p2']);
    });
    test('different array edits conflict', () => {
      const b: Rec = { partyIds: ['p1'] };
      const r = mergeFields(b, { partyIds: ['p1', 'p2'] }, { partyIds: [] });
      expect(r.conflicts).toEqual([{ field: 'partyIds', base: ['p1'], mine: ['p1', 'p2'], theirs: [] }]);
      expect(r.merged.partyIds).toEqual([]);
    });
    test('array order matters', () => {
      const b: Rec = { partyIds: ['p1', 'p2'] };
      const r = mergeFields(b, { partyIds: ['p2', 'p1'] }, { ...b });
      expect(r.merged.partyIds).toEqual(['p2', 'p1']);
    });
    test('an equal copy of an object is not a change', () => {
      const b: Rec = { retention: { action: 'dispose', periodYears: 2 } };
      const r = mergeFields(b, { retention: { action: 'dispose', periodYears: 2 } }, { retention: { action: 'dispose', periodYears: 5 } });
      expect(r.merged.retention).toEqual({ action: 'dispose', periodYears: 5 });
      expect(r.conflicts).toEqual([]);
    });
    test('the same object with its keys in another order is equal', () => {
      // The server rebuilds objects in schema order; the client may hold them in another order.
      const b: Rec = { retention: { action: 'dispose', periodYears: 2 } };
      const r = mergeFields(b, { retention: { periodYears: 2, action: 'dispose' } }, { retention: { action: 'dispose', periodYears: 5 } });
      expect(r.merged.retention).toEqual({ action: 'dispose', periodYears: 5 });
      expect(r.conflicts).toEqual([]);
    });
    test('a key holding undefined equals an absent key (as after a JSON round trip)', () => {
      const b: Rec = { meta: { a: 1 } };
      const r = mergeFields(b, { meta: { a: 1, b: undefined } }, { meta: { a: 2 } });
      expect(r.conflicts).toEqual([]);
      expect(r.merged.meta).toEqual({ a: 2 });
    });
    test('nested arrays of objects', () => {
      const b: Rec = { changes: [{ field: 'a', to: '1' }] };
      const same = mergeFields(b, { changes: [{ to: '1', field: 'a' }] }, { changes: [{ field: 'a', to: '1' }] });
      expect(same.conflicts).toEqual([]);
      const diff = mergeFields(b, { changes: [{ field: 'a', to: '2' }] }, { changes: [{ field: 'a', to: '3' }] });
      expect(diff.conflicts.map((c) => c.field)).toEqual(['changes']);
    });
    test('an array is not equal to an object with the same entries', () => {
      const b: Rec = { v: ['x'] };
      const r = mergeFields(b, { v: { 0: 'x' } }, { ...b });
      expect(r.merged.v).toEqual({ 0: 'x' });
    });
    test('null is not equal to an empty object', () => {
      const b: Rec = { v: null };
      const r = mergeFields(b, { v: {} }, { v: null });
      expect(r.merged.v).toEqual({});
    });
  });

  describe('ignored fields (server-owned, replication metadata)', () => {
    test('always come from theirs, even when only mine changed them', () => {
      const r = mergeFields(base, { ...base, syncVersion: 99, updatedAt: 'mine' }, { ...base }, ['syncVersion', 'updatedAt']);
      expect(r.merged.syncVersion).toBe(3);
      expect(r.merged.updatedAt).toBe('T3');
    });
    test('never conflict', () => {
      const r = mergeFields(base, { ...base, syncVersion: 4 }, { ...base, syncVersion: 5 }, ['syncVersion']);
      expect(r.conflicts).toEqual([]);
      expect(r.merged.syncVersion).toBe(5);
    });
    test('a field absent from theirs stays absent', () => {
      const r = mergeFields({ _rev: '1-a' }, { _rev: '2-b' }, {}, ['_rev']);
      expect('_rev' in r.merged).toBe(false);
    });
    test('other fields still merge', () => {
      const r = mergeFields(base, { ...base, title: 'Min', syncVersion: 9 }, { ...base, syncVersion: 4 }, ['syncVersion']);
      expect(r.merged).toEqual({ ...base, title: 'Min', syncVersion: 4 });
    });
  });

  describe('fields added and removed', () => {
    test('a field added by mine is taken', () => {
      const r = mergeFields(base, { ...base, extra: 'x' }, { ...base });
      expect(r.merged.extra).toBe('x');
      expect(r.conflicts).toEqual([]);
    });
    test('a field added by theirs is kept', () => {
      const r = mergeFields(base, { ...base }, { ...base, extra: 'y' });
      expect(r.merged.extra).toBe('y');
    });
    test('the same field added on both sides with the same value: no conflict', () => {
      const r = mergeFields(base, { ...base, extra: 'z' }, { ...base, extra: 'z' });
      expect(r.conflicts).toEqual([]);
      expect(r.merged.extra).toBe('z');
    });
    test('the same field added on both sides with different values: conflict', () => {
      const r = mergeFields(base, { ...base, extra: 'x' }, { ...base, extra: 'y' });
      expect(r.conflicts).toEqual([{ field: 'extra', base: undefined, mine: 'x', theirs: 'y' }]);
    });
    test('a field removed by mine is removed', () => {
      const { description: _d, ...mine } = base;
      const r = mergeFields(base, mine, { ...base });
      expect(r.merged.description).toBeUndefined();
      expect(r.conflicts).toEqual([]);
    });
    test('a field removed by theirs stays removed', () => {
      const { description: _d, ...theirs } = base;
      const r = mergeFields(base, { ...base }, theirs);
      expect('description' in r.merged).toBe(false);
    });
    test('removed by mine, changed by theirs: conflict', () => {
      const { description: _d, ...mine } = base;
      const r = mergeFields(base, mine, { ...base, description: 'Deras' });
      expect(r.conflicts).toEqual([{ field: 'description', base: '', mine: undefined, theirs: 'Deras' }]);
      expect(r.merged.description).toBe('Deras');
    });
    test('removed on both sides: no conflict', () => {
      const { description: _d, ...rest } = base;
      const r = mergeFields(base, { ...rest }, { ...rest });
      expect(r.conflicts).toEqual([]);
      expect(r.merged.description).toBeUndefined();
    });
  });

  test('inputs are not mutated', () => {
    const b = { ...base };
    const m = { ...base, title: 'Min' };
    const t = { ...base, unit: 'Deras' };
    mergeFields(b, m, t, ['syncVersion']);
    expect(b).toEqual(base);
    expect(m).toEqual({ ...base, title: 'Min' });
    expect(t).toEqual({ ...base, unit: 'Deras' });
  });
});
