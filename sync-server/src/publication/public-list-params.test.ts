import { describe, expect, test } from 'vitest';
import { formatPosition, MAX_PAGE_SIZE, parsePublicListParams, publicListKey } from './public-list-params';

const parse = (q: string) => parsePublicListParams(new URLSearchParams(q));

describe('the public list’s parameters', () => {
  test('none: every registered day, the default page', () => {
    const r = parse('');
    expect(r).toMatchObject({
      ok: true,
      request: {
        query: { from: '0000-01-01', to: '9999-12-31', number: null, words: '', registerIds: null, includeRestricted: false },
        after: null,
        pageSize: 25,
        publishedOnly: false,
      },
    });
  });
  test('a date, a range, an open-ended range', () => {
    expect(parse('datum=2026-12-07')).toMatchObject({ ok: true, request: { query: { from: '2026-12-07', to: '2026-12-07' } } });
    expect(parse('fran=2026-12-01&till=2026-12-07')).toMatchObject({
      ok: true,
      request: { query: { from: '2026-12-01', to: '2026-12-07' } },
    });
    expect(parse('fran=2026-12-01')).toMatchObject({ ok: true, request: { query: { from: '2026-12-01', to: '9999-12-31' } } });
  });
  test('a number however it is typed', () => {
    for (const typed of ['KS 2026-00042', 'ks 2026-42', 'KS2026-42', ' ks  2026 - 042 '])
      expect(parse(`nummer=${encodeURIComponent(typed)}`), typed).toMatchObject({
        ok: true,
        request: { query: { number: { prefix: 'KS', year: 2026, serial: 42, documentSerial: null } } },
      });
    expect(parse('nummer=2026-42-3')).toMatchObject({
      ok: true,
      request: { query: { number: { prefix: null, year: 2026, serial: 42, documentSerial: 3 } } },
    });
  });
  test('only published documents: publicerade=1, nothing else', () => {
    expect(parse('publicerade=1')).toMatchObject({ ok: true, request: { publishedOnly: true, form: { publicerade: '1' } } });
    expect(parse('publicerade=ja')).toEqual({
      ok: false,
      form: expect.objectContaining({ publicerade: 'ja' }),
      message: 'Filtret för publicerade handlingar känns inte igen.',
    });
  });
  test('a page link round-trips; the form echoes what was typed', () => {
    const after = { registeredDate: '2026-12-07', newestKey: '8230000000000', id: 'doc-1' };
    const r = parse(`ord=${encodeURIComponent(' bygglov ')}&antal=${MAX_PAGE_SIZE}&efter=${formatPosition(after)}`);
    expect(r).toMatchObject({ ok: true, request: { after, pageSize: MAX_PAGE_SIZE, form: { ord: 'bygglov', antal: '100' } } });
    expect(formatPosition(after)).not.toMatch(/\d{6}/);
  });
  test.each([
    ['datum=2026-02-30', 'Datum måste vara ett datum'],
    ['fran=7 dec', 'Från och med måste vara ett datum'],
    ['till=2026-1-1', 'Till och med måste vara ett datum'],
    ['fran=2026-12-08&till=2026-12-07', 'ligger efter'],
    ['datum=2026-12-07&till=2026-12-08', 'inte båda'],
    ['nummer=hej', 'Diarienumret känns inte igen'],
    ['antal=0', 'Antal per sida'],
    ['antal=2.5', 'Antal per sida'],
    ['efter=%%%', 'Sidlänken är ogiltig'],
    [`efter=${Buffer.from('2026-12-07~x~doc').toString('base64url')}`, 'Sidlänken är ogiltig'],
    [`nummer=${'1'.repeat(201)}`, 'för långt'],
  ])('%s: one Swedish message, nothing read', (q, message) => {
    const r = parse(q);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });
  test('the key of a page: other parameters, their order and spaces around values change nothing; every parameter read does', () => {
    const key = (q: string) => publicListKey(new URLSearchParams(q));
    expect(key('nummer=KS%202026-42&ord=bygglov')).toBe(key('ord=+bygglov+&utm_source=x&nummer=KS 2026-42&datum=&z=1'));
    expect(parse('nummer=KS%202026-42&ord=bygglov')).toEqual(parse('ord=+bygglov+&utm_source=x&nummer=KS 2026-42&datum=&z=1'));
    // Each parameter the parser reads is part of the key.
    const read = new Set<string>();
    class Recording extends URLSearchParams {
      override get(name: string): string | null {
        read.add(name);
        return super.get(name);
      }
    }
    parsePublicListParams(new Recording(''));
    expect(read.size).toBeGreaterThan(0);
    for (const name of read) expect(key(`${name}=1`), name).not.toBe(key(''));
  });
});
