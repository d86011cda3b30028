import { describe, expect, it } from 'vitest';
import { comboboxKey } from './combobox-keys';

function key(name: string, mods: { ctrlKey?: boolean; metaKey?: boolean } = {}) {
  const seen = { prevented: false, stopped: false };
  const e = {
    key: name,
    ctrlKey: mods.ctrlKey ?? false,
    metaKey: mods.metaKey ?? false,
    preventDefault: () => void (seen.prevented = true),
    stopPropagation: () => void (seen.stopped = true),
  };
  return { e, seen };
}

const openList = { open: true, active: 1, count: 3, opensOnArrow: true };

describe('comboboxKey', () => {
  it('moves the highlight within the list with the arrow keys', () => {
    expect(comboboxKey(key('ArrowDown').e, openList)).toEqual({ kind: 'highlight', active: 2, open: true });
    expect(comboboxKey(key('ArrowDown').e, { ...openList, active: 2 })).toEqual({ kind: 'highlight', active: 2, open: true });
    expect(comboboxKey(key('ArrowUp').e, openList)).toEqual({ kind: 'highlight', active: 0, open: true });
    expect(comboboxKey(key('ArrowUp').e, { ...openList, active: 0 })).toEqual({ kind: 'highlight', active: 0, open: true });
    const { e, seen } = key('ArrowDown');
    comboboxKey(e, openList);
    expect(seen.prevented).toBe(true);
  });

  it('opens a closed list with ArrowDown only where asked to', () => {
    expect(comboboxKey(key('ArrowDown').e, { ...openList, open: false })).toEqual({ kind: 'highlight', active: 0, open: true });
    expect(comboboxKey(key('ArrowDown').e, { ...openList, open: false, opensOnArrow: false })).toEqual({
      kind: 'highlight',
      active: 1,
      open: false,
    });
  });

  it('chooses the highlighted option with Enter, but leaves Ctrl/Cmd+Enter and a closed list to the form', () => {
    const enter = key('Enter');
    expect(comboboxKey(enter.e, openList)).toEqual({ kind: 'choose', index: 1 });
    expect(enter.seen.prevented).toBe(true);
    const save = key('Enter', { ctrlKey: true });
    expect(comboboxKey(save.e, openList)).toEqual({ kind: 'none' });
    expect(save.seen.prevented).toBe(false);
    expect(comboboxKey(key('Enter', { metaKey: true }).e, openList)).toEqual({ kind: 'none' });
    expect(comboboxKey(key('Enter').e, { ...openList, open: false })).toEqual({ kind: 'none' });
    expect(comboboxKey(key('Enter').e, { ...openList, count: 0, active: 0 })).toEqual({ kind: 'none' });
  });

  it('closes an open list with Escape without letting it reach a dialog; a closed list lets it pass', () => {
    const esc = key('Escape');
    expect(comboboxKey(esc.e, openList)).toEqual({ kind: 'close' });
    expect(esc.seen).toEqual({ prevented: true, stopped: true });
    const passing = key('Escape');
    expect(comboboxKey(passing.e, { ...openList, open: false })).toEqual({ kind: 'none' });
    expect(passing.seen).toEqual({ prevented: false, stopped: false });
  });

  it('ignores other keys', () => {
    const other = key('a');
    expect(comboboxKey(other.e, openList)).toEqual({ kind: 'none' });
    expect(other.seen.prevented).toBe(false);
  });
});
