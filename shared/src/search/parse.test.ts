import { describe, expect, it } from 'vitest';
import { MAX_QUERY_LENGTH, normaliseCaseNumberQuery, parseQuery, type ParseResult, type Term } from '.';

function terms(text: string): readonly Term[] {
  const r = parseQuery(text);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(text)} to parse, got ${r.error}`);
  return r.query.terms;
}

function error(text: string): Omit<Extract<ParseResult, { ok: false }>, 'ok'> {
  const r = parseQuery(text);
  if (r.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused`);
  return r.at === undefined ? { error: r.error } : { error: r.error, at: r.at };
}

const word = (tokens: string[], extra: Partial<Term> = {}): Term =>
  ({ kind: 'text', field: null, tokens, prefix: true, negated: false, ...extra }) as Term;

describe('normaliseCaseNumberQuery', () => {
  it.each([
    ['ks 2026-42', { prefix: 'KS', year: 2026, serial: 42, documentSerial: null }],
    ['KS2026-00042', { prefix: 'KS', year: 2026, serial: 42, documentSerial: null }],
    ['2026-42', { prefix: null, year: 2026, serial: 42, documentSerial: null }],
    ['  Ks  2026 - 0042 ', { prefix: 'KS', year: 2026, serial: 42, documentSerial: null }],
    ['KS 2026-00042-3', { prefix: 'KS', year: 2026, serial: 42, documentSerial: 3 }],
    ['KS-2026-42', { prefix: 'KS', year: 2026, serial: 42, documentSerial: null }],
    ['sbn-b 2026-7', { prefix: 'SBN-B', year: 2026, serial: 7, documentSerial: null }],
    ['bön 2025-1', { prefix: 'BÖN', year: 2025, serial: 1, documentSerial: null }],
  ])('%s', (text, expected) => {
    expect(normaliseCaseNumberQuery(text)).toEqual(expected);
  });

  it.each(['', 'ks', '2026', '26-42', '2026-0', '2026-42-0', '2026-123456', 'ks 2026-42 x', '1 2026-1'])('refuses %j', (text) => {
    expect(normaliseCaseNumberQuery(text)).toBeNull();
  });
});

describe('parseQuery: words and phrases', () => {
  it('folds case, keeps å/ä/ö and matches words by prefix', () => {
    expect(terms('Bygglov ÅTGÄRD')).toEqual([word(['bygglov']), word(['åtgärd'])]);
  });

  it('reads a quoted phrase as exact consecutive tokens', () => {
    expect(terms('"Karin Svensson"')).toEqual([word(['karin', 'svensson'], { prefix: false })]);
  });

  it('splits a word on punctuation like the index does, keeping its parts together', () => {
    expect(terms('e-post')).toEqual([word(['e', 'post'])]);
  });

  it('normalises decomposed å to the same letter', () => {
    expect(terms('a\u030Agren')).toEqual([word(['ågren'])]);
  });

  it('excludes with a leading minus, and a minus inside a word is punctuation', () => {
    expect(terms('bygglov -avslag')).toEqual([word(['bygglov']), word(['avslag'], { negated: true })]);
    expect(terms('-"inte detta" ja')).toEqual([word(['inte', 'detta'], { prefix: false, negated: true }), word(['ja'])]);
    expect(terms('a - b')).toEqual([word(['a']), word(['b'])]);
  });

  it('treats FTS5 operators and syntax as plain text', () => {
    expect(terms('NEAR(a b)')).toEqual([word(['near', 'a']), word(['b'])]);
    expect(terms('a AND b OR NOT c')).toEqual([word(['a']), word(['and']), word(['b']), word(['or']), word(['not']), word(['c'])]);
    expect(terms('^start bygg*')).toEqual([word(['start']), word(['bygg'])]);
    expect(terms('{title description}: x')).toEqual([word(['title']), word(['description']), word(['x'])]);
    expect(terms('Re: bygglov')).toEqual([word(['re']), word(['bygglov'])]);
  });

  it('refuses what holds nothing searchable', () => {
    expect(error('')).toEqual({ error: 'empty' });
    expect(error('*')).toEqual({ error: 'empty' });
    expect(error('  ( ) "" - ')).toEqual({ error: 'empty' });
  });

  it('refuses a query of exclusions only', () => {
    expect(error('-bygglov -avslag')).toEqual({ error: 'only_exclusions' });
  });

  it('refuses an unbalanced quote, pointing at it', () => {
    expect(error('bygglov "Karin')).toEqual({ error: 'unbalanced_quote', at: 8 });
    expect(error('a "b" "c')).toEqual({ error: 'unbalanced_quote', at: 6 });
  });

  it('starts a phrase where a quote touches a word', () => {
    expect(terms('ab"c d"')).toEqual([word(['ab']), word(['c', 'd'], { prefix: false })]);
  });
});

