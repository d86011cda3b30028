import { describe, expect, it } from 'vitest';
import type { ConversionResult } from './conversion.service';
import { RenditionCache } from './rendition-cache';

const pdf = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

function counting(result: () => ConversionResult) {
  const calls = { n: 0 };
  const convert = async (): Promise<ConversionResult> => {
    calls.n++;
    return result();
  };
  return { calls, convert };
}

describe('RenditionCache', () => {
  it('converts once and serves the kept rendition the next time', async () => {
    const cache = new RenditionCache({ maxBytes: 1000, ttlMs: 60_000, now: () => 0 });
    const { calls, convert } = counting(() => ({ ok: true, pdf: pdf(10) }));
    expect((await cache.get('a', 'application/msword', convert)).ok).toBe(true);
    const again = await cache.get('a', 'application/msword', convert);
    expect(again).toEqual({ ok: true, pdf: pdf(10) });
    expect(calls.n).toBe(1);
  });

  it('shares one conversion between two openings at once', async () => {
    const cache = new RenditionCache({ maxBytes: 1000, ttlMs: 60_000, now: () => 0 });
    const { calls, convert } = counting(() => ({ ok: true, pdf: pdf(10) }));
    const [x, y] = await Promise.all([cache.get('a', 't', convert), cache.get('a', 't', convert)]);
    expect(x).toEqual(y);
    expect(calls.n).toBe(1);
  });

  it('keeps renditions apart by content and by type', async () => {
    const cache = new RenditionCache({ maxBytes: 1000, ttlMs: 60_000, now: () => 0 });
    const { calls, convert } = counting(() => ({ ok: true, pdf: pdf(10) }));
    await cache.get('a', 't1', convert);
    await cache.get('a', 't2', convert);
    await cache.get('b', 't1', convert);
    expect(calls.n).toBe(3);
    expect(cache.size.entries).toBe(3);
  });

  it('does not keep a failure: the next opening tries again', async () => {
    const cache = new RenditionCache({ maxBytes: 1000, ttlMs: 60_000, now: () => 0 });
    const { calls, convert } = counting(() => ({ ok: false, reason: 'busy' }));
    expect(await cache.get('a', 't', convert)).toEqual({ ok: false, reason: 'busy' });
    await cache.get('a', 't', convert);
    expect(calls.n).toBe(2);
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
  });

  it('converts again once the kept rendition is older than the time limit', async () => {
    let now = 0;
    const cache = new RenditionCache({ maxBytes: 1000, ttlMs: 100, now: () => now });
    const { calls, convert } = counting(() => ({ ok: true, pdf: pdf(10) }));
    await cache.get('a', 't', convert);
    now = 99;
    await cache.get('a', 't', convert);
    expect(calls.n).toBe(1);
    now = 100;
    await cache.get('a', 't', convert);
    expect(calls.n).toBe(2);
    expect(cache.size.bytes).toBe(10);
  });

  it('lets the least recently used go when the byte bound is passed, and never keeps one larger than the bound', async () => {
    const cache = new RenditionCache({ maxBytes: 25, ttlMs: 60_000, now: () => 0 });
    const { calls, convert } = counting(() => ({ ok: true, pdf: pdf(10) }));
    await cache.get('a', 't', convert);
    await cache.get('b', 't', convert);
    await cache.get('a', 't', convert); // a is now the most recently used
    await cache.get('c', 't', convert); // 30 bytes > 25: b goes
    expect(cache.size).toEqual({ entries: 2, bytes: 20 });
    expect(calls.n).toBe(3);
    await cache.get('a', 't', convert);
    expect(calls.n).toBe(3);
    await cache.get('b', 't', convert);
    expect(calls.n).toBe(4);
    const big = counting(() => ({ ok: true, pdf: pdf(26) }));
    await cache.get('huge', 't', big.convert);
    await cache.get('huge', 't', big.convert);
    expect(big.calls.n).toBe(2);
  });
});
