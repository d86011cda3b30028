import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextChange, diffText, shiftIndex } from './text-binding';

describe('diffText', () => {
  it.each([
    // typing at the end
    ['abc', 'abcd', { index: 3, remove: 0, insert: 'd' }],
    // typing in the middle
    ['ac', 'abc', { index: 1, remove: 0, insert: 'b' }],
    // backspace
    ['abc', 'ac', { index: 1, remove: 1, insert: '' }],
    // selection replaced by a paste
    ['hej världen', 'hej du', { index: 4, remove: 7, insert: 'du' }],
    // repeated letters: the edit is placed after the common prefix, never doubled
    ['aaa', 'aaaa', { index: 3, remove: 0, insert: 'a' }],
    // no change
    ['same', 'same', { index: 4, remove: 0, insert: '' }],
  ])('%j → %j', (before, after, expected) => {
    expect(diffText(before, after)).toEqual(expected);
  });
});

describe('applyTextChange', () => {
  it('turns the shared text into what the field shows, in one update with the given origin', () => {
    const doc = new Y.Doc();
    const text = doc.getText('notes');
    text.insert(0, 'Möte med nämnden');
    const origins: unknown[] = [];
    doc.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
    applyTextChange(text, 'Möte med nämnden', 'Möte med styrelsen i maj', 'field');
    expect(text.toString()).toBe('Möte med styrelsen i maj');
    expect(origins).toEqual(['field']);
  });
});

describe('shiftIndex', () => {
  it('moves the caret right when text is inserted before it', () => {
    expect(shiftIndex([{ retain: 2 }, { insert: 'xyz' }], 5)).toBe(8);
  });
  it('keeps the caret when text is inserted after it', () => {
    expect(shiftIndex([{ retain: 7 }, { insert: 'xyz' }], 5)).toBe(5);
  });
  it('moves the caret left when text before it is deleted, and no further than the deletion start', () => {
    expect(shiftIndex([{ retain: 1 }, { delete: 2 }], 5)).toBe(3);
    expect(shiftIndex([{ retain: 3 }, { delete: 5 }], 5)).toBe(3);
  });
  it('follows several steps in order', () => {
    expect(shiftIndex([{ insert: 'ab' }, { retain: 1 }, { delete: 1 }], 4)).toBe(5);
    // "abcde", caret after "c": "ab" deleted, then "xyz" typed where it was → "xyzcde", caret after "c".
    expect(shiftIndex([{ delete: 2 }, { insert: 'xyz' }], 3)).toBe(4);
  });
});