describe('parseQuery: bounds and cleaning', () => {
  it('refuses more than MAX_QUERY_LENGTH characters, without reading them', () => {
    expect(terms('a'.repeat(MAX_QUERY_LENGTH))).toHaveLength(1);
    expect(error('a'.repeat(MAX_QUERY_LENGTH + 1))).toEqual({ error: 'too_long', at: MAX_QUERY_LENGTH });
    expect(error('"'.repeat(10_000))).toEqual({ error: 'too_long', at: MAX_QUERY_LENGTH });
  });

  it('refuses more than 20 terms', () => {
    expect(terms(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' '))).toHaveLength(20);
    expect(error(Array.from({ length: 21 }, (_, i) => `w${i}`).join(' ')).error).toBe('too_many_terms');
  });

  it('turns line breaks and tabs into spaces and drops other control and format characters', () => {
    expect(terms('bygg\nlov\tx')).toEqual([word(['bygg']), word(['lov']), word(['x'])]);
    expect(terms('byg\u0000g\u200Blov\u202E')).toEqual([word(['bygglov'])]);
  });
});

describe('parseQuery: numbers', () => {
  const num = (prefix: string | null, serial: number, documentSerial: number | null = null, negated = false): Term => ({
    kind: 'number',
    prefix,
    year: 2026,
    serial,
    documentSerial,
    negated,
  });

  it.each([
    ['ks 2026-42', num('KS', 42)],
    ['KS 2026-00042', num('KS', 42)],
    ['KS2026-00042', num('KS', 42)],
    ['2026-42', num(null, 42)],
    ['KS 2026-00042-3', num('KS', 42, 3)],
    ['nummer:2026-42', num(null, 42)],
    ['nummer:KS 2026-42', num('KS', 42)],
    ['number:"ks 2026-42"', num('KS', 42)],
    ['-nummer:2026-42 x', num(null, 42, null, true)],
  ])('%s', (text, expected) => {
    expect(terms(text)[0]).toEqual(expected);
  });

  it('takes a short word before a number as its prefix, a longer one as a word', () => {
    expect(terms('bygglov 2026-42')).toEqual([word(['bygglov']), num(null, 42)]);
    expect(terms('-ks 2026-42')).toEqual([word(['ks'], { negated: true }), num(null, 42)]);
  });

  it('refuses a number field without a number', () => {
    expect(error('nummer:abc')).toEqual({ error: 'bad_number', at: 0 });
    expect(error('x nummer:42')).toEqual({ error: 'bad_number', at: 2 });
  });
});

