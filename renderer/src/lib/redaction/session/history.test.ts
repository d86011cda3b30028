import { describe, expect, it } from 'vitest';
import { History } from './history';

describe('History', () => {
  it('undoes and redoes, and a new change forgets what was undone', () => {
    const h = new History('a');
    h.push('b');
    h.push('c');
    expect(h.undo()).toBe('b');
    expect(h.undo()).toBe('a');
    expect(h.canUndo).toBe(false);
    expect(h.undo()).toBe('a');
    expect(h.redo()).toBe('b');
    h.push('x');
    expect(h.canRedo).toBe(false);
    expect(h.undo()).toBe('b');
  });

  it('makes successive changes with the same key one step (a box nudged press after press)', () => {
    const h = new History(0);
    h.push(1, 'move:m1');
    h.push(2, 'move:m1');
    h.push(3, 'move:m1');
    h.push(4, 'move:m2');
    expect(h.undo()).toBe(3);
    expect(h.undo()).toBe(0);
    // After an undo the same key starts a new step.
    h.push(5, 'move:m1');
    h.push(6, 'move:m1');
    expect(h.undo()).toBe(0);
  });

  it('ignores a change to the same state, keeps at most `limit` steps, and starts over on reset', () => {
    const h = new History('a', 2);
    expect(h.push('a')).toBe('a');
    expect(h.canUndo).toBe(false);
    h.push('b');
    h.push('c');
    h.push('d');
    expect(h.undo()).toBe('c');
    expect(h.undo()).toBe('b');
    expect(h.canUndo).toBe(false);
    h.reset('z');
    expect(h.current).toBe('z');
    expect(h.canUndo || h.canRedo).toBe(false);
  });
});
