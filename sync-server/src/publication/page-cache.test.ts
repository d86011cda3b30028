import { describe, expect, test } from 'vitest';
import { PageCache } from './page-cache';

describe('PageCache', () => {
  test('shares an answer (also one being made) until it is too old or the store has committed since', async () => {
    let now = 0;
    let commits = 0;
    let made = 0;
    const cache = new PageCache<number>(
      10,
      1000,
      () => now,
      () => commits,
    );
    const make = async () => ++made;
    const [a, b] = await Promise.all([cache.get('k', make), cache.get('k', make)]);
    expect([a, b, made]).toEqual([1, 1, 1]);
    now = 999;
    expect(await cache.get('k', make)).toBe(1);
    now = 1000;
    expect(await cache.get('k', make)).toBe(2);
    commits++;
    expect(await cache.get('k', make)).toBe(3);
    expect(await cache.get('k', make)).toBe(3);
  });
  test('an answer being made when a commit lands goes to those who asked before it, never to later callers; a failure is not kept', async () => {
    let commits = 0;
    const cache = new PageCache<number>(
      10,
      1000,
      () => 0,
      () => commits,
    );
    let release!: (n: number) => void;
    const slow = cache.get('k', () => new Promise<number>((r) => (release = r)));
    const joined = cache.get('k', async () => 99);
    commits++;
    const after = cache.get('k', async () => 2);
    release(1);
    expect([await slow, await joined, await after]).toEqual([1, 1, 2]);
    expect(await cache.get('k', async () => 3)).toBe(2);
    await expect(cache.get('f', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await cache.get('f', async () => 3)).toBe(3);
  });
  test('holds at most `max` answers, oldest out first', async () => {
    const cache = new PageCache<string>(
      2,
      1000,
      () => 0,
      () => 0,
    );
    for (const k of ['a', 'b', 'c']) await cache.get(k, async () => k);
    expect(await cache.get('a', async () => 'new a')).toBe('new a');
    expect(await cache.get('c', async () => 'new c')).toBe('c');
  });
  test('keeps an answer made alongside another only while the store is as it was when both were begun', async () => {
    let commits = 0;
    const cache = new PageCache<string>(
      10,
      1000,
      () => 0,
      () => commits,
    );
    let counted = -1;
    await cache.get('page 1', async (version) => {
      counted = version;
      cache.put('page 2', version, 'read with page 1');
      return 'page 1';
    });
    expect(counted).toBe(0);
    expect(await cache.get('page 2', async () => 'read alone')).toBe('read with page 1');
    // Made from reads begun before a commit: not kept, and what was kept is stale.
    cache.put('page 3', 0, 'read with page 2');
    commits++;
    cache.put('page 4', 0, 'read before the commit');
    expect(await cache.get('page 3', async () => 'read again')).toBe('read again');
    expect(await cache.get('page 4', async () => 'read again')).toBe('read again');
  });
});