describe('parseQuery: fields', () => {
  it.each([
    ['rubrik:bygglov', 'title'],
    ['titel:bygglov', 'title'],
    ['beskrivning:bygglov', 'description'],
    ['avsändare:bygglov', 'sender'],
    ['AVSANDARE:bygglov', 'sender'],
    ['mottagare:bygglov', 'recipient'],
    ['handläggare:bygglov', 'officer'],
    ['handlaggare:bygglov', 'officer'],
    ['process:bygglov', 'process'],
    ['handlingstyp:bygglov', 'documentType'],
  ])('%s → %s', (text, field) => {
    expect(terms(text)).toEqual([word(['bygglov'], { field } as Partial<Term>)]);
  });

  it('takes a quoted value as a phrase', () => {
    expect(terms('avsändare:"Karin Svensson"')).toEqual([word(['karin', 'svensson'], { field: 'sender', prefix: false } as Partial<Term>)]);
  });

  it('refuses a field that does not exist, pointing at it', () => {
    expect(error('bygglov title:hemlig')).toEqual({ error: 'unknown_field', at: 8 });
    expect(error('constructor:x')).toEqual({ error: 'unknown_field', at: 0 });
    expect(error('valueOf:x')).toEqual({ error: 'unknown_field', at: 0 });
    // Field names are letters only: anything else before a colon is text.
    expect(terms('__proto__:x')).toEqual([word(['proto', 'x'])]);
  });

  it('refuses a known field with nothing after it', () => {
    expect(error('rubrik:')).toEqual({ error: 'empty_value', at: 0 });
    expect(error('x rubrik: y')).toEqual({ error: 'empty_value', at: 2 });
  });

  it('reads status and direction in Swedish and as stored values', () => {
    expect(terms('status:avslutat')).toEqual([{ kind: 'status', values: ['closed'], negated: false }]);
    expect(terms('status:Öppen')).toEqual([{ kind: 'status', values: ['draft', 'registered_unchecked', 'registered'], negated: false }]);
    expect(terms('status:"ej kvalitetssäkrad"')).toEqual([{ kind: 'status', values: ['registered_unchecked'], negated: false }]);
    expect(terms('status:closed')).toEqual([{ kind: 'status', values: ['closed'], negated: false }]);
    expect(terms('riktning:inkommen')).toEqual([{ kind: 'direction', values: ['incoming'], negated: false }]);
    expect(terms('riktning:ut')).toEqual([{ kind: 'direction', values: ['outgoing'], negated: false }]);
  });

  it('refuses a status or direction that names none', () => {
    expect(error('status:hemlig')).toEqual({ error: 'unknown_value', at: 0 });
    expect(error('riktning:toString')).toEqual({ error: 'unknown_value', at: 0 });
    expect(error('status:constructor')).toEqual({ error: 'unknown_value', at: 0 });
  });
});

describe('parseQuery: dates', () => {
  const date = (from: string | null, to: string | null): Term => ({ kind: 'date', from, to, negated: false });

  it.each([
    ['datum:2026-01-01..2026-03-31', date('2026-01-01', '2026-03-31')],
    ['datum:2026-01..2026-03', date('2026-01-01', '2026-03-31')],
    ['datum:2026..', date('2026-01-01', null)],
    ['datum:..2026-02', date(null, '2026-02-28')],
    ['datum:2024-02', date('2024-02-01', '2024-02-29')],
    ['datum:2026', date('2026-01-01', '2026-12-31')],
    ['datum:>=2026-01-01', date('2026-01-01', null)],
    ['datum:>2026-01-31', date('2026-02-01', null)],
    ['datum:>2026', date('2027-01-01', null)],
    ['datum:<=2026-03', date(null, '2026-03-31')],
    ['datum:<2026-03-01', date(null, '2026-02-28')],
    ['2026-03-05', date('2026-03-05', '2026-03-05')],
  ])('%s', (text, expected) => {
    expect(terms(text)).toEqual([expected]);
  });

  it.each([
    'datum:2026-02-30',
    'datum:2026-13',
    'datum:igår',
    'datum:..',
    'datum:2026-03-31..2026-01-01',
    'datum:>=',
    'datum:2026...2027',
    'datum:0999',
  ])('refuses %s', (text) => {
    expect(error(text)).toEqual({ error: 'bad_date', at: 0 });
  });
});
