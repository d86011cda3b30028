import { describe, expect, it } from 'vitest';
import { ListUsable, waitsForList } from './list-usable';

describe('ListUsable', () => {
  it('waits for every tiered collection to store its first screen (tier 1), and for the others to end their first download', () => {
    const list = new ListUsable(['cases', 'documents', 'users']);
    list.stored('cases', { seq: 9, w: 0, first: { tier: 1, key: 'k1', id: 'c1' } }, false);
    list.stored('cases', { seq: 9, w: 0, first: { tier: 1, key: 'k2', id: 'c2' } }, false);
    list.stored('users', { seq: 4 }, false);
    list.stored('documents', { seq: 9, w: 0, first: { tier: 2, key: 'k3', id: 'c3' } }, false);
    expect(list.usable).toBe(false);
    // Past the screen into the rest of own open work.
    list.stored('cases', { seq: 9, w: 0, first: { tier: 0, key: 'k9', id: 'c9' } }, false);
    expect(list.usable).toBe(false);
    list.stored('users', { seq: 5 }, true);
    expect(list.usable).toBe(true);
  });

  it('counts a tiered collection whose tiers ended (no cursor any more) as past them, before its catch-up ends', () => {
    const list = new ListUsable(['cases']);
    list.stored('cases', { seq: 9, w: 0, first: { tier: 1, key: 'k1', id: 'c1' } }, false);
    list.stored('cases', { seq: 12, w: 0 }, false);
    expect(list.usable).toBe(true);
  });

  it('a resumed download that is already past the first screen is usable at its first answer', () => {
    const list = new ListUsable(['cases']);
    list.stored('cases', { seq: 9, w: 0, first: { tier: 3, key: '10', id: 'c1' } }, false);
    expect(list.usable).toBe(true);
  });
});

describe('waitsForList', () => {
  it('holds back the collections the list does not read, and a tiered one past its first screen', () => {
    expect(waitsForList('audit', null)).toBe(true);
    expect(waitsForList('files', { seq: 3 })).toBe(true);
    expect(waitsForList('parties', null)).toBe(true);
    expect(waitsForList('cases', null)).toBe(false);
    expect(waitsForList('cases', { seq: 9, first: { tier: 1, key: 'k', id: 'c' } })).toBe(false);
    expect(waitsForList('documents', { seq: 9, first: { tier: 0, key: 'k', id: 'c' } })).toBe(true);
    expect(waitsForList('documents', { seq: 9, first: { tier: 2, key: 'k', id: 'c' } })).toBe(true);
    // No cursor: not in tiers (a collection the server does not tier, or one whose tiers ended).
    expect(waitsForList('cases', { seq: 9 })).toBe(false);
    expect(waitsForList('users', null)).toBe(false);
  });
});
